// Tests for adapters/http/sse_parser.cpp against the WHATWG event-stream
// interpretation rules, and for its independence from chunk boundaries.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "http/sse_parser.hpp"

using etalon::adapters::http::SseEvent;
using etalon::adapters::http::SseParser;
using TimePoint = std::chrono::steady_clock::time_point;

namespace {

TimePoint At(int tick) { return TimePoint(std::chrono::milliseconds(tick)); }

// Feeds `stream` cut at `cuts` (ascending offsets); chunk i arrives at tick i.
std::vector<SseEvent> Parse(const std::string& stream, const std::vector<std::size_t>& cuts) {
  SseParser parser;
  std::vector<SseEvent> events;
  std::size_t begin = 0;
  int tick = 0;
  for (const auto cut : cuts) {
    parser.Feed(std::string_view(stream).substr(begin, cut - begin), At(tick++), events);
    begin = cut;
  }
  parser.Feed(std::string_view(stream).substr(begin), At(tick), events);
  return events;
}

std::vector<SseEvent> ParseWhole(const std::string& stream) { return Parse(stream, {}); }

// The tick of the chunk holding byte `offset` when cut at `cuts`.
int TickOf(std::size_t offset, const std::vector<std::size_t>& cuts) {
  int tick = 0;
  for (const auto cut : cuts) {
    if (offset < cut) {
      return tick;
    }
    ++tick;
  }
  return tick;
}

}  // namespace

TEST_CASE("SSE fields: data lines join with newlines, event and id are kept, comments ignored", "[http][sse]") {
  const auto events = ParseWhole(
      ": keep-alive\n"
      "event: delta\n"
      "id: 7\n"
      "data: first\n"
      "data:second\n"
      "data\n"
      "\n"
      "data: next\n"
      "\n");
  REQUIRE(events.size() == 2);
  CHECK(events[0].type == "delta");
  CHECK(events[0].id == "7");
  CHECK(events[0].data == "first\nsecond\n");
  CHECK(events[1].type == "message");
  CHECK(events[1].id == "7");  // the last event id stays in force
  CHECK(events[1].data == "next");
}

TEST_CASE("SSE line ends: CRLF, LF and CR alike, a leading BOM is dropped", "[http][sse]") {
  const auto lf = ParseWhole("data: a\n\ndata: b\n\n");
  const auto crlf = ParseWhole("\xEF\xBB\xBF" "data: a\r\n\r\ndata: b\r\n\r\n");
  const auto cr = ParseWhole("data: a\r\rdata: b\r\r");
  for (const auto* events : {&lf, &crlf, &cr}) {
    REQUIRE(events->size() == 2);
    CHECK((*events)[0].data == "a");
    CHECK((*events)[1].data == "b");
  }
}

TEST_CASE("SSE: an event without data or without its blank line is not dispatched", "[http][sse]") {
  CHECK(ParseWhole("event: ping\n\n").empty());
  CHECK(ParseWhole("data: unfinished\n").empty());
  const auto events = ParseWhole("retry: 1500\nid: 3\n\n");
  CHECK(events.empty());
}

TEST_CASE("SSE retry field sets the reconnection time only when all digits", "[http][sse]") {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.Feed("retry: 12x\n\n", At(0), events);
  CHECK_FALSE(parser.retry_ms().has_value());
  parser.Feed("retry: 1500\n\n", At(0), events);
  CHECK(parser.retry_ms() == 1500);
}

TEST_CASE("SSE events are the same however the stream is cut, stamped at their first byte", "[http][sse]") {
  const std::string stream =
      "\xEF\xBB\xBF: hello\r\n"
      "event: message_start\r\n"
      "data: {\"a\": 1}\r\n"
      "\r\n"
      "id: 2\n"
      "data: line one\n"
      "data: line two\n"
      "\n"
      ":comment\r"
      "data: é à\r"
      "\r"
      "data: [DONE]\n\n";
  const auto whole = ParseWhole(stream);
  REQUIRE(whole.size() == 4);
  // Offsets of each event's first field line.
  const std::vector<std::size_t> starts = {stream.find("event: message_start"), stream.find("id: 2"),
                                           stream.find("data: é"), stream.find("data: [DONE]")};
  auto check = [&](const std::vector<std::size_t>& cuts) {
    const auto events = Parse(stream, cuts);
    REQUIRE(events.size() == whole.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      CHECK(events[i].type == whole[i].type);
      CHECK(events[i].data == whole[i].data);
      CHECK(events[i].id == whole[i].id);
      CHECK(events[i].first_byte_at == At(TickOf(starts[i], cuts)));
    }
  };
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    check({cut});
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t cut = 1; cut < stream.size(); ++cut) {
    every_byte.push_back(cut);
  }
  check(every_byte);
}

TEST_CASE("SSE: a multi-megabyte event is kept whole", "[http][sse]") {
  const std::string payload(5'000'000, 'x');
  const std::string stream = "data: " + payload + "\n\n";
  std::vector<std::size_t> cuts;
  for (std::size_t cut = 16'384; cut < stream.size(); cut += 16'384) {
    cuts.push_back(cut);
  }
  const auto events = Parse(stream, cuts);
  REQUIRE(events.size() == 1);
  CHECK(events[0].data.size() == payload.size());
  CHECK(events[0].first_byte_at == At(0));
}
