// Fuzz target: the fast JSON reader (core/json_text) against nlohmann.
// Whatever the bytes, core::ParseJson gives nlohmann::json::parse's value or
// error, ParseJsonOrDiscarded discards exactly what parse rejects, and a
// result line read by the passes after a run (run::ParseJournalLine) keeps
// the fields of a whole parse, or fails with the same error. Any difference
// aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "etalon/core/json_text.hpp"
#include "etalon/run/journal_reader.hpp"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  const auto parsed = Parsed(line);
  const bool rejected = !nlohmann::json::accept(line);
  if (FastParsed(line) != parsed || etalon::core::ParseJsonOrDiscarded(line).is_discarded() != rejected ||
      Filtered(line) != Whole(line)) {
    std::abort();
  }
  return 0;
}
