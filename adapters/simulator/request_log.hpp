// The simulator's own record: one JSON object a line per request, written
// and flushed when the request ends, from any io thread. The field order is
// part of the format (docs/simulator.md lists it).
#pragma once

#include <fstream>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace etalon::simulator {

class RequestLog {
 public:
  // Empty path: Append does nothing. Throws std::runtime_error when the file cannot be opened.
  explicit RequestLog(const std::string& path);

  void Append(const nlohmann::ordered_json& line);

 private:
  std::mutex mutex_;
  std::ofstream out_;
  bool enabled_;
};

}  // namespace etalon::simulator
