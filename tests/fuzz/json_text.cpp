// Fuzz target: the fast JSON reader (core/json_text) against nlohmann.
// Whatever the bytes, core::ParseJson gives nlohmann::json::parse's value or
// error, ParseJsonOrDiscarded discards exactly what parse rejects, and a
// result line read by the passes after a run (run::ParseJournalLine) keeps
// the fields of a whole parse, or fails with the same error; walking the
// nested values of vouched text finds what scanning them again finds; and
// the summary's typed reading of a line (summary::ReadSummaryRecord) equals
// its reading of the parsed line, or fails as it does. Any difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include <vector>

#include "etalon/core/json_text.hpp"
#include "etalon/run/journal_reader.hpp"
#include "etalon/summary/summary_record.hpp"

namespace {

const etalon::run::JournalFields kFields = {"adapter", "scores", "timing", "output"};

std::string Whole(const std::string& line) {
  try {
    const auto full = nlohmann::json::parse(line);
    if (!full.is_object()) {
      return full.dump();
    }
    auto kept = nlohmann::json::object();
    for (const auto field : kFields) {
      if (const auto found = full.find(std::string(field)); found != full.end()) {
        kept[std::string(field)] = *found;
      }
    }
    return kept.dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

std::string Parsed(const std::string& text) {
  try {
    return nlohmann::json::parse(text).dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

std::string FastParsed(const std::string& text) {
  try {
    return etalon::core::ParseJson(text).dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

std::string Filtered(const std::string& line) {
  try {
    return etalon::run::ParseJournalLine(line, kFields).dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

// Every nested member or element as text, scanned again (`scan`) or walked.
void Collect(const etalon::core::ValidatedJson& value, bool scan, std::vector<std::string>& items) {
  const auto member = [&](std::string_view key, const etalon::core::ValidatedJson& nested) {
    items.push_back(std::string(key) + "=" + std::string(nested.text()));
    Collect(nested, scan, items);
  };
  const auto element = [&](const etalon::core::ValidatedJson& nested) {
    items.push_back(std::string(nested.text()));
    Collect(nested, scan, items);
  };
  bool read = true;
  if (value.IsObject()) {
    read = scan ? etalon::core::ScanObjectFields(value.text(), member) : value.ForEachMember(member);
  } else if (value.IsArray()) {
    read = scan ? etalon::core::ScanArrayElements(value.text(), element) : value.ForEachElement(element);
  }
  if (!read) items.push_back("!");
}

bool WalkAgreesWithScan(const std::string& line) {
  std::vector<std::string> scanned;
  std::vector<std::string> walked;
  etalon::core::ScanObjectFields(line, [&](std::string_view, const etalon::core::ValidatedJson& value) {
    Collect(value, true, scanned);
    Collect(value, false, walked);
  });
  return scanned == walked;
}

std::variant<etalon::summary::SummaryRecord, std::string> Record(const std::string& line, bool in_place) {
  try {
    return in_place ? etalon::summary::ReadSummaryRecord(line)
                    : etalon::summary::SummaryRecordFromJson(nlohmann::json::parse(line));
  } catch (const nlohmann::json::exception& error) {
    return std::string(error.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  const auto parsed = Parsed(line);
  const bool rejected = !nlohmann::json::accept(line);
  if (FastParsed(line) != parsed || etalon::core::ParseJsonOrDiscarded(line).is_discarded() != rejected ||
      Filtered(line) != Whole(line) || !WalkAgreesWithScan(line) || Record(line, true) != Record(line, false)) {
    std::abort();
  }
  return 0;
}
