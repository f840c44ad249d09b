#include "anthropic/anthropic_adapter_factory.hpp"

#include <fmt/format.h>

#include "anthropic/anthropic_protocol.hpp"
#include "http/http_adapter.hpp"
#include "http/http_options.hpp"

namespace etalon::adapters::anthropic {

namespace {

constexpr const char* kDefaultBaseUrl = "https://api.anthropic.com/v1";
constexpr const char* kDefaultKeyVariable = "ANTHROPIC_API_KEY";
constexpr const char* kApiVersion = "2023-06-01";

}  // namespace

std::string AnthropicOptionsHelp() {
  return fmt::format(
      "the entry's model; base_url ({}), api_key_env ({}) or api_key_file (a private file), anthropic_version ({}), stream (true), "
      "default_max_tokens (1024, sent when the suite sets no max_tokens: the API requires one); {}",
      kDefaultBaseUrl, kDefaultKeyVariable, kApiVersion, http::kSharedHttpOptionsHelp);
}

std::unique_ptr<core::Adapter> MakeAnthropicAdapter(const config::AdapterConfig& config, const AdapterContext& context,
                                                    AdapterOptions& options) {
  auto known = http::SharedHttpOptionNames();
  known.insert(known.end(), {"base_url", "api_key_env", "api_key_file", "anthropic_version", "stream", "default_max_tokens"});
  options.RejectUnknown(known);
  if (!config.preset.empty()) {
    options.ReportEntry("preset", "kind 'anthropic' has no presets (set base_url and api_key_env instead)");
  }
  AnthropicSettings settings;
  settings.base_url = options.String("base_url", kDefaultBaseUrl);
  while (!settings.base_url.empty() && settings.base_url.back() == '/') {
    settings.base_url.pop_back();
  }
  settings.model = config.model;
  if (settings.model.empty()) {
    options.ReportEntry("model", "is required: the model id the API serves");
  }
  settings.stream = options.Boolean("stream", true);
  settings.default_max_tokens = static_cast<int>(options.Integer("default_max_tokens", 1024, 1, 1'000'000));
  const auto key = http::ReadApiKey(config, kDefaultKeyVariable, options);
  settings.headers = http::ReadHeaders(options);
  settings.headers.push_back("anthropic-version: " + options.String("anthropic_version", kApiVersion));
  if (!key.empty()) {
    settings.headers.push_back("x-api-key: " + key);
  }
  auto client_settings = http::ReadHttpClientSettings(config, context, options);
  core::Capabilities capabilities;
  capabilities.chat = true;
  capabilities.streaming = settings.stream;
  return std::make_unique<http::HttpAdapter>(config.id, capabilities, std::make_unique<AnthropicProtocol>(settings),
                                             std::move(client_settings), key);
}

}  // namespace etalon::adapters::anthropic
