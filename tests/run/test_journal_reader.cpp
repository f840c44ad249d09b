// Tests for harness/run/journal_reader.cpp, whose fast path is
// harness/core/json_text.cpp (tested in tests/core/test_json_text.cpp): only the fields asked for are built,
// each equal to what nlohmann::json::parse gives, and every hostile line
// fails with nlohmann::json::parse's own error.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "etalon/run/journal_reader.hpp"
#include "support/temp_dir.hpp"

using etalon::run::ForEachJournalLine;
using etalon::run::JournalFields;
using etalon::run::ParseJournalLine;

namespace {

const std::string kRecord =
    R"({"schema":1,"adapter":"a","suite":"s","sample":"x","repeat":0,"ok":true,"output":"réponse \"citée\"",)"
    R"("error":null,"scores":{"exact_match":{"value":1.0,"statistics":[1,2.5,-3]},"bleu":{"value":null,"error":"e"}},)"
    R"("usage":{"input_tokens":12,"output_tokens":null,"estimated":false},)"
    R"("timing":{"queued_ms":0.0,"end_to_end_ms":12.5,"chunk_gaps_ms":[[1],{"k":[]}]},"energy":null,)"
    R"("big":18446744073709551615,"neg":-9223372036854775808,"started_at":"2026-11-28T21:00:00Z"})";

// The error nlohmann::json::parse gives for `line`, or "" when it parses.
std::string ParseError(const std::string& line) {
  try {
    const auto parsed = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
  return "";
}

std::string FilteredError(const std::string& line, const JournalFields& fields) {
  try {
    const auto parsed = ParseJournalLine(line, fields);
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
  return "";
}

// The fields ParseJournalLine should give for `line`, from a whole parse, or
// the parse's error.
std::string Expected(const std::string& line, const JournalFields& fields) {
  try {
    const auto full = nlohmann::json::parse(line);
    if (!full.is_object()) {
      return full.dump();
    }
    auto kept = nlohmann::json::object();
    for (const auto field : fields) {
      if (const auto found = full.find(std::string(field)); found != full.end()) {
        kept[std::string(field)] = *found;
      }
    }
    return kept.dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

std::string Filtered(const std::string& line, const JournalFields& fields) {
  try {
    return ParseJournalLine(line, fields).dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

}  // namespace

TEST_CASE("Every one-byte change of a line reads as a whole parse reads it", "[run][journal_reader]") {
  // Each byte of the record replaced by each of these, or deleted: the kept
  // fields equal the whole parse's, or both fail with the same error.
  const std::string replacements[] = {"\"", "\\", "{", "}", "[", "]", ",", ":", "0", "1", "-", ".", "e", "E", "+",
                                      " ", "\xC3", "\xE2\x82", "\x01", "u", "n", "x", "\\u00e9", "\\uD800", ""};
  const JournalFields fields = {"adapter", "scores", "timing", "neg"};
  std::size_t checked = 0;
  for (std::size_t at = 0; at < kRecord.size(); ++at) {
    for (const auto& replacement : replacements) {
      const auto line = kRecord.substr(0, at) + replacement + kRecord.substr(at + 1);
      ++checked;
      const auto expected = Expected(line, fields);
      const auto filtered = Filtered(line, fields);
      if (filtered != expected) {
        FAIL_CHECK(line << "\n  got      " << filtered << "\n  expected " << expected);
      }
    }
  }
  CHECK(checked > 10'000);
}

TEST_CASE("A journal line keeps only the fields asked for, each as parse builds it", "[run][journal_reader]") {
  const auto full = nlohmann::json::parse(kRecord);
  const JournalFields fields = {"adapter", "scores", "timing", "big", "neg", "missing"};
  const auto record = ParseJournalLine(kRecord, fields);
  REQUIRE(record.is_object());
  CHECK(record.size() == 5);
  for (const auto field : fields) {
    if (field != "missing") {
      CHECK(record.at(std::string(field)) == full.at(std::string(field)));
    }
  }
  CHECK(record.at("big").is_number_unsigned());
  CHECK(record.at("neg").is_number_integer());
  CHECK(record.at("scores").dump() == full.at("scores").dump());
  CHECK_FALSE(record.contains("output"));
}

TEST_CASE("Without a field list, or for a line that is not an object, the line is built whole", "[run][journal_reader]") {
  CHECK(ParseJournalLine(kRecord, {}) == nlohmann::json::parse(kRecord));
  for (const std::string line : {R"([1,{"adapter":2,"x":[3]}])", "3", R"("texte")", "null", "[]", "{}"}) {
    CHECK(ParseJournalLine(line, {"adapter"}) == nlohmann::json::parse(line));
  }
}

TEST_CASE("A repeated key keeps its last value, as parse does", "[run][journal_reader]") {
  const std::string line = R"({"adapter":"first","output":"o","adapter":{"n":[1]}})";
  CHECK(ParseJournalLine(line, {"adapter"}).at("adapter") == nlohmann::json::parse(line).at("adapter"));
}

TEST_CASE("Huge strings are built when asked for and skipped otherwise", "[run][journal_reader]") {
  const std::string huge(4 << 20, 'x');
  const std::string line = R"({"adapter":"a","output":")" + huge + R"(","error":")" + huge + "\"}";
  const auto record = ParseJournalLine(line, {"adapter", "error"});
  CHECK(record.at("error").get_ref<const std::string&>().size() == huge.size());
  CHECK_FALSE(record.contains("output"));
}

TEST_CASE("Hostile lines fail with parse's own error, in skipped fields too", "[run][journal_reader]") {
  const std::vector<std::string> lines = {
      "{\"adapter\":\"a\",\"output\":\"\xC3\x28\"}",    // invalid UTF-8 in a skipped field
      "{\"adapter\":\"\xFF\"}",                          // and in a kept one
      R"({"adapter":"a","output":1e999})",               // a number no double holds, skipped
      R"({"adapter":1e999})",                            // and kept
      R"({"adapter":"a","output":"no end)",              // a torn line
      R"({"adapter":"a"} trailing)",                     // more after the value
      R"({"adapter":"a",})",                             // a trailing comma
      R"({"output":{"a":[1,2}})",                        // a broken nested value, skipped
      "{\"adapter\":\"a\x01\"}",                         // a raw control character
      "",                                                // nothing at all
  };
  for (const auto& line : lines) {
    INFO(line);
    const auto expected = ParseError(line);
    REQUIRE_FALSE(expected.empty());
    CHECK(FilteredError(line, {"adapter"}) == expected);
    CHECK(FilteredError(line, {}) == expected);
  }
}

TEST_CASE("Missing fields and wrong types reach the reader's caller as they are", "[run][journal_reader]") {
  const auto record = ParseJournalLine(R"({"adapter":3,"scores":"none","output":"o"})", {"adapter", "suite", "scores"});
  CHECK_FALSE(record.contains("suite"));
  CHECK_THROWS_AS(record.at("suite"), nlohmann::json::out_of_range);
  CHECK_THROWS_AS(record.at("adapter").get<std::string>(), nlohmann::json::type_error);
  CHECK(record.at("scores") == "none");
}

TEST_CASE("Journal lines stream with their numbers, blank lines skipped", "[run][journal_reader]") {
  etalon::testing::TempDir dir;
  const auto path = dir.Write("results.jsonl", "{\"a\":1}\n\n{\"a\":2}\n{\"a\":3}");
  std::vector<std::pair<std::string, std::size_t>> seen;
  ForEachJournalLine(path, [&](const std::string& line, std::size_t number) { seen.emplace_back(line, number); });
  const std::vector<std::pair<std::string, std::size_t>> expected = {{"{\"a\":1}", 1}, {"{\"a\":2}", 3}, {"{\"a\":3}", 4}};
  CHECK(seen == expected);
  CHECK_THROWS_WITH(ForEachJournalLine(dir.Path("none.jsonl"), [](const std::string&, std::size_t) {}),
                    dir.Path("none.jsonl") + ": cannot read");
}
