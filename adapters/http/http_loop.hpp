// The one libcurl multi loop of the process: a single thread drives every
// HTTP request of every HTTP adapter, so connections (and HTTP/2 streams)
// are shared and reused. Requests wait for their rate limit and their retry
// delay on loop timers, never on a blocked thread; finished exchanges go to a
// completion thread so parsing and scoring never stall the sockets. The loop
// uses libcurl's socket interface over epoll: a wake-up handles the sockets
// that are ready, not every transfer in flight, which keeps the loop's cost
// per request flat from 1 to 500 concurrent streams.
// Proxies come from libcurl's usual environment variables (https_proxy,
// no_proxy...); loopback servers need NO_PROXY=127.0.0.1,localhost when a
// proxy is set.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <curl/curl.h>

#include "http/completion_executor.hpp"
#include "http/http_client.hpp"
#include "http/socket_watch.hpp"

namespace etalon::adapters::http {

struct CurlLibrary;

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
  using Clock = std::chrono::steady_clock;
  struct Call;
  struct Easy;
  void Run();
  void Wake();
  // libcurl's socket callback (CURLMOPT_SOCKETFUNCTION): keeps the epoll set.
  static int WatchSocket(void* easy, int socket, int what, void* loop, void* socket_mark);
  // libcurl's open and close socket callbacks (CURLOPT_OPENSOCKETFUNCTION, CURLOPT_CLOSESOCKETFUNCTION).
  static curl_socket_t OpenSocket(void* loop, curlsocktype purpose, curl_sockaddr* address);
  static int CloseSocket(void* loop, curl_socket_t socket);
  // libcurl's write and header callbacks; `easy` is the Easy.
  static std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* easy);
  static std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* easy);
  // Starts the calls submitted since the last look.
  void StartSubmitted();
  void Start(Call& call);
  // An idle easy handle for `request`: one already set up for it when there
  // is one, else any, else a new one.
  std::unique_ptr<Easy> TakeEasy(const HttpClient& client, const HttpRequest& request);
  // Sets every option of `easy` for `request` of `client` but the body.
  void SetUp(Easy& easy, const HttpClient& client, const HttpRequest& request);
  void FinishAttempt(Call& call, int curl_code);
  // Hands the call's result to the completion thread and forgets the call.
  void Deliver(Call& call);
  // Hands every exchange libcurl has finished to FinishAttempt.
  void FinishDone();
  // Ends the attempts that got no byte within their first-byte timeout;
  // returns the next such deadline.
  std::optional<Clock::time_point> ExpireFirstBytes();
  // How long the loop may sleep before a timer, libcurl's or a first-byte deadline is due.
  std::chrono::milliseconds WaitUntilDue(std::optional<Clock::time_point> first_byte_deadline) const;

  const CurlLibrary* curl_ = nullptr;  // set by the loop thread once libcurl is loaded
  std::string curl_error_;             // why it could not be, when it could not
  void* multi_ = nullptr;              // CURLM*
  SocketWatch sockets_;  // the sockets libcurl asks to watch, and wake_fd_
  int wake_fd_ = -1;     // an eventfd: Submit and the destructor wake the loop
  std::mutex submit_mutex_;
  std::vector<std::unique_ptr<Call>> submitted_;
  bool stopping_ = false;
  std::atomic<bool> sleeping_{false};  // the loop is in (or about to enter) epoll_wait
  // Loop-thread state.
  std::unordered_map<Call*, std::unique_ptr<Call>> calls_;
  std::multimap<Clock::time_point, Call*> timers_;  // waiting for a rate limit or a retry
  std::optional<Clock::time_point> curl_deadline_;   // when libcurl wants its timer called
  std::vector<std::unique_ptr<Easy>> idle_easies_;  // handles of finished attempts, for the next ones
  Clock::time_point ready_at_;  // when the loop learned of the bytes libcurl is now reading: their arrival stamp
  CompletionExecutor completions_;
  std::thread thread_;
};

// The process's loop, created on first use and shared by every HTTP adapter;
// it stops when the last adapter holding it is destroyed.
std::shared_ptr<HttpLoop> SharedHttpLoop();

}  // namespace etalon::adapters::http
