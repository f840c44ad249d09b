#include "http/sse_parser.hpp"

#include <algorithm>

namespace etalon::adapters::http {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

void SseParser::Feed(std::string_view bytes, std::chrono::steady_clock::time_point at,
                     std::vector<SseEvent>& events) {
  if (!bom_checked_) {
    // The BOM may itself be split across chunks: hold bytes until three have come
    // or one differs from it.
    const auto taken = std::min(bytes.size(), kBom.size() - pending_bom_.size());
    pending_bom_.append(bytes.substr(0, taken));
    bytes.remove_prefix(taken);
    if (pending_bom_.size() < kBom.size() && kBom.substr(0, pending_bom_.size()) == pending_bom_) {
      return;
    }
    bom_checked_ = true;
    if (pending_bom_ != kBom) {
      // Not a BOM: the held bytes start the stream and the rest of `bytes` follows them.
      std::string joined = std::move(pending_bom_);
      joined.append(bytes);
      pending_bom_.clear();
      Feed(joined, at, events);
      return;
    }
    pending_bom_.clear();
  }
  for (const char byte : bytes) {
    if (after_cr_) {
      after_cr_ = false;
      if (byte == '\n') {
        continue;  // the LF of a CRLF pair
      }
    }
    if (byte == '\r' || byte == '\n') {
      after_cr_ = byte == '\r';
      ProcessLine(events);
      continue;
    }
    if (!line_open_) {
      line_open_ = true;
      line_started_at_ = at;
    }
    line_.push_back(byte);
  }
}

void SseParser::ProcessLine(std::vector<SseEvent>& events) {
  const bool started = line_open_;
  line_open_ = false;
  if (!started) {
    Dispatch(events);  // a blank line ends the event
    return;
  }
  std::string line;
  line.swap(line_);
  if (line.front() == ':') {
    return;  // a comment (keep-alive): no part of any event
  }
  const auto colon = line.find(':');
  std::string_view name = line;
  std::string_view value;
  if (colon != std::string::npos) {
    name = std::string_view(line).substr(0, colon);
    value = std::string_view(line).substr(colon + 1);
    if (!value.empty() && value.front() == ' ') {
      value.remove_prefix(1);
    }
  }
  if (!event_open_) {
    event_open_ = true;
    event_started_at_ = line_started_at_;
  }
  if (name == "data") {
    data_.append(value);
    data_.push_back('\n');
  } else if (name == "event") {
    type_ = value;
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) {
      last_id_ = value;
    }
  } else if (name == "retry") {
    if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        value.size() < 10) {
      retry_ms_ = std::stol(std::string(value));
    }
  }
}

void SseParser::Dispatch(std::vector<SseEvent>& events) {
  const bool had_event = event_open_;
  event_open_ = false;
  if (!had_event || data_.empty()) {
    data_.clear();
    type_.clear();
    return;
  }
  data_.pop_back();  // the '\n' after the last data line
  SseEvent event;
  event.type = type_.empty() ? "message" : std::move(type_);
  event.data = std::move(data_);
  event.id = last_id_;
  event.first_byte_at = event_started_at_;
  events.push_back(std::move(event));
  data_.clear();
  type_.clear();
}

}  // namespace etalon::adapters::http
