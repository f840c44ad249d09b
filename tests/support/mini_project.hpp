// A small plan/suite/dataset tree in a temp folder, for CLI tests: each test
// starts from a valid project and breaks exactly one thing.
#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace etalon::testing {

struct MiniProject {
  TempDir dir;
  std::string plan;     // plans/p.yaml
  std::string suite;    // suites/s.yaml
  std::string dataset;  // datasets/d.jsonl

  // `samples` lines "s0".."s{n-1}" with input and reference; the plan runs
  // builtin:echo (with `echo_options`) on suite "s" scored by token_f1.
  explicit MiniProject(int samples = 5, const std::string& echo_options = "{}", int concurrency = 8);

  std::string Out(const std::string& name = "run") const { return dir.Path(name); }
};

}  // namespace etalon::testing
