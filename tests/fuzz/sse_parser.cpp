// Fuzz target: the server-sent events parser. Besides not crashing, it must
// find the same events whatever the network's cuts: the stream is parsed
// whole and in pieces of 1 to 8 bytes (the first input byte picks the size),
// and any difference aborts.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "http/sse_parser.hpp"

namespace {

using etalon::adapters::http::SseEvent;
using etalon::adapters::http::SseParser;

bool SameEvents(const std::vector<SseEvent>& left, const std::vector<SseEvent>& right) {
  if (left.size() != right.size()) {
    return false;
  }
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (left[i].type != right[i].type || left[i].data != right[i].data || left[i].id != right[i].id) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::size_t piece = data[0] % 8 + 1;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto at = std::chrono::steady_clock::now();

  SseParser whole_parser;
  std::vector<SseEvent> whole;
  whole_parser.Feed(stream, at, whole);

  SseParser piece_parser;
  std::vector<SseEvent> pieces;
  for (std::size_t begin = 0; begin < stream.size(); begin += piece) {
    piece_parser.Feed(stream.substr(begin, piece), at, pieces);
  }
  if (!SameEvents(whole, pieces) || whole_parser.retry_ms() != piece_parser.retry_ms()) {
    std::abort();  // the events depend on where the stream was cut
  }
  return 0;
}
