#include "http/http_adapter.hpp"

#include "http/http_loop.hpp"

namespace etalon::adapters::http {

namespace {

using Clock = std::chrono::steady_clock;

double Milliseconds(Clock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

// The output allowance counted against tokens_per_minute before sending when
// the suite sets no max_tokens; corrected by the reported usage afterwards.
constexpr std::int64_t kAssumedOutputTokens = 512;

}  // namespace

HttpAdapter::HttpAdapter(std::string id, core::Capabilities capabilities, std::unique_ptr<VendorProtocol> protocol,
                         HttpClientSettings settings, std::string secret)
    : id_(std::move(id)),
      capabilities_(capabilities),
      protocol_(std::move(protocol)),
      secret_(std::move(secret)),
      client_(std::move(settings), SharedHttpLoop()) {}

void HttpAdapter::Issue(const core::Request& request, core::CompletionHandler on_complete) {
  const auto issued_at = Clock::now();
  auto built = protocol_->BuildRequest(request);
  if (auto* error = std::get_if<core::Error>(&built)) {
    core::Response response;
    ScrubSecret(*error, secret_);
    response.error = std::move(*error);
    response.attempts = 0;
    response.timing.end_to_end_ms = Milliseconds(Clock::now() - issued_at);
    on_complete(std::move(response));
    return;
  }
  auto http_request = std::get<HttpRequest>(std::move(built));
  http_request.on_answered = request.on_answered;
  const auto input_tokens = EstimateTokens(request.system_prompt) + EstimateTokens(request.prompt);
  http_request.estimated_tokens = input_tokens + request.generation.max_tokens.value_or(kAssumedOutputTokens);
  {
    const std::lock_guard lock(mutex_);
    ++in_flight_;
  }
  client_.Send(std::move(http_request),
               [this, issued_at, input_tokens, on_complete = std::move(on_complete)](HttpResult result) {
                 on_complete(Complete(result, issued_at, input_tokens));
                 const std::lock_guard lock(mutex_);
                 --in_flight_;
                 idle_.notify_all();
               });
}

void HttpAdapter::Drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return in_flight_ == 0; });
}

core::Response HttpAdapter::Complete(const HttpResult& result, Clock::time_point issued_at,
                                     std::int64_t estimated_input_tokens) {
  core::Response response;
  response.attempts = result.attempts;
  // The server's latency counts from the sending of the attempt that
  // answered; waiting for the rate limit and earlier attempts is queueing.
  const auto sent_at = result.attempts > 0 ? result.sent_at : issued_at;
  response.timing.queued_ms = Milliseconds(sent_at - issued_at);
  if (result.first_byte_at) {
    response.timing.ttfb_ms = Milliseconds(*result.first_byte_at - sent_at);
  }
  if (result.transport_error) {
    response.error = result.transport_error;
  } else if (result.status < 200 || result.status >= 300) {
    response.error = StatusError(result.status, ErrorBodyMessage(result.body));
  } else {
    auto answer = protocol_->ReadAnswer(result);
    response.text = std::move(answer.text);
    response.usage = answer.usage;
    response.served_model = std::move(answer.served_model);
    response.system_fingerprint = std::move(answer.system_fingerprint);
    response.error = std::move(answer.error);
    if (!answer.content_times.empty()) {
      response.timing.ttft_ms = Milliseconds(answer.content_times.front() - sent_at);
      for (std::size_t i = 1; i < answer.content_times.size(); ++i) {
        response.timing.chunk_gaps_ms.push_back(Milliseconds(answer.content_times[i] - answer.content_times[i - 1]));
      }
    }
  }
  if (!response.error && !response.usage.output_tokens) {
    response.usage.input_tokens = estimated_input_tokens;
    response.usage.output_tokens = EstimateTokens(response.text);
    response.usage.estimated = true;
  }
  if (response.usage.input_tokens || response.usage.output_tokens) {
    client_.CorrectTokens(result.rate_ticket,
                          response.usage.input_tokens.value_or(0) + response.usage.output_tokens.value_or(0));
  }
  if (response.error) {
    ScrubSecret(*response.error, secret_);
  }
  // The answer ends at its last byte, stamped on arrival as its first byte
  // and its events are, so TPOT = (end-to-end - TTFT) / (tokens - 1) divides
  // the server's time only; parsing and handing over are the client's.
  const auto answered_at = result.chunks.empty() ? result.finished_at : result.chunks.back().at;
  response.timing.end_to_end_ms = Milliseconds(answered_at - sent_at);
  return response;
}

}  // namespace etalon::adapters::http
