#include "http/http_client.hpp"

#include <atomic>

#include "http/http_loop.hpp"

namespace etalon::adapters::http {

namespace {
std::atomic<std::uint64_t> next_client_id{1};
}  // namespace

HttpClient::HttpClient(HttpClientSettings settings, std::shared_ptr<HttpLoop> loop)
    : id_(next_client_id.fetch_add(1)),
      settings_(std::move(settings)),
      retry_policy_(settings_.retry, settings_.seed),
      limiter_(settings_.limits),
      loop_(std::move(loop)) {}

void HttpClient::Send(HttpRequest request, HttpDone done) { loop_->Submit(*this, std::move(request), std::move(done)); }

}  // namespace etalon::adapters::http
