#include "etalon/dataset/jsonl_dataset.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string_view>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "etalon/core/identifier.hpp"
#include "etalon/core/json_text.hpp"

namespace etalon::dataset {

namespace {

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

bool ParseSampleLine(const std::string& line, std::size_t line_number, const std::string& path, core::Sample& sample,
                     core::Diagnostic& problem) {
  problem = {path, line_number, "", ""};
  nlohmann::json object;
  try {
    object = core::ParseJson(line);
  } catch (const nlohmann::json::exception& error) {
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1, column N: ...",
    // or is "[json.exception.out_of_range.406] number overflow parsing '1e999'" for a number no double holds.
    const std::string what = error.what();
    auto start = what.find("column");
    if (start == std::string::npos) {
      const auto prefix_end = what.find("] ");
      start = prefix_end == std::string::npos ? 0 : prefix_end + 2;
    }
    problem.message = "malformed JSON: " + what.substr(start);
    return false;
  }
  if (!object.is_object()) {
    problem.message = "must be a JSON object";
    return false;
  }
  const auto id = object.find("id");
  if (id == object.end()) {
    problem.field = "id";
    problem.message = "is required";
    return false;
  }
  if (!id->is_string() || !core::IsValidIdentifier(id->get_ref<const std::string&>())) {
    problem.field = "id";
    problem.message = core::kIdentifierRule;
    return false;
  }
  sample.references.clear();
  if (const auto reference = object.find("reference"); reference != object.end()) {
    if (reference->is_string()) {
      sample.references.push_back(reference->get<std::string>());
    } else if (reference->is_array() && !reference->empty()) {
      for (const auto& item : *reference) {
        if (!item.is_string()) {
          problem.field = "reference";
          problem.message = "must be a string or a list of strings";
          return false;
        }
        sample.references.push_back(item.get<std::string>());
      }
    } else if (!reference->is_null()) {
      problem.field = "reference";
      problem.message = "must be a string or a non-empty list of strings";
      return false;
    }
  }
  sample.id = id->get<std::string>();
  sample.line = line_number;
  sample.fields = std::move(object);
  return true;
}

JsonlDataset::JsonlDataset(std::string path, core::Sha256* hash) : path_(std::move(path)), reader_(path_, hash) {}

JsonlDataset::Read JsonlDataset::Next(core::Sample& sample, core::Diagnostic& problem) {
  while (reader_.Next(line_)) {
    if (IsBlank(line_)) {
      continue;
    }
    return ParseSampleLine(line_, reader_.line_number(), path_, sample, problem) ? Read::kSample : Read::kBadLine;
  }
  return Read::kEnd;
}

namespace {

using SampleCheck = std::function<void(const core::Sample&, core::Diagnostics&)>;
using SampleFilter = std::function<bool(const core::Sample&)>;

// The 64-bit hashes of the ids seen more than once, sorted, from every id's
// hash; `hashes` is consumed so its memory goes back before the run.
std::vector<std::uint64_t> RepeatedHashes(std::vector<std::uint64_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  std::vector<std::uint64_t> repeated;
  for (std::size_t i = 1; i < hashes.size(); ++i) {
    if (hashes[i] == hashes[i - 1] && (repeated.empty() || repeated.back() != hashes[i])) {
      repeated.push_back(hashes[i]);
    }
  }
  return repeated;
}

// One pass over the file. Every good sample's id hash goes to
// `id_hashes` when given. With `repeated`, the ids whose hash is in it
// are tracked by their text, so the second and later lines of an id are
// reported as duplicates naming the first: only those ids are held.
DatasetCheck CheckPass(const std::string& path, core::Diagnostics& diagnostics, const SampleCheck& check_sample,
                       std::size_t max_diagnostics, const SampleFilter& include,
                       const std::vector<std::uint64_t>* repeated, std::vector<std::uint64_t>* id_hashes) {
  DatasetCheck check;
  core::Sha256 file_hash;
  JsonlDataset dataset(path, &file_hash);
  if (!dataset.is_open()) {
    diagnostics.push_back({path, 0, "", "cannot open dataset file (does it exist?)"});
    return check;
  }
  const std::size_t first = diagnostics.size();
  auto report = [&](core::Diagnostic problem) {
    if (diagnostics.size() - first < max_diagnostics) {
      diagnostics.push_back(std::move(problem));
    }
  };
  std::map<std::string, std::size_t, std::less<>> first_line_of_repeated_id;
  core::Sample sample;
  core::Diagnostic problem;
  core::Diagnostics sample_problems;
  for (;;) {
    const auto read = dataset.Next(sample, problem);
    if (read == JsonlDataset::Read::kEnd) {
      break;
    }
    if (read == JsonlDataset::Read::kBadLine) {
      ++check.bad_lines;
      report(problem);
      continue;
    }
    // A hash, not a digest: two ids that share it are told apart by their
    // text in the second pass, so only speed depends on its quality.
    const std::uint64_t id_hash = std::hash<std::string_view>{}(sample.id);
    if (id_hashes != nullptr) {
      id_hashes->push_back(id_hash);
    }
    if (repeated != nullptr && std::binary_search(repeated->begin(), repeated->end(), id_hash)) {
      const auto [where, inserted] = first_line_of_repeated_id.emplace(sample.id, sample.line);
      if (!inserted) {
        ++check.bad_lines;
        report({path, sample.line, "id",
                fmt::format("duplicate id '{}' (first seen on line {})", sample.id, where->second)});
        continue;
      }
    }
    if (include && !include(sample)) {
      continue;  // ids still count for duplicates: the file is one dataset
    }
    if (check_sample) {
      sample_problems.clear();
      check_sample(sample, sample_problems);
      if (!sample_problems.empty()) {
        ++check.bad_lines;
        for (auto& sample_problem : sample_problems) {
          report(std::move(sample_problem));
        }
        continue;
      }
    }
    ++check.samples;
  }
  if (dataset.failed()) {
    diagnostics.push_back({path, 0, "", "read error"});
  }
  if (diagnostics.size() - first >= max_diagnostics && check.bad_lines > max_diagnostics) {
    diagnostics.push_back({path, 0, "", fmt::format("{} bad lines in all; only the first {} are shown",
                                                    check.bad_lines, max_diagnostics)});
  }
  check.sha256 = file_hash.HexDigest();
  return check;
}

}  // namespace

DatasetCheck CheckDataset(const std::string& path, core::Diagnostics& diagnostics, const SampleCheck& check_sample,
                          std::size_t max_diagnostics, const SampleFilter& include) {
  // Duplicate ids without a table of every id: 8 bytes an id, sorted once and
  // freed. Only when some hash repeats is the file read again, tracking
  // just those ids by their text, so the report names both lines exactly.
  const std::size_t first = diagnostics.size();
  std::vector<std::uint64_t> id_hashes;
  auto check = CheckPass(path, diagnostics, check_sample, max_diagnostics, include, nullptr, &id_hashes);
  const auto repeated = RepeatedHashes(std::move(id_hashes));
  if (repeated.empty()) {
    return check;
  }
  diagnostics.resize(first);
  return CheckPass(path, diagnostics, check_sample, max_diagnostics, include, &repeated, nullptr);
}

}  // namespace etalon::dataset
