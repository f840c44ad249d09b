// The one libcurl multi loop of the process: a single thread drives every
// HTTP request of every HTTP adapter, so connections (and HTTP/2 streams)
// are shared and reused. Requests wait for their rate limit and their retry
// delay on loop timers, never on a blocked thread; finished exchanges go to a
// completion thread so parsing and scoring never stall the sockets.
// Proxies come from libcurl's usual environment variables (https_proxy,
// no_proxy...); loopback servers need NO_PROXY=127.0.0.1,localhost when a
// proxy is set.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/completion_executor.hpp"
#include "http/http_client.hpp"

namespace etalon::adapters::http {

class HttpLoop {
 public:
  HttpLoop();
  // Every submitted request must have completed (clients drained).
  ~HttpLoop();
  HttpLoop(const HttpLoop&) = delete;
  HttpLoop& operator=(const HttpLoop&) = delete;

  // Thread-safe and non-blocking: queues `request` for `client`. `done` runs
  // exactly once, on the completion thread, after the last attempt.
  void Submit(HttpClient& client, HttpRequest request, HttpDone done);

 private:
  struct Call;
  void Run();
  void Start(Call& call);
  void FinishAttempt(Call& call, int curl_code);
  void CheckFirstByteTimeouts();
  std::chrono::milliseconds PollTimeout() const;

  void* multi_ = nullptr;  // CURLM*
  std::mutex submit_mutex_;
  std::vector<std::unique_ptr<Call>> submitted_;
  bool stopping_ = false;
  // Loop-thread state.
  std::unordered_map<Call*, std::unique_ptr<Call>> calls_;
  std::multimap<std::chrono::steady_clock::time_point, Call*> timers_;  // waiting for a rate limit or a retry
  CompletionExecutor completions_;
  std::thread thread_;
};

// The process's loop, created on first use and shared by every HTTP adapter;
// it stops when the last adapter holding it is destroyed.
std::shared_ptr<HttpLoop> SharedHttpLoop();

}  // namespace etalon::adapters::http
