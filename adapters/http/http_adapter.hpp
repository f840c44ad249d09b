// The generic HTTP adapter: a vendor protocol, a client on the shared loop,
// and the bookkeeping every vendor shares: timings from the arrival stamps,
// the usage estimate when the provider reports none, rate-limit correction,
// the secret scrubbed from every message, Drain.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "etalon/core/adapter.hpp"
#include "http/http_client.hpp"
#include "http/vendor_protocol.hpp"

namespace etalon::adapters::http {

class HttpAdapter final : public core::Adapter {
 public:
  // `secret` (the API key) is removed from any message that would quote it.
  HttpAdapter(std::string id, core::Capabilities capabilities, std::unique_ptr<VendorProtocol> protocol,
              HttpClientSettings settings, std::string secret);
  ~HttpAdapter() override { Drain(); }

  const std::string& Id() const override { return id_; }
  core::Capabilities GetCapabilities() const override { return capabilities_; }
  void Issue(const core::Request& request, core::CompletionHandler on_complete) override;
  void Drain() override;

 private:
  core::Response Complete(const HttpResult& result, std::chrono::steady_clock::time_point issued_at,
                          std::int64_t estimated_input_tokens);

  std::string id_;
  core::Capabilities capabilities_;
  std::unique_ptr<VendorProtocol> protocol_;
  std::string secret_;
  HttpClient client_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::size_t in_flight_ = 0;
};

}  // namespace etalon::adapters::http
