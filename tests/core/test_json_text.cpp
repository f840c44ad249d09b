// Tests for harness/core/json_text.cpp: the scanner vouches only for valid
// JSON, values built from validated text equal nlohmann's, and every other
// text gets nlohmann's own result or error.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "etalon/core/json_text.hpp"

using etalon::core::ParseJson;
using etalon::core::ParseJsonOrDiscarded;
using etalon::core::ScanArrayElements;
using etalon::core::ScanObjectFields;
using etalon::core::ValidatedJson;

namespace {

const std::string kAnswer =
    R"({"id":"chatcmpl-1","object":"chat.completion","created":1764374400,"model":"sim-model",)"
    R"("system_fingerprint":null,"choices":[{"index":0,"message":{"role":"assistant","content":"Oui, \"é\" \u00e9\n"},)"
    R"("finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":14,"completion_tokens":1,"total_tokens":15},)"
    R"("scores":[1.0,-0.0,2.5e-3,1E+2,0,-7,18446744073709551615,18446744073709551616,-9223372036854775809],)"
    R"("flags":[true,false,{},[],""]})";

// The dump of nlohmann's parse of `text`, or its error.
std::string Nlohmann(const std::string& text) {
  try {
    return nlohmann::json::parse(text).dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

std::string Fast(const std::string& text) {
  try {
    return ParseJson(text).dump();
  } catch (const nlohmann::json::exception& error) {
    return error.what();
  }
}

bool Vouched(std::string_view text) {
  return ScanObjectFields(text, [](std::string_view, const ValidatedJson&) {});
}

}  // namespace

TEST_CASE("Values built from validated text equal nlohmann's, types included", "[core][json_text]") {
  const auto expected = nlohmann::json::parse(kAnswer);
  const auto built = ParseJson(kAnswer);
  CHECK(built == expected);
  CHECK(built.dump() == expected.dump());
  const auto& scores = built.at("scores");
  CHECK(scores[0].is_number_float());
  CHECK(scores[4].is_number_unsigned());
  CHECK(scores[5].is_number_integer());
  CHECK(scores[6].is_number_unsigned());
  CHECK(scores[7].is_number_float());  // one past the largest unsigned
  CHECK(scores[8].is_number_float());  // one below the smallest signed
  CHECK(built.at("choices")[0].at("message").at("content") == "Oui, \"é\" é\n");
  CHECK(Vouched(kAnswer));
}

TEST_CASE("The scanner gives each top-level field's exact text, in text order", "[core][json_text]") {
  const std::string text = R"( { "a" : "x\"y" , "b":[1, {"c":null}] ,"é":-0.5e+10,"d":{} } )";
  std::vector<std::pair<std::string, std::string>> seen;
  REQUIRE(ScanObjectFields(text, [&](std::string_view key, const ValidatedJson& value) {
    seen.emplace_back(key, value.text());
    CHECK(value.Build() == nlohmann::json::parse(value.text()));
  }));
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"a", R"("x\"y")"}, {"b", R"([1, {"c":null}])"}, {"é", "-0.5e+10"}, {"d", "{}"}};
  CHECK(seen == expected);
}

TEST_CASE("The scanner gives each array element's exact text, and refuses what is not an array", "[core][json_text]") {
  std::vector<std::string> seen;
  const auto collect = [&](const ValidatedJson& element) { seen.emplace_back(element.text()); };
  REQUIRE(ScanArrayElements(R"( [ {"a":[1]} , "x" ,null,-2e3 ] )", collect));
  CHECK(seen == std::vector<std::string>{R"({"a":[1]})", R"("x")", "null", "-2e3"});
  seen.clear();
  CHECK(ScanArrayElements("[]", collect));
  CHECK(seen.empty());
  for (const char* text : {"{}", "[1,]", "[1] x", "[01]", "", "[\"\\ud800\"]"}) {
    CHECK_FALSE(ScanArrayElements(text, [](const ValidatedJson&) {}));
  }
}

TEST_CASE("What the scanner does not vouch for goes to nlohmann", "[core][json_text]") {
  const std::string deep = R"({"a":)" + std::string(100, '[') + std::string(100, ']') + "}";
  for (const std::string& text : std::vector<std::string>{
           R"({"a\u0062":1})",          // an escaped key
           R"({"a":"\ud83d\ude00"})",  // a surrogate pair
           R"({"a":1e100})",           // an exponent that may overflow
           R"({"a":1e999})",           // one that does
           "{\"a\":" + std::string(80, '1') + "}",  // a long number
           deep,                       // deeper than the scanner goes
           R"({"a":1} x)", "{\"a\":\"\xC3\x28\"}", "",
       }) {
    INFO(text);
    CHECK_FALSE(Vouched(text));
    CHECK(Fast(text) == Nlohmann(text));
  }
  CHECK(ParseJsonOrDiscarded("{\"a\":").is_discarded());
  CHECK(ParseJsonOrDiscarded(" [1, \"\\ud83d\\ude00\"] ") == nlohmann::json::parse(" [1, \"\\ud83d\\ude00\"] "));
}

TEST_CASE("Every one-byte change of a text parses as nlohmann parses it", "[core][json_text]") {
  // Each byte replaced by each of these, or deleted: the same value, or the
  // same error; and the fast path is taken, not only the fallback.
  const std::string replacements[] = {"\"", "\\", "{", "}", "[", "]", ",", ":", "0", "1", "-", ".", "e", "E", "+",
                                      " ", "\xC3", "\xE2\x82", "\xF4\x90", "\x01", "u", "n", "t", "\\u00e9", "\\uD800",
                                      "\\\"", ""};
  std::size_t checked = 0;
  std::size_t vouched = 0;
  for (std::size_t at = 0; at < kAnswer.size(); ++at) {
    for (const auto& replacement : replacements) {
      const auto text = kAnswer.substr(0, at) + replacement + kAnswer.substr(at + 1);
      ++checked;
      if (Vouched(text)) ++vouched;
      const auto expected = Nlohmann(text);
      const auto fast = Fast(text);
      if (fast != expected) {
        FAIL_CHECK(text << "\n  got      " << fast << "\n  expected " << expected);
      }
      if (ParseJsonOrDiscarded(text).is_discarded() != (expected.rfind("[json.exception", 0) == 0)) {
        FAIL_CHECK("discarded differs for " << text);
      }
    }
  }
  CHECK(checked > 10'000);
  CHECK(vouched > checked / 10);
}

namespace {

// Every nested value's members or elements as "key=text" items, read with
// the scanner (`scan`) or by walking validated text; an item "!" marks a
// refusal.
void Collect(const ValidatedJson& value, bool scan, std::vector<std::string>& items) {
  const auto member = [&](std::string_view key, const ValidatedJson& nested) {
    items.push_back(std::string(key) + "=" + std::string(nested.text()));
    Collect(nested, scan, items);
  };
  const auto element = [&](const ValidatedJson& nested) {
    items.push_back(std::string(nested.text()));
    Collect(nested, scan, items);
  };
  if (value.IsObject()) {
    const bool read = scan ? ScanObjectFields(value.text(), member) : value.ForEachMember(member);
    if (!read) items.push_back("!");
  } else if (value.IsArray()) {
    const bool read = scan ? ScanArrayElements(value.text(), element) : value.ForEachElement(element);
    if (!read) items.push_back("!");
  }
}

}  // namespace

TEST_CASE("Walking validated text finds what scanning it again finds", "[core][json_text]") {
  const std::vector<std::string> texts = {
      kAnswer,
      R"({ "a" : [ 1 , { "b" : "x\"}]" } , [ ] , "\\" ] , "c" : { } , "d" : -1.5e+2 })",
      "{\"k\":{\"deep\":[[[{\"z\":null}]]],\"s\":\"\xc3\xa9t\xc3\xa9 } ]\"}}",
      R"({"k":{"b\u0065":1,"c":2}})",  // an escaped key inside: the walk refuses it, as a scan does
  };
  for (const auto& text : texts) {
    INFO(text);
    std::vector<std::string> scanned;
    std::vector<std::string> walked;
    REQUIRE(ScanObjectFields(text, [&](std::string_view key, const ValidatedJson& value) {
      scanned.push_back(std::string(key) + "=" + std::string(value.text()));
      walked.push_back(scanned.back());
      Collect(value, true, scanned);
      Collect(value, false, walked);
    }));
    CHECK(walked == scanned);
  }
}
