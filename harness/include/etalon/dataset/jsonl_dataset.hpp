// A dataset read lazily from JSONL, one sample a line (compare LoadGen's
// QuerySampleLibrary). Memory holds one line at a time, whatever the file's size.
//
// Line shape: {"id": "...", "input": ..., "reference": "..." | ["...", ...], ...}
// `id` is required and must be an identifier; every other field is free and
// reaches templates and scorers through Sample::fields. Blank lines are ignored.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "etalon/core/diagnostic.hpp"
#include "etalon/core/line_reader.hpp"
#include "etalon/core/sample.hpp"
#include "etalon/core/sha256.hpp"

namespace etalon::dataset {

class JsonlDataset {
 public:
  enum class Read { kSample, kBadLine, kEnd };

  // `hash`, when given, receives every byte of the file as it is read.
  explicit JsonlDataset(std::string path, core::Sha256* hash = nullptr);

  bool is_open() const { return reader_.is_open(); }
  const std::string& path() const { return path_; }

  // Reads the next sample. kBadLine: `problem` says what is wrong with that
  // line (the line is consumed); kEnd: end of file or a read error (see failed()).
  Read Next(core::Sample& sample, core::Diagnostic& problem);
  bool failed() const { return reader_.failed(); }

 private:
  std::string path_;
  core::LineReader reader_;
  std::string line_;
};

// Parses one JSONL line into a sample; on failure fills `problem`.
bool ParseSampleLine(const std::string& line, std::size_t line_number, const std::string& path, core::Sample& sample,
                     core::Diagnostic& problem);

struct DatasetCheck {
  std::string sha256;       // of the file's bytes
  std::size_t samples = 0;  // good samples (of those `include` keeps)
  std::size_t bad_lines = 0;
};

// Streams the whole file once: sha256, sample count, malformed lines and
// duplicate ids (each reported with file:line), and `check_sample` on every
// good sample (for template variables). Stops adding diagnostics after
// `max_diagnostics` but keeps counting. Memory: 8 bytes an id, freed before
// it returns; a file where an id repeats is read a second time to name the
// lines, so `check_sample` must have no side effects.
DatasetCheck CheckDataset(const std::string& path, core::Diagnostics& diagnostics,
                          const std::function<void(const core::Sample&, core::Diagnostics&)>& check_sample = {},
                          std::size_t max_diagnostics = 50,
                          const std::function<bool(const core::Sample&)>& include = {});

}  // namespace etalon::dataset
