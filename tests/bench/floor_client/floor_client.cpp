// The least an evaluation client can do against an OpenAI-compatible server:
// plain sockets and epoll, HTTP/1.1 keep-alive, `concurrency` connections
// each sending its next request the moment an answer is whole, then the
// answer checked against the sample's reference, and nothing else: no
// journal, no summary, no report, no libcurl. bench.sh times it beside
// etalon as the floor any client meets against a given server; the libcurl
// floor client beside it shows how much of etalon's distance to it is
// libcurl's (docs/performance.md).
//
//   etalon_floor_client --port P --dataset FILE.jsonl [--concurrency C]
//       [--field question] [--model sim-model]
//
// Prints `FLOOR {"requests": N, "passed": K, "failed": F}`; exits 1 when a
// request fails at the HTTP level.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "floor_cases.hpp"

namespace {

struct Connection {
  int socket = -1;
  std::size_t case_index = 0;  // the case whose answer is awaited
  std::string received;
};

std::string HttpRequest(const std::string& body) {
  return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

bool SendAll(int socket, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const auto count = ::send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return false;
    sent += static_cast<std::size_t>(count);
  }
  return true;
}

// The length of the first whole response in `received` and its body, once
// it is all there. Only Content-Length framing: what the server sends.
std::optional<std::pair<std::size_t, std::string>> WholeResponse(const std::string& received, int& status) {
  const auto head_end = received.find("\r\n\r\n");
  if (head_end == std::string::npos) return std::nullopt;
  std::string head = received.substr(0, head_end);
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto length_at = head.find("\r\ncontent-length:");
  if (length_at == std::string::npos) {
    status = -1;
    return std::nullopt;
  }
  const auto length = std::stoul(head.substr(length_at + 17));
  if (received.size() < head_end + 4 + length) return std::nullopt;
  status = std::stoi(head.substr(9, 3));
  return std::make_pair(head_end + 4 + length, received.substr(head_end + 4, length));
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = etalon::bench::ReadFloorOptions(argc, argv);
  if (!options) {
    std::cerr << "usage: etalon_floor_client --port P --dataset FILE.jsonl [--concurrency C] [--field F] [--model M]\n";
    return 2;
  }
  const auto cases = etalon::bench::ReadFloorCases(*options);
  std::vector<std::string> requests;  // whole, before the clock matters
  for (const auto& one : cases) requests.push_back(HttpRequest(one.body));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(options->port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  const int epoll = epoll_create1(EPOLL_CLOEXEC);
  std::vector<Connection> connections(static_cast<std::size_t>(options->concurrency));
  std::size_t next_case = 0;
  std::size_t answered = 0;
  std::size_t passed = 0;
  std::size_t failed = 0;
  for (std::size_t i = 0; i < connections.size() && next_case < cases.size(); ++i) {
    auto& connection = connections[i];
    connection.socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(connection.socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(connection.socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      std::cerr << "etalon_floor_client: connect: " << std::strerror(errno) << "\n";
      return 1;
    }
    connection.case_index = next_case++;
    if (!SendAll(connection.socket, requests[connection.case_index])) return 1;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    epoll_ctl(epoll, EPOLL_CTL_ADD, connection.socket, &event);
  }
  std::vector<epoll_event> events(connections.size());
  std::vector<char> buffer(1 << 16);
  while (answered < cases.size()) {
    const int ready = epoll_wait(epoll, events.data(), static_cast<int>(events.size()), -1);
    if (ready < 0 && errno == EINTR) continue;
    for (int e = 0; e < ready; ++e) {
      auto& connection = connections[events[static_cast<std::size_t>(e)].data.u64];
      const auto count = ::recv(connection.socket, buffer.data(), buffer.size(), 0);
      if (count <= 0) {
        std::cerr << "etalon_floor_client: the server closed a connection\n";
        return 1;
      }
      connection.received.append(buffer.data(), static_cast<std::size_t>(count));
      int status = 0;
      const auto response = WholeResponse(connection.received, status);
      if (status < 0) {
        std::cerr << "etalon_floor_client: a response without Content-Length\n";
        return 1;
      }
      if (!response) continue;
      connection.received.erase(0, response->first);
      ++answered;
      // The next request leaves before this answer is checked.
      const auto answered_case = connection.case_index;
      if (next_case < cases.size()) {
        connection.case_index = next_case++;
        if (!SendAll(connection.socket, requests[connection.case_index])) return 1;
      }
      const bool right = etalon::bench::AnswerIsRight(status, response->second, cases[answered_case].reference);
      (right ? passed : failed) += 1;
    }
  }
  std::cout << etalon::bench::FloorResultLine(answered, passed, failed) << "\n";
  return 0;
}
