// A client built as issue #4 prescribes, and nothing more: libcurl's multi
// interface driven by one thread (epoll and curl_multi_socket_action),
// HTTP/1.1 keep-alive, `concurrency` transfers each starting the next
// request as soon as its answer is whole, the answers checked against the
// samples' references while the loop waits; no journal, no summary, no
// report. bench.sh times it beside etalon and the plain-socket floor client:
// its start is what loading libcurl costs any such client, and its whole
// run what libcurl alone allows against a given server on a given machine
// (docs/performance.md says how far that is a bound).
//
//   etalon_curl_floor_client --port P --dataset FILE.jsonl [--concurrency C]
//       [--field question] [--model sim-model]
//
// Prints `FLOOR {"requests": N, "passed": K, "failed": F}`; exits 1 when a
// transfer fails.
#include <sys/epoll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include <curl/curl.h>

#include "floor_cases.hpp"

namespace {

struct Transfer {
  CURL* easy = nullptr;
  std::size_t case_index = 0;  // the case whose answer is awaited
  std::string received;
};

struct Answer {
  std::size_t case_index = 0;
  long status = 0;
  std::string body;
};

// What libcurl asks of the loop: the sockets to watch and when to call it
// back. libcurl asks to forget each socket at the end of each transfer and
// to watch it again at the next: a connection stays in the epoll set
// meanwhile, and a request for the events already watched changes nothing,
// which spares the loop's thread two system calls an answer (etalon's
// SocketWatch does the same).
struct Loop {
  int epoll = -1;
  long timeout_ms = -1;  // -1: no timeout pending
  struct Socket {
    std::uint32_t events = 0;  // in the epoll set; 0: not in it
    bool wanted = false;       // by libcurl now
  };
  std::vector<Socket> sockets;  // by descriptor

  Socket& At(curl_socket_t socket) {
    const auto index = static_cast<std::size_t>(socket);
    if (index >= sockets.size()) sockets.resize(index + 1);
    return sockets[index];
  }
  void Forget(curl_socket_t socket) {
    auto& entry = At(socket);
    if (entry.events != 0) epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nullptr);
    entry = Socket{};
  }
};

int WatchSocket(CURL* /*easy*/, curl_socket_t socket, int what, void* user, void* /*socket_user*/) {
  auto& loop = *static_cast<Loop*>(user);
  auto& entry = loop.At(socket);
  entry.wanted = what != CURL_POLL_REMOVE;
  if (!entry.wanted) return 0;
  const std::uint32_t events =
      ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0U) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0U);
  if (entry.events == events) return 0;
  epoll_event event{};
  event.data.fd = socket;
  event.events = events;
  epoll_ctl(loop.epoll, entry.events != 0 ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket, &event);
  entry.events = events;
  return 0;
}

int CloseSocket(void* user, curl_socket_t socket) {
  static_cast<Loop*>(user)->Forget(socket);
  return close(socket);
}

int SetTimer(CURLM* /*multi*/, long timeout_ms, void* user) {
  static_cast<Loop*>(user)->timeout_ms = timeout_ms;
  return 0;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<Transfer*>(user)->received.append(data, size * count);
  return size * count;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = etalon::bench::ReadFloorOptions(argc, argv);
  if (!options) {
    std::cerr << "usage: etalon_curl_floor_client --port P --dataset FILE.jsonl [--concurrency C] [--field F] "
                 "[--model M]\n";
    return 2;
  }
  const auto cases = etalon::bench::ReadFloorCases(*options);
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    std::cerr << "etalon_curl_floor_client: curl_global_init failed\n";
    return 1;
  }
  Loop loop;
  loop.epoll = epoll_create1(EPOLL_CLOEXEC);
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, WatchSocket);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, &loop);
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, SetTimer);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, &loop);
  const std::string url = "http://127.0.0.1:" + std::to_string(options->port) + "/v1/chat/completions";
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");

  std::vector<Transfer> transfers(static_cast<std::size_t>(options->concurrency));
  std::size_t next_case = 0;
  // Answers are checked only when the loop has nothing else to do: on
  // libcurl's one thread, any work between two sockets delays every answer
  // behind it (a burst of 50 answers pays it 50 times over).
  std::vector<Answer> unchecked;
  std::size_t answered = 0;
  std::size_t passed = 0;
  auto check = [&] {
    for (const auto& answer : unchecked) {
      passed += etalon::bench::AnswerIsRight(answer.status, answer.body, cases[answer.case_index].reference) ? 1 : 0;
    }
    answered += unchecked.size();
    unchecked.clear();
  };
  auto start = [&](Transfer& transfer) {
    transfer.case_index = next_case++;
    transfer.received.clear();
    const auto& body = cases[transfer.case_index].body;
    curl_easy_setopt(transfer.easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(transfer.easy, CURLOPT_POSTFIELDS, body.data());
    curl_multi_add_handle(multi, transfer.easy);
  };
  for (auto& transfer : transfers) {
    transfer.easy = curl_easy_init();
    curl_easy_setopt(transfer.easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(transfer.easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(transfer.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(transfer.easy, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(transfer.easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(transfer.easy, CURLOPT_PRIVATE, &transfer);
    curl_easy_setopt(transfer.easy, CURLOPT_CLOSESOCKETFUNCTION, CloseSocket);
    curl_easy_setopt(transfer.easy, CURLOPT_CLOSESOCKETDATA, &loop);
    if (next_case < cases.size()) start(transfer);
  }

  bool transfer_failed = false;
  // Each finished transfer starts its next request at once: libcurl sends it
  // within its next call, as etalon's loop does.
  auto finish_done = [&] {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
      const CURLcode result = message->data.result;
      curl_multi_remove_handle(multi, transfer->easy);
      if (result != CURLE_OK) {
        std::cerr << "etalon_curl_floor_client: " << curl_easy_strerror(result) << "\n";
        transfer_failed = true;
        continue;
      }
      long status = 0;
      curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
      unchecked.push_back({transfer->case_index, status, std::move(transfer->received)});
      if (next_case < cases.size()) start(*transfer);
    }
  };
  int running = 0;
  std::array<epoll_event, 64> events{};
  while (answered + unchecked.size() < cases.size() && !transfer_failed) {
    int ready = 0;
    if (loop.timeout_ms != 0) {
      ready = epoll_wait(loop.epoll, events.data(), events.size(), 0);
      if (ready == 0) {
        check();
        const int wait_ms = loop.timeout_ms < 0 ? 1000 : static_cast<int>(loop.timeout_ms);
        ready = epoll_wait(loop.epoll, events.data(), events.size(), wait_ms);
      }
    }
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      loop.timeout_ms = -1;
      curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
      finish_done();
      continue;
    }
    for (int i = 0; i < ready; ++i) {
      const auto& event = events[static_cast<std::size_t>(i)];
      if (!loop.At(event.data.fd).wanted) {
        loop.Forget(event.data.fd);  // an idle connection the server closed: libcurl finds it dead at reuse
        continue;
      }
      const int mask = ((event.events & EPOLLIN) != 0 ? CURL_CSELECT_IN : 0) |
                       ((event.events & EPOLLOUT) != 0 ? CURL_CSELECT_OUT : 0) |
                       ((event.events & (EPOLLERR | EPOLLHUP)) != 0 ? CURL_CSELECT_ERR : 0);
      curl_multi_socket_action(multi, event.data.fd, mask, &running);
      finish_done();
    }
  }
  check();
  for (auto& transfer : transfers) {
    curl_multi_remove_handle(multi, transfer.easy);
    curl_easy_cleanup(transfer.easy);
  }
  curl_slist_free_all(headers);
  curl_multi_cleanup(multi);
  close(loop.epoll);
  curl_global_cleanup();
  std::cout << etalon::bench::FloorResultLine(answered, passed, answered - passed) << "\n";
  return transfer_failed ? 1 : 0;
}
