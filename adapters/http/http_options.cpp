#include "http/http_options.hpp"

#include "http/key_file.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace etalon::adapters::http {

namespace {

std::chrono::milliseconds SecondsOption(AdapterOptions& options, const std::string& name, double fallback_s) {
  constexpr double kMaxSeconds = 24 * 3600;
  return std::chrono::milliseconds(static_cast<std::int64_t>(options.Number(name, fallback_s, 0.001, kMaxSeconds) * 1000));
}

// FNV-1a: a stable hash, so an adapter's jitter seed is the same on every machine.
std::uint64_t StableHash(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char byte : text) {
    hash = (hash ^ byte) * 1099511628211ULL;
  }
  return hash;
}

bool IsSet(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  return value != nullptr && *value != '\0';
}

}  // namespace

const char* const kSharedHttpOptionsHelp =
    "requests_per_minute (0: none), tokens_per_minute (0: none), max_attempts (4), max_retry_time_s (60), "
    "connect_timeout_s (10), first_byte_timeout_s (60), timeout_s (the plan's request_timeout_s), "
    "ca_bundle (PEM path), headers ({Name: value})";

const std::vector<std::string>& SharedHttpOptionNames() {
  static const std::vector<std::string> names = {
      "requests_per_minute", "tokens_per_minute",  "max_attempts", "max_retry_time_s", "connect_timeout_s",
      "first_byte_timeout_s", "timeout_s",         "ca_bundle",    "headers"};
  return names;
}

HttpClientSettings ReadHttpClientSettings(const config::AdapterConfig& config, const AdapterContext& context,
                                          AdapterOptions& options) {
  HttpClientSettings settings;
  settings.limits.requests_per_minute = options.Integer("requests_per_minute", 0, 0, 1'000'000);
  settings.limits.tokens_per_minute = options.Integer("tokens_per_minute", 0, 0, 1'000'000'000'000);
  settings.retry.max_attempts = static_cast<int>(options.Integer("max_attempts", settings.retry.max_attempts, 1, 100));
  settings.retry.max_retry_time = SecondsOption(options, "max_retry_time_s", 60);
  settings.connect_timeout = SecondsOption(options, "connect_timeout_s", 10);
  settings.first_byte_timeout = SecondsOption(options, "first_byte_timeout_s", 60);
  settings.total_timeout = SecondsOption(options, "timeout_s", context.request_timeout_s);
  settings.ca_bundle = options.Path("ca_bundle", false);
  settings.seed = context.seed ^ StableHash("retry-jitter:" + config.id);
  return settings;
}

std::vector<std::string> ReadHeaders(AdapterOptions& options) {
  std::vector<std::string> headers;
  for (const auto& [name, value] : options.StringMap("headers")) {
    if (name.empty() || name.find_first_of(":\r\n ") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos) {
      options.Report("headers." + name, "is not a valid header (a name without ':' or spaces, a one-line value)");
      continue;
    }
    headers.push_back(name + ": " + value);
  }
  return headers;
}

std::string ReadApiKey(const config::AdapterConfig& config, const std::string& default_variable,
                       AdapterOptions& options) {
  const auto named_variable = options.String("api_key_env", "");
  const auto file = options.Path("api_key_file", false);
  if (!config.when_env.empty() && !IsSet(config.when_env)) {
    return "";  // the entry is skipped: its missing key is no error
  }
  if (!file.empty()) {
    if (!named_variable.empty()) {
      options.Report("api_key_file", "set api_key_env or api_key_file, not both");
      return "";
    }
    auto key = ReadKeyFile(file);
    if (const auto* problem = std::get_if<KeyFileProblem>(&key)) {
      options.Report("api_key_file", problem->message);
      return "";
    }
    return std::get<std::string>(std::move(key));
  }
  const auto& variable = named_variable.empty() ? default_variable : named_variable;
  if (variable.empty()) {
    return "";
  }
  if (IsSet(variable)) {
    return std::getenv(variable.c_str());
  }
  options.Report("api_key_env",
                 fmt::format("environment variable {} is not set (the API key is read from it or from an "
                             "api_key_file, never from the plan)",
                             variable));
  return "";
}

}  // namespace etalon::adapters::http
