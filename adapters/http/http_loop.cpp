#include "http/http_loop.hpp"

#include <fmt/format.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "etalon/core/thread_name.hpp"
#include "http/curl_library.hpp"

namespace etalon::adapters::http {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kMaxPollWait{1000};
constexpr int kMaxEvents = 256;
// Sent as a header rather than CURLOPT_USERAGENT, which libcurl formats
// anew for every request; a configured User-Agent header replaces it.
constexpr const char* kUserAgentHeader = "User-Agent: etalon/0.1";

CURLM* Multi(void* multi) { return static_cast<CURLM*>(multi); }

double Seconds(std::chrono::milliseconds duration) { return static_cast<double>(duration.count()) / 1000.0; }

// Connection failures and timeouts are worth another attempt; a TLS or
// protocol setup error will fail the same way again.
bool IsRetryableTransport(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

// Whether `header` ("Name: value") is the header `lower_name`, names compared
// without case.
bool IsHeader(std::string_view header, std::string_view lower_name) {
  return header.size() > lower_name.size() && header[lower_name.size()] == ':' &&
         std::equal(lower_name.begin(), lower_name.end(), header.begin(),
                    [](char lower, char c) { return lower == std::tolower(static_cast<unsigned char>(c)); });
}

}  // namespace

// A libcurl easy handle and what its options were set for. Handles are
// reused: creating and destroying one cost libcurl more than a loopback
// request's whole transfer. A handle that served the same client, URL and
// headers keeps its options, and only the body is set for the next request:
// resetting it and setting its twenty options again took about 5,000
// instructions a request, 2 % of the run's.
struct HttpLoop::Easy {
  const CurlLibrary* curl = nullptr;
  CURL* handle = nullptr;
  Call* call = nullptr;  // the attempt it carries; its callbacks' and CURLINFO_PRIVATE's target
  // What the options were set for; `client_id` is 0 once they are reset
  // (ids, unlike addresses, are never reused: HttpClient::id).
  std::uint64_t client_id = 0;
  bool plain_post = false;  // a body and no form: the next such request changes the body alone
  std::string url;
  std::vector<std::string> headers;
  curl_slist* header_list = nullptr;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};

  static bool IsPlainPost(const HttpRequest& request) { return request.form.empty() && !request.body.empty(); }
  // Whether `request` of `for_client` needs no option but its body.
  bool SetUpFor(const HttpClient& for_client, const HttpRequest& request) const {
    return client_id == for_client.id() && plain_post && IsPlainPost(request) && url == request.url &&
           headers == request.headers;
  }
  void Reset() {
    curl->easy_reset(handle);
    curl->slist_free_all(header_list);
    header_list = nullptr;
    client_id = 0;
  }
  ~Easy() {
    curl->easy_cleanup(handle);
    curl->slist_free_all(header_list);
  }
};

struct HttpLoop::Call {
  HttpLoop* loop = nullptr;
  HttpClient* client = nullptr;
  HttpRequest request;
  HttpDone done;
  HttpResult result;
  Clock::time_point first_sent_at;
  std::unique_ptr<Easy> easy;  // while an attempt is in flight
  curl_mime* form = nullptr;
  bool first_byte_timed_out = false;

  void Release() {
    easy.reset();
    if (form != nullptr) {
      loop->curl_->mime_free(form);
      form = nullptr;
    }
  }
  ~Call() { Release(); }
};

// Bytes are stamped with the moment the loop learned they were there (the
// return of epoll_wait, or the timer call that made libcurl read them), not
// when libcurl gets round to handing them over: among the sockets ready
// together, the last one handled would otherwise carry the time spent on the
// others.
std::size_t HttpLoop::OnBody(char* data, std::size_t size, std::size_t count, void* easy) {
  auto& call = *static_cast<Easy*>(easy)->call;
  const auto at = call.loop->ready_at_;
  auto& result = call.result;
  const auto bytes = size * count;
  if (!result.first_byte_at) {
    result.first_byte_at = at;
  }
  result.body.append(data, bytes);
  result.chunks.push_back({result.body.size(), at});
  return bytes;
}

std::size_t HttpLoop::OnHeader(char* data, std::size_t size, std::size_t count, void* easy) {
  auto& call = *static_cast<Easy*>(easy)->call;
  const auto at = call.loop->ready_at_;
  auto& result = call.result;
  const auto bytes = size * count;
  if (!result.first_byte_at) {
    result.first_byte_at = at;
  }
  std::string_view line(data, bytes);
  if (line.starts_with("HTTP/")) {
    result.headers.clear();  // a new response (after a 100 Continue or a redirect)
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return bytes;
  }
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  auto value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  result.headers.emplace_back(std::move(name), std::string(value));
  return bytes;
}

// libcurl tells which sockets to watch for what; the loop keeps them in its
// epoll set, so a wake-up costs the sockets that are ready, not all of them.
int HttpLoop::WatchSocket(void* /*easy*/, int socket, int what, void* loop_pointer, void* /*socket_mark*/) {
  auto& sockets = static_cast<HttpLoop*>(loop_pointer)->sockets_;
  if (what == CURL_POLL_REMOVE) {
    sockets.Unwatch(socket);
  } else {
    sockets.Watch(socket, ((what & CURL_POLL_IN) != 0 ? EPOLLIN : 0U) | ((what & CURL_POLL_OUT) != 0 ? EPOLLOUT : 0U));
  }
  return 0;
}

// The connection sockets are opened and closed here so that the epoll set
// hears of their closing (socket_watch.hpp). They are close-on-exec, unlike
// libcurl's own: a program a command adapter starts inherits none.
curl_socket_t HttpLoop::OpenSocket(void* loop_pointer, curlsocktype purpose, curl_sockaddr* address) {
  const int socket = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (socket < 0) {
    return CURL_SOCKET_BAD;
  }
  if (purpose == CURLSOCKTYPE_IPCXN) {
    static_cast<HttpLoop*>(loop_pointer)->sockets_.Opened(socket);
  }
  return socket;
}

int HttpLoop::CloseSocket(void* loop_pointer, curl_socket_t socket) {
  static_cast<HttpLoop*>(loop_pointer)->sockets_.Closing(socket);
  return close(socket);
}

namespace {

// libcurl asks to be called back after `timeout_ms` (-1: no timer).
int OnTimer(CURLM* /*multi*/, long timeout_ms, void* user) {
  auto& deadline = *static_cast<std::optional<Clock::time_point>*>(user);
  if (timeout_ms < 0) {
    deadline.reset();
  } else {
    deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  }
  return 0;
}

}  // namespace

HttpLoop::HttpLoop() {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) {
    throw std::runtime_error(fmt::format("HTTP loop: cannot create its event descriptor: {}", std::strerror(errno)));
  }
  sockets_.Watch(wake_fd_, EPOLLIN);
  thread_ = std::thread([this] { Run(); });
}

HttpLoop::~HttpLoop() {
  {
    const std::lock_guard lock(submit_mutex_);
    stopping_ = true;
  }
  Wake();
  thread_.join();
  if (multi_ != nullptr) {
    for (auto& [pointer, call] : calls_) {
      if (call->easy) {
        curl_->multi_remove_handle(Multi(multi_), call->easy->handle);
      }
    }
    calls_.clear();
    idle_easies_.clear();
    curl_->multi_cleanup(Multi(multi_));
  }
  close(wake_fd_);
}

void HttpLoop::Wake() {
  const std::uint64_t one = 1;
  // Cannot fail but by overflowing the counter, when the loop is awake anyway.
  [[maybe_unused]] const auto written = write(wake_fd_, &one, sizeof one);
}

void HttpLoop::Submit(HttpClient& client, HttpRequest request, HttpDone done) {
  auto call = std::make_unique<Call>();
  call->loop = this;
  call->client = &client;
  call->request = std::move(request);
  call->done = std::move(done);
  {
    const std::lock_guard lock(submit_mutex_);
    submitted_.push_back(std::move(call));
  }
  // A loop that is not asleep looks at the queue before it sleeps again.
  if (sleeping_.load()) {
    Wake();
  }
}

void HttpLoop::Start(Call& call) {
  const auto now = Clock::now();
  if (curl_ == nullptr) {
    call.result.finished_at = now;
    call.result.transport_error = core::Error{core::ErrorKind::kAdapterFailure, 0, curl_error_};
    Deliver(call);
    return;
  }
  const auto admission = call.client->rate_limiter().Admit(call.request.estimated_tokens, now);
  if (!admission.granted) {
    timers_.emplace(now + admission.wait, &call);
    return;
  }
  if (call.result.attempts == 0) {
    call.first_sent_at = now;
  }
  call.result.sent_at = now;
  call.result.attempts += 1;
  call.result.rate_ticket = admission.ticket;
  call.result.status = 0;
  call.result.headers.clear();
  call.result.body.clear();
  call.result.chunks.clear();
  call.result.first_byte_at.reset();
  call.result.transport_error.reset();
  call.first_byte_timed_out = false;

  call.easy = TakeEasy(*call.client, call.request);
  Easy& easy = *call.easy;
  easy.call = &call;
  easy.error_buffer[0] = '\0';
  if (!easy.SetUpFor(*call.client, call.request)) {
    SetUp(easy, *call.client, call.request);
  }
  if (!call.request.form.empty()) {
    call.form = curl_->mime_init(easy.handle);
    for (const auto& part : call.request.form) {
      curl_mimepart* mime_part = curl_->mime_addpart(call.form);
      curl_->mime_name(mime_part, part.name.c_str());
      if (!part.file_path.empty()) {
        curl_->mime_filedata(mime_part, part.file_path.c_str());
      } else {
        curl_->mime_data(mime_part, part.data.data(), part.data.size());
      }
      if (!part.content_type.empty()) {
        curl_->mime_type(mime_part, part.content_type.c_str());
      }
    }
    curl_->easy_setopt(easy.handle, CURLOPT_MIMEPOST, call.form);
  } else if (!call.request.body.empty()) {
    curl_->easy_setopt(easy.handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.request.body.size()));
    curl_->easy_setopt(easy.handle, CURLOPT_POSTFIELDS, call.request.body.data());
  }
  curl_->multi_add_handle(Multi(multi_), easy.handle);
}

std::unique_ptr<HttpLoop::Easy> HttpLoop::TakeEasy(const HttpClient& client, const HttpRequest& request) {
  auto take = [this](std::vector<std::unique_ptr<Easy>>::iterator at) {
    auto easy = std::move(*at);
    idle_easies_.erase(at);
    return easy;
  };
  const auto set_up = std::find_if(idle_easies_.rbegin(), idle_easies_.rend(),
                                   [&](const auto& easy) { return easy->SetUpFor(client, request); });
  if (set_up != idle_easies_.rend()) {
    return take(std::next(set_up).base());
  }
  if (!idle_easies_.empty()) {
    return take(std::prev(idle_easies_.end()));
  }
  auto easy = std::make_unique<Easy>();
  easy->curl = curl_;
  easy->handle = curl_->easy_init();
  return easy;
}

void HttpLoop::SetUp(Easy& easy, const HttpClient& client, const HttpRequest& request) {
  if (easy.client_id != 0) {
    easy.Reset();
  }
  CURL* handle = easy.handle;
  const auto& settings = client.settings();
  curl_->easy_setopt(handle, CURLOPT_PRIVATE, &easy);
  curl_->easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_->easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_->easy_setopt(handle, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Over TLS, wait for ALPN to tell whether the first connection multiplexes
  // (HTTP/2) rather than opening one per request. Cleartext URLs speak
  // HTTP/1.1 here, where that wait only delays every request of the first
  // wave until the first answer (measured: ~90 ms at concurrency 64).
  if (request.url.rfind("https://", 0) == 0) {
    curl_->easy_setopt(handle, CURLOPT_PIPEWAIT, 1L);
  }
  curl_->easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_->easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings.ca_bundle.empty()) {
    curl_->easy_setopt(handle, CURLOPT_CAINFO, settings.ca_bundle.c_str());
  }
  curl_->easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
  curl_->easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.total_timeout.count()));
  curl_->easy_setopt(handle, CURLOPT_ERRORBUFFER, easy.error_buffer.data());
  curl_->easy_setopt(handle, CURLOPT_WRITEFUNCTION, &HttpLoop::OnBody);
  curl_->easy_setopt(handle, CURLOPT_WRITEDATA, &easy);
  curl_->easy_setopt(handle, CURLOPT_HEADERFUNCTION, &HttpLoop::OnHeader);
  curl_->easy_setopt(handle, CURLOPT_HEADERDATA, &easy);
  curl_->easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, &HttpLoop::OpenSocket);
  curl_->easy_setopt(handle, CURLOPT_OPENSOCKETDATA, this);
  curl_->easy_setopt(handle, CURLOPT_CLOSESOCKETFUNCTION, &HttpLoop::CloseSocket);
  curl_->easy_setopt(handle, CURLOPT_CLOSESOCKETDATA, this);
  bool user_agent_given = false;
  for (const auto& header : request.headers) {
    easy.header_list = curl_->slist_append(easy.header_list, header.c_str());
    user_agent_given = user_agent_given || IsHeader(header, "user-agent");
  }
  if (!user_agent_given) {
    easy.header_list = curl_->slist_append(easy.header_list, kUserAgentHeader);
  }
  easy.header_list = curl_->slist_append(easy.header_list, "Expect:");  // no 100-continue round trip for large bodies
  curl_->easy_setopt(handle, CURLOPT_HTTPHEADER, easy.header_list);
  easy.client_id = client.id();
  easy.plain_post = Easy::IsPlainPost(request);
  easy.url = request.url;
  easy.headers = request.headers;
}

void HttpLoop::FinishAttempt(Call& call, int curl_code) {
  const auto code = static_cast<CURLcode>(curl_code);
  const auto now = Clock::now();
  call.result.finished_at = now;
  curl_->easy_getinfo(call.easy->handle, CURLINFO_RESPONSE_CODE, &call.result.status);
  curl_->multi_remove_handle(Multi(multi_), call.easy->handle);
  const auto& settings = call.client->settings();
  bool retryable = false;
  if (call.first_byte_timed_out) {
    call.result.status = 0;
    call.result.transport_error = core::Error{
        core::ErrorKind::kTimeout, 0,
        fmt::format("no response byte within {} s (first_byte_timeout_s)", Seconds(settings.first_byte_timeout))};
    retryable = true;
  } else if (code != CURLE_OK) {
    const bool timed_out = code == CURLE_OPERATION_TIMEDOUT;
    const auto& error_buffer = call.easy->error_buffer;
    const std::string detail = error_buffer[0] != '\0' ? error_buffer.data() : curl_->easy_strerror(code);
    call.result.transport_error =
        timed_out ? core::Error{core::ErrorKind::kTimeout, 0,
                                fmt::format("no complete answer within the timeouts ({})", detail)}
                  : core::Error{core::ErrorKind::kNetwork, 0, fmt::format("network error: {}", detail)};
    retryable = IsRetryableTransport(code);
  } else {
    retryable = IsRetryableStatus(call.result.status);
  }
  call.easy->call = nullptr;
  idle_easies_.push_back(std::move(call.easy));
  call.Release();
  if (retryable) {
    const auto hint = call.result.transport_error
                          ? std::nullopt
                          : ParseRetryAfter(call.result.Header("retry-after"), call.result.Header("retry-after-ms"),
                                            std::chrono::system_clock::now());
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - call.first_sent_at);
    if (const auto delay = call.client->retry_policy().NextDelay(call.result.attempts, elapsed, hint)) {
      timers_.emplace(now + *delay, &call);
      return;
    }
  }
  Deliver(call);
}

void HttpLoop::Deliver(Call& call) {
  if (call.request.on_answered) {
    call.request.on_answered();
  }
  auto owned = std::move(calls_.at(&call));
  calls_.erase(&call);
  // With nothing else in flight, no answer will join this one: the
  // completion thread need not wait to gather (the last answer of a run).
  bool last = calls_.empty();
  if (last) {
    const std::lock_guard lock(submit_mutex_);
    last = submitted_.empty();
  }
  // std::function must be copyable, so the finished call moves in through a shared_ptr.
  auto finished = std::shared_ptr<Call>(std::move(owned));
  completions_.Post([finished] { finished->done(std::move(finished->result)); }, last);
}

std::optional<HttpLoop::Clock::time_point> HttpLoop::ExpireFirstBytes() {
  const auto now = Clock::now();
  std::optional<Clock::time_point> next;
  std::vector<Call*> expired;
  for (const auto& [pointer, call] : calls_) {
    if (!call->easy || call->result.first_byte_at) {
      continue;
    }
    const auto deadline = call->result.sent_at + call->client->settings().first_byte_timeout;
    if (deadline <= now) {
      expired.push_back(pointer);
    } else if (!next || deadline < *next) {
      next = deadline;
    }
  }
  for (auto* call : expired) {
    call->first_byte_timed_out = true;
    FinishAttempt(*call, CURLE_OPERATION_TIMEDOUT);
  }
  return next;
}

std::chrono::milliseconds HttpLoop::WaitUntilDue(std::optional<Clock::time_point> first_byte_deadline) const {
  const auto now = Clock::now();
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(kMaxPollWait);
  auto until = [&](Clock::time_point deadline) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    wait = std::clamp(left, std::chrono::milliseconds(0), wait);
  };
  if (!timers_.empty()) {
    until(timers_.begin()->first);
  }
  if (curl_deadline_) {
    until(*curl_deadline_);
  }
  if (first_byte_deadline) {
    until(*first_byte_deadline);
  }
  return wait;
}

void HttpLoop::FinishDone() {
  int queued = 0;
  while (CURLMsg* message = curl_->multi_info_read(Multi(multi_), &queued)) {
    if (message->msg != CURLMSG_DONE) {
      continue;
    }
    Easy* easy = nullptr;
    curl_->easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &easy);
    FinishAttempt(*easy->call, message->data.result);
  }
}

void HttpLoop::Run() {
  core::NameThisThread("etalon-http");
  // Loaded here, while the thread that made the loop goes on (curl_library.hpp);
  // without it every request fails with the loader's reason.
  try {
    curl_ = &Curl();
    multi_ = curl_->multi_init();
    curl_->multi_setopt(Multi(multi_), CURLMOPT_SOCKETFUNCTION, &HttpLoop::WatchSocket);
    curl_->multi_setopt(Multi(multi_), CURLMOPT_SOCKETDATA, this);
    curl_->multi_setopt(Multi(multi_), CURLMOPT_TIMERFUNCTION, OnTimer);
    curl_->multi_setopt(Multi(multi_), CURLMOPT_TIMERDATA, &curl_deadline_);
  } catch (const std::runtime_error& error) {
    curl_error_ = error.what();
  }
  std::array<epoll_event, kMaxEvents> events{};
  for (;;) {
    {
      const std::lock_guard lock(submit_mutex_);
      if (stopping_) {
        return;
      }
    }
    StartSubmitted();
    const auto now = Clock::now();
    while (!timers_.empty() && timers_.begin()->first <= now) {
      auto* call = timers_.begin()->second;
      timers_.erase(timers_.begin());
      Start(*call);
    }
    int running = 0;
    // Added handles and curl's own timeouts move on its timer.
    if (curl_deadline_ && *curl_deadline_ <= Clock::now()) {
      curl_deadline_.reset();
      ready_at_ = Clock::now();
      curl_->multi_socket_action(Multi(multi_), CURL_SOCKET_TIMEOUT, 0, &running);
      FinishDone();
    }
    const auto first_byte_deadline = ExpireFirstBytes();
    // Submit wakes the loop only while it sleeps: the flag is raised before
    // the queue is looked at, so a request queued after that look wakes it.
    sleeping_.store(true);
    bool queued = false;
    {
      const std::lock_guard lock(submit_mutex_);
      queued = !submitted_.empty() || stopping_;
    }
    const int ready =
        sockets_.Wait(events.data(), kMaxEvents, queued ? 0 : static_cast<int>(WaitUntilDue(first_byte_deadline).count()));
    sleeping_.store(false);
    ready_at_ = Clock::now();
    for (int i = 0; i < ready; ++i) {
      const auto& event = events[static_cast<std::size_t>(i)];
      if (event.data.fd == wake_fd_) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto read_bytes = read(wake_fd_, &count, sizeof count);
        continue;
      }
      const int mask = ((event.events & EPOLLIN) != 0 ? CURL_CSELECT_IN : 0) |
                       ((event.events & EPOLLOUT) != 0 ? CURL_CSELECT_OUT : 0) |
                       ((event.events & (EPOLLERR | EPOLLHUP)) != 0 ? CURL_CSELECT_ERR : 0);
      curl_->multi_socket_action(Multi(multi_), event.data.fd, mask, &running);
      // The requests that this socket's answers freed slots for start now:
      // libcurl sends them within its next call, the next socket's, instead
      // of after every socket of this wake-up has been read. Answers released
      // together (a server's timer tick) made that wait 0.3 to 0.7 ms a request
      // on average at concurrency 50 (now about 20 µs; a client of plain
      // sockets: 5 µs).
      FinishDone();
      StartSubmitted();
    }
  }
}

void HttpLoop::StartSubmitted() {
  std::vector<std::unique_ptr<Call>> arrived;
  {
    const std::lock_guard lock(submit_mutex_);
    arrived.swap(submitted_);
  }
  for (auto& call : arrived) {
    auto* pointer = call.get();
    calls_.emplace(pointer, std::move(call));
    Start(*pointer);
  }
}

std::shared_ptr<HttpLoop> SharedHttpLoop() {
  static std::mutex mutex;
  static std::weak_ptr<HttpLoop> shared;
  const std::lock_guard lock(mutex);
  auto loop = shared.lock();
  if (!loop) {
    loop = std::make_shared<HttpLoop>();
    shared = loop;
  }
  return loop;
}

}  // namespace etalon::adapters::http
