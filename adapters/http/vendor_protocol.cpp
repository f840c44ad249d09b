#include "http/vendor_protocol.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "etalon/core/base64.hpp"
#include "etalon/core/json_text.hpp"

namespace etalon::adapters::http {

namespace {

constexpr std::size_t kMaxQuotedBody = 300;
constexpr std::int64_t kCharactersPerToken = 4;
constexpr std::string_view kRedacted = "[redacted]";

// base64 without its '=' padding, which then stays behind harmlessly.
std::string UnpaddedBase64(const std::string& bytes) {
  auto encoded = core::Base64(bytes);
  while (!encoded.empty() && encoded.back() == '=') {
    encoded.pop_back();
  }
  return encoded;
}

// The secret as it may be echoed back: plain, base64 and base64url.
std::vector<std::string> SecretForms(const std::string& secret) {
  if (secret.empty()) {
    return {};
  }
  const auto base64 = UnpaddedBase64(secret);
  auto base64url = base64;
  std::replace(base64url.begin(), base64url.end(), '+', '-');
  std::replace(base64url.begin(), base64url.end(), '/', '_');
  return {secret, base64, base64url};
}

}  // namespace

core::Error StatusError(long status, const std::string& vendor_message) {
  const auto kind = status == 429 ? core::ErrorKind::kRateLimited : core::ErrorKind::kHttpStatus;
  std::string message = fmt::format("HTTP {}", status);
  if (!vendor_message.empty()) {
    message += ": " + vendor_message;
  }
  return core::Error{kind, static_cast<int>(status), std::move(message)};
}

std::string ErrorBodyMessage(const std::string& body) {
  const auto json = core::ParseJsonOrDiscarded(body);
  if (json.is_object()) {
    const auto error = json.find("error");
    if (error != json.end() && error->is_object()) {
      const auto message = error->find("message");
      if (message != error->end() && message->is_string()) {
        return message->get<std::string>();
      }
    }
    if (error != json.end() && error->is_string()) {
      return error->get<std::string>();
    }
    const auto message = json.find("message");
    if (message != json.end() && message->is_string()) {
      return message->get<std::string>();
    }
  }
  return body.substr(0, kMaxQuotedBody);
}

void ScrubSecret(core::Error& error, const std::string& secret) {
  for (const auto& form : SecretForms(secret)) {
    for (auto at = error.message.find(form); at != std::string::npos; at = error.message.find(form, at)) {
      error.message.replace(at, form.size(), kRedacted);
      at += kRedacted.size();
    }
  }
}

std::vector<SseEvent> StreamEvents(const HttpResult& result) {
  SseParser parser;
  std::vector<SseEvent> events;
  std::size_t begin = 0;
  for (const auto& chunk : result.chunks) {
    parser.Feed(std::string_view(result.body).substr(begin, chunk.end - begin), chunk.at, events);
    begin = chunk.end;
  }
  return events;
}

std::int64_t EstimateTokens(const std::string& text) {
  std::int64_t characters = 0;
  for (const char byte : text) {
    characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80 ? 1 : 0;  // count UTF-8 lead bytes
  }
  return (characters + kCharactersPerToken - 1) / kCharactersPerToken;
}

}  // namespace etalon::adapters::http
