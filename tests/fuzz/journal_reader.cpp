// Fuzz target: a result line read by the passes after a run
// (run::ParseJournalLine and its scanner). Whatever the bytes, the fields it
// keeps are those of a whole nlohmann parse, or both fail with the same
// error; any difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

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
  if (Filtered(line) != Whole(line)) {
    std::abort();
  }
  return 0;
}
