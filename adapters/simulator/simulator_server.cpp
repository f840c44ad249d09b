// <utility> first: Boost 1.74's asio/awaitable.hpp uses std::exchange without including it.
#include <utility>

#include "etalon/simulator/simulator_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <variant>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "answer_maker.hpp"
#include "chat_turn.hpp"
#include "etalon/core/clock.hpp"
#include "etalon/core/sha256.hpp"
#include "fault_choice.hpp"
#include "hashed_embedding.hpp"
#include "latency_sampler.hpp"
#include "multipart_form.hpp"
#include "request_log.hpp"
#include "token_bucket.hpp"
#include "wire_bodies.hpp"
#include "word_tokens.hpp"

namespace etalon::simulator {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using Request = http::request<http::string_body>;
template <class T>
using Task = net::awaitable<T>;

constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;  // an audio upload fits
constexpr const char* kServerName = "etalon-simulator";

enum class Route { kHealth, kModels, kStats, kChat, kMessages, kEmbeddings, kTranscriptions, kNotFound };

Route RouteOf(http::verb method, const std::string& path) {
  struct Entry {
    http::verb method;
    const char* path;
    Route route;
  };
  static const Entry kRoutes[] = {
      {http::verb::get, "/health", Route::kHealth},
      {http::verb::get, "/v1/models", Route::kModels},
      {http::verb::get, "/stats", Route::kStats},
      {http::verb::post, "/v1/chat/completions", Route::kChat},
      {http::verb::post, "/v1/messages", Route::kMessages},
      {http::verb::post, "/v1/embeddings", Route::kEmbeddings},
      {http::verb::post, "/v1/audio/transcriptions", Route::kTranscriptions},
  };
  for (const auto& entry : kRoutes) {
    if (entry.method == method && path == entry.path) {
      return entry.route;
    }
  }
  return Route::kNotFound;
}

Clock::duration Milliseconds(double ms) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(ms));
}

// What the log line of one request says (docs/simulator.md, "Log format").
struct Record {
  std::uint64_t seq = 0;
  std::string method;
  std::string endpoint;
  std::optional<std::string> model;  // as asked
  std::optional<std::string> served_model;
  std::optional<std::string> profile;
  bool stream = false;
  std::optional<FaultKind> fault;
  int status = 0;
  std::optional<double> ttft_applied_ms;
  std::optional<double> ttft_ms;
  std::vector<double> itl_applied_ms;
  std::vector<double> itl_observed_ms;
  std::size_t prompt_tokens = 0;
  std::size_t completion_tokens = 0;
  std::size_t content_chunks = 0;
  std::optional<std::string> finish_reason;
  std::optional<std::string> answer_source;
  std::optional<std::string> last_user_sha256;
  std::size_t images = 0;
  std::optional<std::string> error;
  bool completed = false;  // the whole response reached the socket

  Json ToJson() const {
    auto optional = [](const auto& value) { return value ? Json(*value) : Json(nullptr); };
    return Json{
        {"seq", seq},
        {"time", core::NowUtc()},
        {"method", method},
        {"endpoint", endpoint},
        {"model", optional(model)},
        {"served_model", optional(served_model)},
        {"profile", optional(profile)},
        {"stream", stream},
        {"fault", fault ? Json(std::string(FaultName(*fault))) : Json(nullptr)},
        {"status", status},
        {"ttft_applied_ms", optional(ttft_applied_ms)},
        {"ttft_ms", optional(ttft_ms)},
        {"itl_applied_ms", itl_applied_ms},
        {"itl_observed_ms", itl_observed_ms},
        {"prompt_tokens", prompt_tokens},
        {"completion_tokens", completion_tokens},
        {"content_chunks", content_chunks},
        {"finish_reason", optional(finish_reason)},
        {"answer_source", optional(answer_source)},
        {"last_user_sha256", optional(last_user_sha256)},
        {"images", images},
        {"error", optional(error)},
        {"completed", completed},
    };
  }
};

class Counters {
 public:
  void Begin() {
    std::lock_guard lock(mutex_);
    ++requests_;
    ++in_flight_;
    peak_in_flight_ = std::max(peak_in_flight_, in_flight_);
  }
  void End(const Record& record) {
    std::lock_guard lock(mutex_);
    --in_flight_;
    ++by_status_[std::to_string(record.status)];
    if (record.fault) {
      ++faults_injected_;
      ++faults_[std::string(FaultName(*record.fault))];
    }
  }
  Json ToJson() {
    std::lock_guard lock(mutex_);
    return Json{{"requests", requests_},
                {"in_flight", in_flight_},
                {"peak_in_flight", peak_in_flight_},
                {"by_status", by_status_},
                {"faults_injected", faults_injected_},
                {"faults", faults_}};
  }

 private:
  std::mutex mutex_;
  std::uint64_t requests_ = 0;
  std::int64_t in_flight_ = 0;
  std::int64_t peak_in_flight_ = 0;
  std::map<std::string, std::uint64_t> by_status_;
  std::uint64_t faults_injected_ = 0;
  std::map<std::string, std::uint64_t> faults_;
};

const char* FinishName(FinishReason finish, ChatApi api) {
  switch (finish) {
    case FinishReason::kStop:
      return api == ChatApi::kOpenAi ? "stop" : "end_turn";
    case FinishReason::kStopSequence:
      return api == ChatApi::kOpenAi ? "stop" : "stop_sequence";
    case FinishReason::kLength:
      return api == ChatApi::kOpenAi ? "length" : "max_tokens";
  }
  return "stop";
}

// A JSON body cut in half: what a client sees from a server that broke mid-write.
std::string Malformed(const std::string& json) { return json.substr(0, json.size() / 2); }

std::string Base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(group >> 18) & 63];
    out += kAlphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[group & 63] : '=';
  }
  return out;
}

std::string Base64OfFloats(const std::vector<double>& values) {
  std::string bytes;
  for (const double value : values) {
    const float single = static_cast<float>(value);
    char raw[sizeof(float)];
    std::memcpy(raw, &single, sizeof(float));  // little-endian, as OpenAI's base64 embeddings
    bytes.append(raw, sizeof(float));
  }
  return Base64(bytes);
}

// The credential headers of `request`, plain and in base64 (faults.echo_credentials).
std::string EchoedCredentials(const Request& request) {
  std::string echoed;
  for (const auto name : {"authorization", "x-api-key", "api-key"}) {
    const auto found = request.find(name);
    if (found == request.end()) {
      continue;
    }
    std::string value(found->value());
    if (value.rfind("Bearer ", 0) == 0) {
      value.erase(0, 7);
    }
    echoed += fmt::format(" Received {}: {} (base64 {}).", name, value, Base64(value));
  }
  return echoed;
}

}  // namespace

struct SimulatorServer::Impl {
  SimulatorConfig config;
  ServerOptions options;
  RequestLog log;
  Counters counters;
  std::optional<TokenBucket> bucket;
  std::atomic<std::uint64_t> next_sequence{0};
  // Declared after what the sessions use: destroying the io_context destroys suspended sessions.
  net::io_context io;
  tcp::acceptor acceptor;
  std::uint16_t port = 0;
  std::vector<std::thread> threads;
  std::mutex lifecycle_mutex;
  bool stopped = false;

  Impl(SimulatorConfig config_in, ServerOptions options_in)
      : config(std::move(config_in)),
        options(std::move(options_in)),
        log(options.log_path),
        io(std::max(1, options.threads)),
        acceptor(io) {
    if (config.rate_limit_rpm > 0) {
      const double burst = config.rate_limit_burst > 0 ? config.rate_limit_burst : config.rate_limit_rpm;
      bucket.emplace(config.rate_limit_rpm, burst, Clock::now());
    }
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), options.port);
    beast::error_code error;
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(net::socket_base::reuse_address(true), error);
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(net::socket_base::max_listen_connections, error);
    if (error) {
      throw std::runtime_error(fmt::format("cannot listen on 127.0.0.1:{}: {}", options.port, error.message()));
    }
    port = acceptor.local_endpoint().port();
  }

  const Profile& ProfileFor(std::uint64_t seq, std::string& name) const {
    if (config.switched && seq > config.switch_after_requests) {
      name = "switched";
      return *config.switched;
    }
    name = "primary";
    return config.primary;
  }

  Task<void> Accept() {
    for (;;) {
      beast::error_code error;
      tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, error));
      if (error == net::error::operation_aborted || !acceptor.is_open()) {
        co_return;
      }
      if (error) {  // out of descriptors...: let the backlog wait a moment
        net::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(10));
        co_await pause.async_wait(net::redirect_error(net::use_awaitable, error));
        continue;
      }
      socket.set_option(tcp::no_delay(true), error);
      net::co_spawn(acceptor.get_executor(), Session(std::move(socket)), net::detached);
    }
  }

  Task<void> Session(tcp::socket socket) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(kMaxBodyBytes);
      beast::error_code error;
      co_await http::async_read(socket, buffer, parser, net::redirect_error(net::use_awaitable, error));
      if (error) {
        co_return;  // the client left, or sent something that is not HTTP
      }
      const auto read_at = Clock::now();
      Request request = parser.release();
      const bool keep_alive = co_await Serve(socket, request, read_at);
      if (!keep_alive || !request.keep_alive()) {
        socket.shutdown(tcp::socket::shutdown_send, error);
        co_return;
      }
    }
  }

  // Serves one request; false when the connection must not be reused.
  Task<bool> Serve(tcp::socket& socket, const Request& request, Clock::time_point read_at) {
    Record record;
    record.seq = ++next_sequence;
    record.method = std::string(request.method_string());
    const std::string target(request.target());
    record.endpoint = target.substr(0, target.find('?'));
    counters.Begin();
    bool reusable = true;
    switch (RouteOf(request.method(), record.endpoint)) {
      case Route::kHealth:
        reusable = co_await SendJson(socket, request, record, http::status::ok, HealthBody());
        break;
      case Route::kModels:
        reusable = co_await SendJson(socket, request, record, http::status::ok, ModelList());
        break;
      case Route::kStats:
        reusable = co_await SendJson(socket, request, record, http::status::ok, counters.ToJson());
        break;
      case Route::kChat:
        reusable = co_await ServeChat(socket, request, record, read_at, ChatApi::kOpenAi);
        break;
      case Route::kMessages:
        reusable = co_await ServeChat(socket, request, record, read_at, ChatApi::kAnthropic);
        break;
      case Route::kEmbeddings:
        reusable = co_await ServeEmbeddings(socket, request, record, read_at);
        break;
      case Route::kTranscriptions:
        reusable = co_await ServeTranscription(socket, request, record, read_at);
        break;
      case Route::kNotFound:
        record.error = fmt::format("Invalid URL ({} {})", record.method, record.endpoint);
        reusable = co_await SendJson(socket, request, record, http::status::not_found,
                                     OpenAiError(*record.error, "invalid_request_error", std::nullopt));
        break;
    }
    counters.End(record);
    log.Append(record.ToJson());
    co_return reusable;
  }

  // Built outside co_await expressions: GCC 12 cannot keep an initializer list's array in a coroutine frame.
  static Json HealthBody() { return Json{{"status", "ok"}}; }

  Json ModelList() const {
    Json data = Json::array();
    for (const Profile* profile : {&config.primary, config.switched ? &*config.switched : nullptr}) {
      if (profile != nullptr && (data.empty() || data[0]["id"] != profile->model)) {
        data.push_back(Json{{"id", profile->model}, {"object", "model"}, {"created", 0}, {"owned_by", kServerName}});
      }
    }
    return Json{{"object", "list"}, {"data", std::move(data)}};
  }

  http::response<http::string_body> MakeResponse(const Request& request, const Record& record, http::status status,
                                                 const std::string& content_type, std::string body) const {
    http::response<http::string_body> response{status, request.version()};
    response.set(http::field::server, kServerName);
    response.set(http::field::content_type, content_type);
    response.set("x-request-id", fmt::format("sim-{}", record.seq));
    response.keep_alive(request.keep_alive());
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
  }

  Task<bool> Write(tcp::socket& socket, http::response<http::string_body>& response, Record& record) {
    beast::error_code error;
    co_await http::async_write(socket, response, net::redirect_error(net::use_awaitable, error));
    record.status = response.result_int();
    record.completed = !error;
    co_return !error;
  }

  Task<bool> SendJson(tcp::socket& socket, const Request& request, Record& record, http::status status,
                      const Json& body) {
    auto response = MakeResponse(request, record, status, "application/json", body.dump());
    co_return co_await Write(socket, response, record);
  }

  // A 400 in the endpoint's dialect.
  Task<bool> SendInvalid(tcp::socket& socket, const Request& request, Record& record, ChatApi api,
                         const std::string& message) {
    record.error = message;
    // A named body: GCC 12 mishandles a conditional's temporary inside a co_await expression.
    const Json body = api == ChatApi::kOpenAi ? OpenAiError(message, "invalid_request_error", std::nullopt)
                                              : AnthropicError("invalid_request_error", message);
    co_return co_await SendJson(socket, request, record, http::status::bad_request, body);
  }

  Task<void> Wait(double ms) {
    if (ms <= 0) {
      co_return;
    }
    net::steady_timer timer(co_await net::this_coro::executor);
    timer.expires_after(Milliseconds(ms));
    beast::error_code error;
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, error));
  }

  // A stalled server: reads and drops whatever comes until the client gives up.
  Task<void> WaitForClientToLeave(tcp::socket& socket) {
    char scratch[512];
    beast::error_code error;
    while (!error) {
      co_await socket.async_read_some(net::buffer(scratch), net::redirect_error(net::use_awaitable, error));
    }
  }

  static void Reset(tcp::socket& socket) {
    beast::error_code error;
    socket.set_option(net::socket_base::linger(true, 0), error);  // close() then sends RST, not FIN
    socket.close(error);
  }

  // The rate limit, then the drawn fault. Error faults are answered here (true:
  // answered, `reusable` set); the others are left in record.fault for the caller.
  Task<bool> AnswerErrorFault(tcp::socket& socket, const Request& request, Record& record, ChatApi api,
                              bool& reusable) {
    int retry_after_s = config.faults.retry_after_s;
    if (bucket) {
      const double wait_s = bucket->TakeOrWaitSeconds(Clock::now());
      if (wait_s > 0) {
        record.fault = FaultKind::kRateLimited;
        retry_after_s = static_cast<int>(std::ceil(wait_s));
      }
    }
    if (!record.fault) {
      record.fault = ChooseFault(config.faults, config.seed, record.seq);
    }
    if (!record.fault) {
      co_return false;
    }
    http::status status = http::status::internal_server_error;
    std::string type;
    std::string message;
    switch (*record.fault) {
      case FaultKind::kHttp500:
        status = http::status::internal_server_error;
        type = api == ChatApi::kOpenAi ? "server_error" : "api_error";
        message = "The server had an error while processing your request (simulated fault).";
        break;
      case FaultKind::kHttp502:
        status = http::status::bad_gateway;
        type = api == ChatApi::kOpenAi ? "server_error" : "api_error";
        message = "Bad gateway (simulated fault).";
        break;
      case FaultKind::kHttp503:
        status = http::status::service_unavailable;
        type = api == ChatApi::kOpenAi ? "server_error" : "overloaded_error";
        message = "The server is overloaded (simulated fault).";
        break;
      case FaultKind::kHttp429:
      case FaultKind::kRateLimited:
        status = http::status::too_many_requests;
        type = api == ChatApi::kOpenAi ? "requests" : "rate_limit_error";
        message = "Rate limit reached (simulated).";
        break;
      default:
        co_return false;
    }
    record.error = message;  // the log never holds credentials, echoed or not
    if (config.faults.echo_credentials) {
      message += EchoedCredentials(request);
    }
    const Json body =
        api == ChatApi::kOpenAi
            ? OpenAiError(message, type, status == http::status::too_many_requests
                                             ? std::optional<std::string>("rate_limit_exceeded")
                                             : std::nullopt)
            : AnthropicError(type, message);
    auto response = MakeResponse(request, record, status, "application/json", body.dump());
    if (status == http::status::too_many_requests) {
      const double limit = bucket ? bucket->per_minute() : 0;
      const double remaining = bucket ? std::floor(bucket->Remaining(Clock::now())) : 0;
      response.set(http::field::retry_after, std::to_string(retry_after_s));
      response.set("x-ratelimit-limit-requests", fmt::format("{}", limit));
      response.set("x-ratelimit-remaining-requests", fmt::format("{}", remaining));
      response.set("x-ratelimit-reset-requests", fmt::format("{}s", retry_after_s));
      if (api == ChatApi::kAnthropic) {
        response.set("anthropic-ratelimit-requests-limit", fmt::format("{}", limit));
        response.set("anthropic-ratelimit-requests-remaining", fmt::format("{}", remaining));
        response.set("anthropic-ratelimit-requests-reset",
                     core::UtcTimestamp(std::chrono::system_clock::now() + std::chrono::seconds(retry_after_s)));
      }
    }
    reusable = co_await Write(socket, response, record);
    co_return true;
  }

  // A whole (non-streamed) body, with the drawn fault applied to it.
  Task<bool> SendBody(tcp::socket& socket, const Request& request, Record& record, Clock::time_point read_at,
                      const std::string& content_type, std::string body) {
    const auto fault = record.fault;
    if (fault == FaultKind::kStallBeforeHeaders) {
      co_await WaitForClientToLeave(socket);
      co_return false;
    }
    if (fault == FaultKind::kMalformedJson) {
      body = Malformed(body);
    }
    auto response = MakeResponse(request, record, http::status::ok, content_type, std::move(body));
    record.status = 200;
    if (fault == FaultKind::kStallAfterHeaders || fault == FaultKind::kReset) {
      http::response_serializer<http::string_body> serializer(response);
      beast::error_code error;
      co_await http::async_write_header(socket, serializer, net::redirect_error(net::use_awaitable, error));
      if (fault == FaultKind::kStallAfterHeaders) {
        co_await WaitForClientToLeave(socket);
      } else {
        const std::string& full = response.body();
        co_await net::async_write(socket, net::buffer(full.data(), full.size() / 2),
                                  net::redirect_error(net::use_awaitable, error));
        Reset(socket);
      }
      co_return false;
    }
    const bool written = co_await Write(socket, response, record);
    if (written) {
      record.ttft_ms = core::MillisecondsBetween(read_at, Clock::now());
    }
    co_return written;
  }

  Task<bool> ServeChat(tcp::socket& socket, const Request& request, Record& record, Clock::time_point read_at,
                       ChatApi api) {
    const auto body = nlohmann::json::parse(request.body(), nullptr, false);
    if (body.is_discarded()) {
      co_return co_await SendInvalid(socket, request, record, api,
                                     "We could not parse the JSON body of your request.");
    }
    auto parsed = ParseChatTurn(api, body);
    if (const auto* message = std::get_if<std::string>(&parsed)) {
      co_return co_await SendInvalid(socket, request, record, api, *message);
    }
    const ChatTurn& turn = std::get<ChatTurn>(parsed);
    record.model = turn.model;
    record.stream = turn.stream;
    record.prompt_tokens = turn.prompt_tokens;
    record.images = turn.images;
    record.last_user_sha256 = core::Sha256Hex(turn.last_user_text);
    std::string profile_name;
    const Profile& profile = ProfileFor(record.seq, profile_name);
    record.profile = profile_name;
    record.served_model = profile.model;
    bool reusable = true;
    if (co_await AnswerErrorFault(socket, request, record, api, reusable)) {
      co_return reusable;
    }
    const Answer answer = MakeAnswer(profile, turn);
    record.answer_source = answer.source;
    record.completion_tokens = answer.tokens.size();
    record.finish_reason = FinishName(answer.finish, api);

    auto random = RequestRandom(config.seed, record.seq, RandomPurpose::kLatency);
    record.ttft_applied_ms = DrawMilliseconds(profile.ttft, random);
    for (std::size_t i = 1; i < answer.tokens.size(); ++i) {
      record.itl_applied_ms.push_back(DrawMilliseconds(profile.itl, random));
    }
    AnswerContext context;
    context.id = api == ChatApi::kOpenAi ? fmt::format("chatcmpl-sim-{}", record.seq) : fmt::format("msg_sim_{}", record.seq);
    context.created = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
    context.model = profile.model;
    context.system_fingerprint = "fp_sim_" + profile_name;
    context.prompt_tokens = turn.prompt_tokens;

    if (!turn.stream) {
      double total_ms = *record.ttft_applied_ms;
      for (const double gap : record.itl_applied_ms) {
        total_ms += gap;
      }
      if (record.fault != FaultKind::kStallBeforeHeaders) {
        co_await Wait(total_ms);
      }
      record.content_chunks = 1;
      const Json response = api == ChatApi::kOpenAi ? ChatCompletion(context, answer) : AnthropicMessage(context, answer);
      co_return co_await SendBody(socket, request, record, read_at, "application/json", response.dump());
    }
    co_return co_await Stream(socket, request, record, read_at, api, context, answer, turn.include_usage);
  }

  Task<bool> Stream(tcp::socket& socket, const Request& request, Record& record, Clock::time_point read_at,
                    ChatApi api, const AnswerContext& context, const Answer& answer, bool include_usage) {
    const auto fault = record.fault;
    if (fault == FaultKind::kStallBeforeHeaders) {
      co_await WaitForClientToLeave(socket);
      co_return false;
    }
    // The events before, during and after the content, as (event name, JSON data).
    using Event = std::pair<std::string, std::string>;
    std::vector<Event> leading;
    std::vector<Event> content;
    std::vector<Event> trailing;
    if (api == ChatApi::kOpenAi) {
      leading.emplace_back("", ChatChunk(context, Json{{"role", "assistant"}, {"content", ""}}, std::nullopt,
                                         include_usage)
                                   .dump());
      for (const auto& token : answer.tokens) {
        content.emplace_back("", ChatChunk(context, Json{{"content", token}}, std::nullopt, include_usage).dump());
      }
      trailing.emplace_back("", ChatChunk(context, Json::object(), answer.finish, include_usage).dump());
      if (include_usage) {
        trailing.emplace_back("", ChatUsageChunk(context, answer.tokens.size()).dump());
      }
      trailing.emplace_back("", "[DONE]");
    } else {
      leading.emplace_back("message_start", AnthropicMessageStart(context).dump());
      leading.emplace_back("content_block_start",
                           Json{{"type", "content_block_start"},
                                {"index", 0},
                                {"content_block", Json{{"type", "text"}, {"text", ""}}}}
                               .dump());
      leading.emplace_back("ping", Json{{"type", "ping"}}.dump());
      for (const auto& token : answer.tokens) {
        content.emplace_back("content_block_delta", Json{{"type", "content_block_delta"},
                                                         {"index", 0},
                                                         {"delta", Json{{"type", "text_delta"}, {"text", token}}}}
                                                        .dump());
      }
      trailing.emplace_back("content_block_stop", Json{{"type", "content_block_stop"}, {"index", 0}}.dump());
      trailing.emplace_back("message_delta", AnthropicMessageDelta(answer).dump());
      trailing.emplace_back("message_stop", Json{{"type", "message_stop"}}.dump());
    }
    const std::size_t fault_at = static_cast<std::size_t>(config.faults.after_chunks);
    if (fault == FaultKind::kMalformedJson) {
      Event& broken = content.empty() ? trailing.front() : content[std::min(fault_at, content.size() - 1)];
      broken.second = Malformed(broken.second);
    }
    auto join = [](const std::vector<Event>& events) {
      std::string text;
      for (const auto& [name, data] : events) {
        text += SseEvent(name, data);
      }
      return text;
    };

    co_await Wait(*record.ttft_applied_ms);
    http::response<http::empty_body> head{http::status::ok, request.version()};
    head.set(http::field::server, kServerName);
    head.set(http::field::content_type, "text/event-stream");
    head.set(http::field::cache_control, "no-cache");
    head.set("x-request-id", fmt::format("sim-{}", record.seq));
    head.keep_alive(request.keep_alive());
    head.chunked(true);
    http::response_serializer<http::empty_body> serializer(head);
    beast::error_code error;
    co_await http::async_write_header(socket, serializer, net::redirect_error(net::use_awaitable, error));
    record.status = 200;
    if (error) {
      co_return false;
    }
    if (fault == FaultKind::kStallAfterHeaders) {
      co_await WaitForClientToLeave(socket);
      co_return false;
    }
    auto send = [&socket](std::string text) -> Task<bool> {
      beast::error_code write_error;
      co_await net::async_write(socket, http::make_chunk(net::buffer(text)),
                                net::redirect_error(net::use_awaitable, write_error));
      co_return !write_error;
    };
    if (!co_await send(join(leading))) {
      co_return false;
    }
    Clock::time_point last_write;
    for (std::size_t i = 0; i < content.size(); ++i) {
      if (fault == FaultKind::kReset && i == fault_at) {
        Reset(socket);
        co_return false;
      }
      if (i > 0) {
        co_await Wait(record.itl_applied_ms[i - 1]);
      }
      if (!co_await send(SseEvent(content[i].first, content[i].second))) {
        co_return false;
      }
      const auto now = Clock::now();
      if (i == 0) {
        record.ttft_ms = core::MillisecondsBetween(read_at, now);
      } else {
        record.itl_observed_ms.push_back(core::MillisecondsBetween(last_write, now));
      }
      last_write = now;
      ++record.content_chunks;
    }
    if (fault == FaultKind::kReset) {  // fewer content chunks than after_chunks: reset before the end
      Reset(socket);
      co_return false;
    }
    if (!co_await send(join(trailing))) {
      co_return false;
    }
    co_await net::async_write(socket, http::make_chunk_last(), net::redirect_error(net::use_awaitable, error));
    record.completed = !error;
    co_return !error;
  }

  Task<bool> ServeEmbeddings(tcp::socket& socket, const Request& request, Record& record, Clock::time_point read_at) {
    const auto body = nlohmann::json::parse(request.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "We could not parse the JSON body of your request.");
    }
    if (!body.contains("model") || !body["model"].is_string()) {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "'model' is required and must be a string");
    }
    record.model = body["model"].get<std::string>();
    std::vector<std::string> inputs;
    const auto input = body.value("input", nlohmann::json());
    if (input.is_string()) {
      inputs.push_back(input.get<std::string>());
    } else if (input.is_array() && !input.empty() &&
               std::all_of(input.begin(), input.end(), [](const auto& item) { return item.is_string(); })) {
      for (const auto& item : input) {
        inputs.push_back(item.get<std::string>());
      }
    } else {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "'input' must be a string or a non-empty array of strings");
    }
    int dimensions = config.embedding_dimensions;
    if (body.contains("dimensions")) {
      if (!body["dimensions"].is_number_integer() || body["dimensions"].get<int>() < 1 ||
          body["dimensions"].get<int>() > 65536) {
        co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                       "'dimensions' must be an integer between 1 and 65536");
      }
      dimensions = body["dimensions"].get<int>();
    }
    const std::string encoding = body.value("encoding_format", std::string("float"));
    if (encoding != "float" && encoding != "base64") {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "'encoding_format' must be float or base64");
    }
    std::string profile_name;
    const Profile& profile = ProfileFor(record.seq, profile_name);
    record.profile = profile_name;
    record.served_model = profile.model;
    bool reusable = true;
    if (co_await AnswerErrorFault(socket, request, record, ChatApi::kOpenAi, reusable)) {
      co_return reusable;
    }
    std::vector<std::vector<double>> vectors;
    for (const auto& text : inputs) {
      record.prompt_tokens += CountWordTokens(text);
      vectors.push_back(HashedEmbedding(text, dimensions));
    }
    Json response = EmbeddingList(profile.model, vectors, record.prompt_tokens);
    if (encoding == "base64") {
      for (std::size_t i = 0; i < vectors.size(); ++i) {
        response["data"][i]["embedding"] = Base64OfFloats(vectors[i]);
      }
    }
    auto random = RequestRandom(config.seed, record.seq, RandomPurpose::kLatency);
    record.ttft_applied_ms = DrawMilliseconds(profile.ttft, random);
    if (record.fault != FaultKind::kStallBeforeHeaders) {
      co_await Wait(*record.ttft_applied_ms);
    }
    record.content_chunks = 1;
    co_return co_await SendBody(socket, request, record, read_at, "application/json", response.dump());
  }

  Task<bool> ServeTranscription(tcp::socket& socket, const Request& request, Record& record,
                                Clock::time_point read_at) {
    const auto boundary = MultipartBoundary(std::string(request[http::field::content_type]));
    const auto form = boundary ? ParseMultipartForm(request.body(), *boundary) : std::nullopt;
    if (!form) {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "the body must be multipart/form-data with a boundary");
    }
    if (form->count("file") == 0 || form->count("model") == 0) {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "the form needs a 'file' and a 'model' field");
    }
    record.model = form->at("model");
    const auto format_field = form->find("response_format");
    const std::string format = format_field == form->end() ? "json" : format_field->second;
    if (format != "json" && format != "text") {
      co_return co_await SendInvalid(socket, request, record, ChatApi::kOpenAi,
                                     "'response_format' must be json or text in the simulator");
    }
    const std::string file_sha256 = core::Sha256Hex(form->at("file"));
    record.last_user_sha256 = file_sha256;
    std::string profile_name;
    const Profile& profile = ProfileFor(record.seq, profile_name);
    record.profile = profile_name;
    record.served_model = profile.model;
    bool reusable = true;
    if (co_await AnswerErrorFault(socket, request, record, ChatApi::kOpenAi, reusable)) {
      co_return reusable;
    }
    std::string source;
    const std::string text = MakeTranscript(profile, file_sha256, source);
    record.answer_source = source;
    record.completion_tokens = CountWordTokens(text);
    auto random = RequestRandom(config.seed, record.seq, RandomPurpose::kLatency);
    record.ttft_applied_ms = DrawMilliseconds(profile.ttft, random);
    if (record.fault != FaultKind::kStallBeforeHeaders) {
      co_await Wait(*record.ttft_applied_ms);
    }
    record.content_chunks = 1;
    if (format == "text") {
      co_return co_await SendBody(socket, request, record, read_at, "text/plain; charset=utf-8", text);
    }
    const Json transcript{{"text", text}};
    co_return co_await SendBody(socket, request, record, read_at, "application/json", transcript.dump());
  }
};

SimulatorServer::SimulatorServer(SimulatorConfig config, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(options))) {}

SimulatorServer::~SimulatorServer() { Stop(); }

std::uint16_t SimulatorServer::port() const { return impl_->port; }

void SimulatorServer::Start() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  if (!impl_->threads.empty() || impl_->stopped) {
    return;
  }
  net::co_spawn(impl_->io, impl_->Accept(), net::detached);
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  }
}

void SimulatorServer::Stop() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->stopped) {
    return;
  }
  impl_->stopped = true;
  impl_->io.stop();
  for (auto& thread : impl_->threads) {
    thread.join();
  }
  beast::error_code error;
  impl_->acceptor.close(error);
}

}  // namespace etalon::simulator
