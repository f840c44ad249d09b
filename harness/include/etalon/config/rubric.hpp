// A judge rubric (suites/rubrics/<id>.yaml): a versioned French prompt that
// asks a model to grade answers, and the verdict it expects back. Judgments
// record the rubric's id, version and the sha256 of its file, so a score
// always names the exact wording that produced it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "etalon/core/diagnostic.hpp"
#include "etalon/core/request.hpp"

namespace etalon::config {

enum class JudgeMode {
  kScore,     // one answer, a note from 1 to 5
  kPassFail,  // one answer, acceptable or not
  kPairwise,  // two answers to the same sample, the better one (or a tie)
};

std::string_view ToString(JudgeMode mode);

struct Rubric {
  std::string path;
  std::string id;
  int version = 1;
  JudgeMode mode = JudgeMode::kScore;
  std::string description;
  std::string system_prompt;
  // Mustache over the sample's fields plus `output` (score, pass_fail) or
  // `output_a` and `output_b` (pairwise); the template must use them.
  std::string template_text;
  core::GenerationSettings generation;
  std::string sha256;  // of the file's bytes
  nlohmann::json as_written;
};

struct RubricLoadResult {
  std::optional<Rubric> rubric;
  core::Diagnostics diagnostics;
};

// <suites_dir>/rubrics/<id>.yaml
std::string RubricPath(const std::string& suites_dir, const std::string& rubric_id);

RubricLoadResult LoadRubric(const std::string& path);

}  // namespace etalon::config
