// A text/event-stream parser following the WHATWG HTML "server-sent events"
// interpretation rules: data/event/id/retry fields, multi-line data,
// comments, CRLF/LF/CR line ends, a leading BOM. Fed (bytes, time) as they
// arrive, it stamps each event with the arrival time of its first byte, so
// results do not depend on where the network cut the stream.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::adapters::http {

struct SseEvent {
  std::string type = "message";  // the `event:` field, "message" when absent
  std::string data;              // `data:` lines joined by '\n'
  std::string id;                // the last event id in force when it was dispatched
  std::chrono::steady_clock::time_point first_byte_at;  // arrival of the event's first field line
};

class SseParser {
 public:
  // Parses `bytes`, which arrived at `at`, appending completed events to `events`.
  void Feed(std::string_view bytes, std::chrono::steady_clock::time_point at, std::vector<SseEvent>& events);
  // An event still open when the stream ends is never emitted, as the spec says.
  std::optional<long> retry_ms() const { return retry_ms_; }

 private:
  void ProcessLine(std::vector<SseEvent>& events);
  void Dispatch(std::vector<SseEvent>& events);

  std::string line_;
  std::chrono::steady_clock::time_point line_started_at_{};
  bool line_open_ = false;       // a line has begun (its start time is set)
  bool after_cr_ = false;        // the previous byte was CR: a following LF ends nothing new
  bool bom_checked_ = false;     // the stream's first bytes were checked for a BOM
  std::string pending_bom_;      // a BOM prefix split across Feed calls
  std::string data_;
  std::string type_;
  std::string last_id_;
  bool event_open_ = false;
  std::chrono::steady_clock::time_point event_started_at_{};
  std::optional<long> retry_ms_;
};

}  // namespace etalon::adapters::http
