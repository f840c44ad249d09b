// Plan options shared by every HTTP adapter kind (timeouts, retries, rate
// limits, TLS, custom headers) and the API key, read from its environment
// variable only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adapter_options.hpp"
#include "etalon/adapters/adapter_registry.hpp"
#include "http/http_client.hpp"

namespace etalon::adapters::http {

// The names ReadHttpClientSettings and ReadHeaders accept, for RejectUnknown.
const std::vector<std::string>& SharedHttpOptionNames();

// How the shared options read in `etalon list adapters`.
extern const char* const kSharedHttpOptionsHelp;

HttpClientSettings ReadHttpClientSettings(const config::AdapterConfig& config, const AdapterContext& context,
                                          AdapterOptions& options);

// The `headers` option as "Name: value" lines.
std::vector<std::string> ReadHeaders(AdapterOptions& options);

// The API key: from `api_key_file` (see key_file.hpp) when the entry sets
// it, else from the environment variable `api_key_env` names, else from
// `default_variable` (none when empty). Problems are reported naming the
// option, the file or the variable, never the key; none when the entry's
// `when_env` variable is unset, since the entry is then skipped.
std::string ReadApiKey(const config::AdapterConfig& config, const std::string& default_variable,
                       AdapterOptions& options);

}  // namespace etalon::adapters::http
