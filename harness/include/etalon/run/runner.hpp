// Drives adapters over suites: for each adapter, one feeder thread streams
// each suite's dataset and renders prompts, never more than `concurrency`
// requests in flight per adapter. Completions (from adapter threads) are
// scored and appended to the journal, and start the next prepared request. A watcher turns requests that
// outlive `request_timeout` into timeout errors; an adapter's late answer is
// then ignored, so each key is recorded exactly once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "etalon/core/adapter.hpp"
#include "etalon/meters/request_costing.hpp"
#include "etalon/meters/spend_tracker.hpp"
#include "etalon/run/journal.hpp"
#include "etalon/run/prepared_suite.hpp"
#include "etalon/run/progress_meter.hpp"

namespace etalon::run {

struct RunnerSettings {
  std::size_t concurrency = 8;                            // in flight per adapter
  std::chrono::milliseconds request_timeout{120'000};     // issue to completion
  std::optional<std::size_t> limit;                       // first N samples of each suite; unset: all
  int repeats = 1;
  const std::atomic<bool>* stop_requested = nullptr;      // set (e.g. by SIGINT) to stop issuing
  // Open loop: each adapter's requests are scheduled as a Poisson process at
  // this rate (seeded by `seed` and the adapter id). A request whose slot is
  // not free at its arrival waits, and that wait is its `queued_ms`.
  std::optional<double> arrival_rate_per_s;
  std::int64_t seed = 0;
  // Spending so far against the plan's budget; crossing it stops the run
  // like a stop request (what is in flight completes, the rest can resume).
  meters::SpendTracker* spend = nullptr;
  // Runs only the keys it accepts (a shard, docs/sharding.md); unset: every key.
  std::function<bool(const core::RunKey&)> key_filter;
  std::optional<std::size_t> filtered_keys;               // with key_filter: the keys it accepts, for progress
  // Called once, on a feeder's thread, when every adapter's last request is
  // prepared (or the run stops issuing): what remains is in flight or
  // ready, the end of the run. Must not throw.
  std::function<void()> on_all_prepared;
};

struct RunTotals {
  std::size_t expected = 0;      // keys this run covers
  std::size_t already_done = 0;  // found in the journal at start (resume)
  std::size_t completed = 0;     // recorded by this attempt
  std::size_t failed = 0;        // of those, with an error
  bool stopped = false;          // a stop was requested before every key was issued
  std::optional<std::string> fatal_error;  // the journal could not be written; the run stopped
};

// One adapter and the suites it runs (a subset of the run's suites).
struct AdapterAssignment {
  core::Adapter* adapter = nullptr;
  std::vector<const PreparedSuite*> suites;
  std::size_t concurrency = 0;  // in flight for this adapter; 0: RunnerSettings::concurrency
  const meters::RequestCosting* costing = nullptr;  // prices and API estimates; null: none
};

// Samples a suite contributes under `limit`.
std::size_t SamplesInRun(const PreparedSuite& suite, std::optional<std::size_t> limit);

class Runner {
 public:
  Runner(RunnerSettings settings, Journal& journal, ProgressMeter& progress);
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Runs every (adapter, suite, sample, repeat) key not yet in the journal.
  // Blocks until all issued requests completed and every adapter drained.
  RunTotals Run(const std::vector<AdapterAssignment>& assignments);

 private:
  struct Lane;
  struct InFlight;

  void Feed(Lane& lane);
  // The request for a key: sample, rendered prompt and its digest.
  std::shared_ptr<InFlight> Prepare(Lane& lane, const PreparedSuite& suite, core::Sample sample, int repeat);
  // Sends it when a slot is free, or leaves it ready for the next free slot.
  void Submit(Lane& lane, std::shared_ptr<InFlight> in_flight,
              std::optional<std::chrono::steady_clock::time_point> arrival);
  // Starts ready requests while slots are free; `lock` holds lane.mutex.
  void LaunchReady(Lane& lane, std::unique_lock<std::mutex>& lock);
  void TakeSlot(Lane& lane, const std::shared_ptr<InFlight>& in_flight);  // with lane.mutex held
  void Launch(std::shared_ptr<InFlight> in_flight, std::optional<std::chrono::steady_clock::time_point> arrival);
  // Waits for `when` unless a stop is requested first (then returns false).
  bool SleepUntil(std::chrono::steady_clock::time_point when) const;
  void Complete(const std::shared_ptr<InFlight>& in_flight, core::Response response);
  // Frees the request's slot, once (at its answer's arrival or its
  // completion), and starts the next ready request in it.
  void FreeSlot(InFlight& in_flight);
  void WatchDeadlines();
  bool StopRequested() const;
  // Stops the run: the journal could not be written. The first error is kept.
  void RecordFatal(const JournalError& error);

  RunnerSettings settings_;
  Journal& journal_;
  ProgressMeter& progress_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::atomic<bool> fatal_{false};
  std::atomic<std::size_t> completed_{0};
  std::atomic<std::size_t> failed_{0};
  std::atomic<bool> stopped_early_{false};
  std::atomic<std::size_t> lanes_preparing_{0};
  std::mutex watcher_mutex_;
  std::condition_variable watcher_wake_;
  bool watcher_stop_ = false;  // guarded by watcher_mutex_
  std::mutex fatal_mutex_;
  std::optional<std::string> fatal_error_;
};

}  // namespace etalon::run
