// A small HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for tests of the
// HTTP loop: each request gets the next scripted reply (the last one
// repeats), written in chunks with delays, cut by a reset, or never sent.
// Requests are recorded with their arrival time; connections are counted.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio.hpp>

namespace etalon::testing {

struct ScriptedReply {
  enum class Ending {
    kComplete,          // the whole body
    kResetAfterFirst,   // the first chunk, then a TCP reset (Content-Length announces it all)
    kStallBeforeReply,  // the request is read and nothing is ever sent
    kStallAfterFirst,   // the first chunk, then nothing
  };
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> chunks;
  std::chrono::milliseconds chunk_delay{0};  // before every chunk but the first
  Ending ending = Ending::kComplete;
};

struct ReceivedRequest {
  std::string head;  // request line and headers
  std::string body;
  std::chrono::steady_clock::time_point at;  // when the request was fully read
};

class ScriptedHttpServer {
 public:
  explicit ScriptedHttpServer(std::vector<ScriptedReply> replies);
  ~ScriptedHttpServer();

  std::string BaseUrl() const;
  int Connections() const { return connections_.load(); }
  std::vector<ReceivedRequest> Requests() const;

 private:
  void Accept();
  void Serve(std::shared_ptr<boost::asio::ip::tcp::socket> socket);
  ScriptedReply NextReply();
  void WaitForStop();

  std::vector<ScriptedReply> replies_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<int> connections_{0};
  mutable std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::size_t next_reply_ = 0;
  std::vector<ReceivedRequest> requests_;
  std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> sockets_;
  std::vector<std::thread> threads_;
  std::thread acceptor_thread_;
};

}  // namespace etalon::testing
