// Base for adapters whose work is a blocking call (in-process algorithms,
// local programs): Compute runs on the adapter's own WorkerPool. An optional
// fixed delay (`delay_ms`, for tests of concurrency, timeouts and crashes)
// is added before each computation. A response without its own energy
// figure gets an estimate from the pool thread's CPU time over Compute.
#pragma once

#include <chrono>
#include <string>

#include "etalon/core/adapter.hpp"
#include "etalon/meters/cpu_time_meter.hpp"
#include "local/worker_pool.hpp"

namespace etalon::adapters {

class PooledAdapter : public core::Adapter {
 public:
  PooledAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay);
  ~PooledAdapter() override;

  const std::string& Id() const override { return id_; }
  void Issue(const core::Request& request, core::CompletionHandler on_complete) final;
  void Drain() final;

 protected:
  // The blocking work for one request, on a pool thread. Errors are returned
  // in Response::error; an exception is caught and recorded as an adapter failure.
  virtual core::Response Compute(const core::Request& request) = 0;

 private:
  std::string id_;
  std::chrono::milliseconds delay_;
  meters::CpuTimeMeter thread_meter_{meters::CpuTimeScope::kThread, meters::HostCpuPower()};
  WorkerPool pool_;
};

}  // namespace etalon::adapters
