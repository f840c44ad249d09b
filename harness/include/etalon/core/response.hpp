// What an adapter hands back for one request: the output or an error, token
// usage, timings. A failed request is a Response with `error` set, never an
// exception: the runner records it and goes on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::core {

enum class ErrorKind {
  kTimeout,          // the per-request deadline passed
  kNetwork,          // connection refused, reset, DNS...
  kHttpStatus,       // the server answered with a non-success status
  kRateLimited,      // 429 after the retry budget
  kInvalidResponse,  // the answer could not be parsed
  kInvalidOutput,    // the answer parsed but is unusable (invalid UTF-8...)
  kAdapterFailure,   // the adapter itself failed (local program crashed...)
  kCancelled,        // the run was stopped before the request finished
};

std::string_view ToString(ErrorKind kind);
std::optional<ErrorKind> ErrorKindFromString(std::string_view text);

struct Error {
  ErrorKind kind = ErrorKind::kAdapterFailure;
  int http_status = 0;  // 0 when there was no HTTP answer
  std::string message;  // must never contain a secret
};

struct Usage {
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;
  bool estimated = false;  // true when etalon counted the tokens, not the provider
};

// Milliseconds on the monotonic clock, all measured from the moment the
// request was sent (for HTTP adapters, the sending of the attempt that
// answered) except `queued_ms`, which is kept apart so client-side queueing
// never hides inside the time to first token.
struct Timing {
  // From scheduled to sent: waiting for a slot, then, inside an adapter,
  // for the rate limit and through earlier failed attempts and their backoff.
  double queued_ms = 0;
  std::optional<double> ttfb_ms;      // first response byte (HTTP adapters)
  std::optional<double> ttft_ms;      // first non-empty content delta (streaming adapters)
  // From sent to completion: the answer's last byte for adapters that stamp
  // arrivals (HTTP), set by them; left at 0 by the others, which the runner
  // times until they hand the answer back.
  double end_to_end_ms = 0;
  std::vector<double> chunk_gaps_ms;  // between successive content chunks, each stamped at its first byte
};

// Energy attributed to one request. Every figure says how it was obtained:
// `measured` readings come from a hardware counter (RAPL, NVML); estimates
// (CPU time x a per-core power figure, or a published model) carry bounds.
struct EnergyReading {
  double joules = 0;
  bool measured = false;
  std::string method;               // "rapl", "nvml", "cpu-time-estimate", ...
  std::optional<double> low_joules;   // estimates only
  std::optional<double> high_joules;  // estimates only
};

struct Response {
  std::string text;
  Usage usage;
  Timing timing;
  std::optional<Error> error;
  std::string served_model;  // the model id the provider reports; empty for local adapters
  std::string system_fingerprint;  // the provider's backend configuration id, when it gives one
  int attempts = 1;
  std::optional<EnergyReading> energy;  // set by adapters that can attribute energy to the request
};

}  // namespace etalon::core
