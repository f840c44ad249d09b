#include "result_stream.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "markup_writer.hpp"

namespace etalon::reports {

void ForEachResult(const std::string& run_folder,
                   const std::function<void(const nlohmann::json& record, std::size_t line)>& visit) {
  const auto path = run_folder + "/results.jsonl";
  core::LineReader reader(path);
  if (!reader.is_open()) {
    throw std::runtime_error(fmt::format("{}: cannot read", path));
  }
  std::string line;
  while (reader.Next(line)) {
    if (line.empty()) {
      continue;
    }
    auto record = nlohmann::json::parse(ReplaceInvalidUtf8(line), nullptr, false);
    if (!record.is_object()) {
      throw std::runtime_error(fmt::format("{}:{}: not a JSON object", path, reader.line_number()));
    }
    visit(record, reader.line_number());
  }
  if (reader.failed()) {
    throw std::runtime_error(fmt::format("{}: read error after line {}", path, reader.line_number()));
  }
}

}  // namespace etalon::reports
