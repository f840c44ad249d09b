#include "request_log.hpp"

#include <stdexcept>

namespace etalon::simulator {

RequestLog::RequestLog(const std::string& path) : enabled_(!path.empty()) {
  if (enabled_) {
    out_.open(path, std::ios::binary | std::ios::app);
    if (!out_) {
      throw std::runtime_error("cannot open the simulator log '" + path + "'");
    }
  }
}

void RequestLog::Append(const nlohmann::ordered_json& line) {
  if (!enabled_) {
    return;
  }
  // Invalid UTF-8 from a client is replaced rather than aborting the line.
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard lock(mutex_);
  out_ << text;
  out_.flush();
}

}  // namespace etalon::simulator
