#include "support/scripted_http_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cctype>

namespace etalon::testing {

namespace {

using boost::asio::ip::tcp;

std::size_t ContentLength(const std::string& head) {
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) {
    return 0;
  }
  return std::stoul(lower.substr(at + 17));
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    default:
      return "Status";
  }
}

}  // namespace

ScriptedHttpServer::ScriptedHttpServer(std::vector<ScriptedReply> replies)
    : replies_(std::move(replies)), acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  acceptor_thread_ = std::thread([this] { Accept(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    for (const auto& socket : sockets_) {
      ::shutdown(socket->native_handle(), SHUT_RDWR);  // wakes a thread blocked reading a kept-alive connection
    }
  }
  stop_.notify_all();
  // A connection of our own wakes the blocking accept.
  boost::system::error_code ignored;
  tcp::socket wake(io_);
  wake.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_), ignored);
  acceptor_thread_.join();
  for (auto& thread : threads_) {
    thread.join();
  }
}

std::string ScriptedHttpServer::BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<ReceivedRequest> ScriptedHttpServer::Requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

void ScriptedHttpServer::Accept() {
  for (;;) {
    auto socket = std::make_shared<tcp::socket>(io_);
    boost::system::error_code error;
    acceptor_.accept(*socket, error);
    const std::lock_guard lock(mutex_);
    if (stopping_) {
      return;
    }
    if (error) {
      continue;
    }
    connections_ += 1;
    sockets_.push_back(socket);
    threads_.emplace_back([this, socket] { Serve(socket); });
  }
}

ScriptedReply ScriptedHttpServer::NextReply() {
  const std::lock_guard lock(mutex_);
  const auto index = std::min(next_reply_, replies_.size() - 1);
  next_reply_ += 1;
  return replies_[index];
}

void ScriptedHttpServer::WaitForStop() {
  std::unique_lock lock(mutex_);
  stop_.wait(lock, [this] { return stopping_; });
}

void ScriptedHttpServer::Serve(std::shared_ptr<tcp::socket> socket) {
  boost::asio::streambuf buffer;
  boost::system::error_code error;
  for (;;) {
    const auto head_size = boost::asio::read_until(*socket, buffer, "\r\n\r\n", error);
    if (error) {
      return;
    }
    std::string data(boost::asio::buffers_begin(buffer.data()), boost::asio::buffers_end(buffer.data()));
    std::string head = data.substr(0, head_size);
    buffer.consume(head_size);
    const auto length = ContentLength(head);
    if (buffer.size() < length) {
      boost::asio::read(*socket, buffer, boost::asio::transfer_exactly(length - buffer.size()), error);
      if (error) {
        return;
      }
    }
    std::string body(boost::asio::buffers_begin(buffer.data()),
                     boost::asio::buffers_begin(buffer.data()) + static_cast<std::ptrdiff_t>(length));
    buffer.consume(length);
    {
      const std::lock_guard lock(mutex_);
      requests_.push_back({std::move(head), std::move(body), std::chrono::steady_clock::now()});
    }
    const auto reply = NextReply();
    if (reply.ending == ScriptedReply::Ending::kStallBeforeReply) {
      WaitForStop();
      return;
    }
    std::size_t total = 0;
    for (const auto& chunk : reply.chunks) {
      total += chunk.size();
    }
    std::string response_head = "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) + "\r\n";
    for (const auto& [name, value] : reply.headers) {
      response_head += name + ": " + value + "\r\n";
    }
    response_head += "Content-Length: " + std::to_string(total) + "\r\n\r\n";
    boost::asio::write(*socket, boost::asio::buffer(response_head), error);
    for (std::size_t i = 0; i < reply.chunks.size() && !error; ++i) {
      if (i > 0) {
        if (reply.ending == ScriptedReply::Ending::kResetAfterFirst) {
          const std::lock_guard lock(mutex_);  // the destructor reads the socket's handle
          socket->set_option(boost::asio::socket_base::linger(true, 0));
          socket->close();  // with a zero linger: a reset, not an orderly close
          return;
        }
        if (reply.ending == ScriptedReply::Ending::kStallAfterFirst) {
          WaitForStop();
          return;
        }
        std::this_thread::sleep_for(reply.chunk_delay);
      }
      boost::asio::write(*socket, boost::asio::buffer(reply.chunks[i]), error);
    }
    if (error) {
      return;
    }
  }
}

}  // namespace etalon::testing
