#include "result_stream.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "etalon/core/utf8.hpp"
#include "markup_writer.hpp"

namespace etalon::reports {

void ForEachResult(
    const std::string& run_folder, const run::JournalFields& fields,
    const std::function<void(const nlohmann::json& record, std::string_view text, std::size_t line)>& visit) {
  const auto path = run_folder + "/results.jsonl";
  run::ForEachJournalLine(path, [&](const std::string& line, std::size_t number) {
    // Valid lines, nearly all of them, are read in place.
    std::string replaced;
    std::string_view text = line;
    if (!core::IsValidUtf8(line)) {
      replaced = ReplaceInvalidUtf8(line);
      text = replaced;
    }
    nlohmann::json record;
    try {
      record = run::ParseJournalLine(text, fields);
    } catch (const nlohmann::json::exception&) {
      record = nlohmann::json::value_t::discarded;
    }
    if (!record.is_object()) {
      throw std::runtime_error(fmt::format("{}:{}: not a JSON object", path, number));
    }
    visit(record, text, number);
  });
}

}  // namespace etalon::reports
