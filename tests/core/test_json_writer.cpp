// Tests for harness/core/json_writer.cpp: what the writer writes is, byte for
// byte, nlohmann's dump(-1, ' ', false, replace) of the same values.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "etalon/core/json_writer.hpp"

using etalon::core::JsonWriter;

namespace {

std::string Dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("Strings are escaped as nlohmann escapes them, invalid UTF-8 replaced alike", "[core][json_writer]") {
  const std::vector<std::string> texts = {
      "", "plain", "quote \" backslash \\ slash /", "controls \b\f\n\r\t \x01\x1f\x7f",
      "é à ç œ € 𝄞 日本", std::string("nul \0 inside", 12),
      "\xC3\x28 bad", "\xE2\x82 cut", "\xF4\x90\x80\x80 above U+10FFFF", "\xED\xA0\x80 surrogate",
      "\xC0\xAF overlong", "end \xE2"};
  for (const auto& text : texts) {
    INFO(text);
    CHECK(JsonWriter().String(text).text() == Dump(nlohmann::ordered_json(text)));
  }
}

TEST_CASE("Numbers are written as nlohmann writes them", "[core][json_writer]") {
  const std::vector<double> doubles = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, 1.5e-7, 123456789012345.0, 1e15, 1e21,
                                       22.426834999999997, 5e-324, std::numeric_limits<double>::max(),
                                       std::nan(""), std::numeric_limits<double>::infinity()};
  for (const double value : doubles) {
    INFO(value);
    CHECK(JsonWriter().Number(value).text() == Dump(nlohmann::ordered_json(value)));
  }
  for (const std::int64_t value : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
                                   std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    CHECK(JsonWriter().Integer(value).text() == Dump(nlohmann::ordered_json(value)));
  }
}

TEST_CASE("Containers, keys and commas come out as nlohmann's dump", "[core][json_writer]") {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("a").Integer(1);
  writer.Key("empty object").BeginObject().EndObject();
  writer.Key("empty array").BeginArray().EndArray();
  writer.Key("list").BeginArray().Number(1.0).Null().Bool(true).BeginObject().Key("k").String("v").EndObject().EndArray();
  writer.Key("nested").BeginObject().Key("x").Optional(std::optional<double>()).Key("y").Optional(std::optional<std::int64_t>(7)).EndObject();
  writer.Key("built").Value(nlohmann::ordered_json{{"z", 1}, {"a", {1.5, "é"}}});
  writer.Key("clé \"é\"").Bool(false);
  writer.Key("none").Value(nlohmann::ordered_json());
  writer.Key("tab\tkey").BeginArray().String("plain").String("quote \"").String("").String("é").EndArray();
  writer.Key("last").Null();
  writer.EndObject();
  nlohmann::ordered_json expected;
  expected["a"] = 1;
  expected["empty object"] = nlohmann::ordered_json::object();
  expected["empty array"] = nlohmann::ordered_json::array();
  expected["list"] = {1.0, nullptr, true, {{"k", "v"}}};
  expected["nested"] = {{"x", nullptr}, {"y", 7}};
  expected["built"] = nlohmann::ordered_json{{"z", 1}, {"a", {1.5, "é"}}};
  expected["clé \"é\""] = false;
  expected["none"] = nullptr;
  expected["tab\tkey"] = {"plain", "quote \"", "", "é"};
  expected["last"] = nullptr;
  CHECK(writer.text() == Dump(expected));
}
