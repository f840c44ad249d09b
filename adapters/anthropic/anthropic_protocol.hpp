// Anthropic's Messages API: POST {base_url}/messages with x-api-key and
// anthropic-version headers, the system prompt as top-level `system`, and
// `max_tokens` always sent (the API requires it). Streams are named events:
// message_start, content_block_delta, message_delta, message_stop, error.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/vendor_protocol.hpp"

namespace etalon::adapters::anthropic {

struct AnthropicSettings {
  std::string base_url;
  std::string model;
  bool stream = true;
  int default_max_tokens = 1024;  // sent when the suite sets no max_tokens
  std::vector<std::string> headers;  // x-api-key, anthropic-version and custom headers, "Name: value"
};

// The request body. Anthropic has no seed parameter: a suite's seed is not sent.
nlohmann::json MessagesRequestBody(const core::Request& request, const std::string& model, bool stream,
                                   int default_max_tokens);

http::VendorAnswer ReadMessage(const std::string& body);
http::VendorAnswer ReadMessageStream(const http::HttpResult& result);

class AnthropicProtocol final : public http::VendorProtocol {
 public:
  explicit AnthropicProtocol(AnthropicSettings settings) : settings_(std::move(settings)) {}

  std::variant<http::HttpRequest, core::Error> BuildRequest(const core::Request& request) const override;
  http::VendorAnswer ReadAnswer(const http::HttpResult& result) const override;

 private:
  AnthropicSettings settings_;
};

}  // namespace etalon::adapters::anthropic
