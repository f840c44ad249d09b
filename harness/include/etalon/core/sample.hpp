// One dataset item as the harness sees it. Compare MLPerf LoadGen's
// QuerySampleLibrary: the dataset owns the data; everything downstream refers
// to a sample by its stable `id`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace etalon::core {

struct Sample {
  std::string id;                       // stable, unique within its dataset
  std::vector<std::string> references;  // empty when the item has none; several for multi-reference metrics
  // Every field of the JSONL object, `id`, `input` and `reference` included,
  // so templates and scorers can read task-specific fields (context, question, labels...).
  nlohmann::json fields;
  std::size_t line = 0;  // 1-based line in the dataset file, for error messages
};

}  // namespace etalon::core
