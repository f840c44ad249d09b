#include "local/pooled_adapter.hpp"

#include <thread>

#include <fmt/format.h>

namespace etalon::adapters {

PooledAdapter::PooledAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay)
    : id_(std::move(id)), delay_(delay), pool_(threads) {}

PooledAdapter::~PooledAdapter() = default;

void PooledAdapter::Issue(const core::Request& request, core::CompletionHandler on_complete) {
  // The request is copied: the pool thread may run after Issue returns.
  pool_.Post([this, request, on_complete = std::move(on_complete)] {
    if (delay_.count() > 0) {
      std::this_thread::sleep_for(delay_);
    }
    core::Response response;
    const auto begin = thread_meter_.Begin();
    try {
      response = Compute(request);
      // An adapter that attributes its own energy (a child process's CPU time) keeps its figure.
      if (!response.energy) {
        if (auto reading = thread_meter_.End(begin); reading.energy) {
          response.energy = *reading.energy;
        }
      }
    } catch (const std::exception& error) {
      response = {};
      response.error = core::Error{core::ErrorKind::kAdapterFailure, 0, fmt::format("{} failed: {}", id_, error.what())};
    }
    on_complete(std::move(response));
  });
}

void PooledAdapter::Drain() { pool_.WaitIdle(); }

}  // namespace etalon::adapters
