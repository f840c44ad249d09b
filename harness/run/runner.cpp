#include "etalon/run/runner.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "etalon/core/clock.hpp"
#include "etalon/core/sha256.hpp"
#include "etalon/core/thread_name.hpp"
#include "etalon/run/arrival_schedule.hpp"
#include "etalon/run/result_record.hpp"

namespace etalon::run {

using Clock = std::chrono::steady_clock;

namespace {
// How often the deadline watcher looks at in-flight requests, which is the
// precision of timeouts: a hundredth of the timeout, within these bounds. A
// fixed 10 ms woke it 100 times a second against the usual 30 s timeout,
// each time taking every lane's lock.
constexpr auto kMinWatchPeriod = std::chrono::milliseconds(10);
constexpr auto kMaxWatchPeriod = std::chrono::milliseconds(1000);
// How long a feeder waits for a free slot before checking for a stop request.
constexpr auto kSlotPollPeriod = std::chrono::milliseconds(100);

// Set while this thread is inside an adapter's Issue: an adapter that
// answers inline (a request it cannot build) must not start the next
// request from within that call, or completions would nest without bound.
thread_local bool inside_issue = false;

}  // namespace

struct Runner::InFlight {
  core::RunKey key;
  core::Sample sample;
  core::Request request;
  const PreparedSuite* suite = nullptr;
  std::string prompt_sha256;
  Clock::time_point scheduled;
  Clock::time_point issued;
  Clock::time_point deadline;
  std::string started_at;
  Lane* lane = nullptr;
  std::size_t slot = 0;
  bool slot_freed = false;  // guarded by lane->mutex
  std::atomic<bool> finished{false};
};

// One adapter's share of the run: its slots bound what is in flight.
//
// Closed loop, the feeder prepares requests (sample read, prompt rendered)
// ahead into `ready`, and the thread that frees a slot (where an answer
// arrived, or where a request completed) starts the next ready one in it:
// no hand-over to the feeder thread between one answer and the next request.
struct Runner::Lane {
  Lane(const AdapterAssignment& assignment, std::size_t concurrency)
      : adapter(assignment.adapter),
        costing(assignment.costing),
        suites(assignment.suites),
        slots(concurrency),
        ready_capacity(concurrency) {
    for (std::size_t i = concurrency; i > 0; --i) {
      unused.push_back(i - 1);
    }
  }

  core::Adapter* adapter;
  const meters::RequestCosting* costing;
  std::vector<const PreparedSuite*> suites;
  std::mutex mutex;
  std::condition_variable changed;  // a slot freed, a ready request taken, or the lane went idle
  std::vector<std::shared_ptr<InFlight>> slots;  // guarded by mutex
  std::vector<std::size_t> unused;               // guarded by mutex: free slots
  std::deque<std::shared_ptr<InFlight>> ready;   // guarded by mutex: prepared, waiting for a slot
  std::size_t ready_capacity;
  std::size_t in_flight = 0;                     // guarded by mutex
};

std::size_t SamplesInRun(const PreparedSuite& suite, std::optional<std::size_t> limit) {
  return limit ? std::min(*limit, suite.dataset.samples) : suite.dataset.samples;
}

Runner::Runner(RunnerSettings settings, Journal& journal, ProgressMeter& progress)
    : settings_(settings), journal_(journal), progress_(progress) {}

Runner::~Runner() = default;

bool Runner::StopRequested() const {
  return fatal_.load() || (settings_.stop_requested != nullptr && settings_.stop_requested->load()) ||
         (settings_.spend != nullptr && settings_.spend->Exceeded());
}

RunTotals Runner::Run(const std::vector<AdapterAssignment>& assignments) {
  RunTotals totals;
  for (const auto& assignment : assignments) {
    for (const auto* suite : assignment.suites) {
      totals.expected += SamplesInRun(*suite, settings_.limit) * static_cast<std::size_t>(settings_.repeats);
    }
  }
  if (settings_.key_filter && settings_.filtered_keys) {
    totals.expected = *settings_.filtered_keys;
  }
  totals.already_done = journal_.size();
  progress_.Start(totals.expected, totals.already_done);

  for (const auto& assignment : assignments) {
    lanes_.push_back(std::make_unique<Lane>(
        assignment, assignment.concurrency > 0 ? assignment.concurrency : settings_.concurrency));
  }
  lanes_preparing_ = lanes_.size();
  std::thread watcher([this] { WatchDeadlines(); });
  std::vector<std::thread> feeders;
  for (auto& lane : lanes_) {
    feeders.emplace_back([this, &lane] { Feed(*lane); });
  }
  for (auto& feeder : feeders) {
    feeder.join();
  }
  {
    const std::lock_guard lock(watcher_mutex_);
    watcher_stop_ = true;
  }
  watcher_wake_.notify_one();
  watcher.join();
  // Every request has completed: the lines a batch of completions left
  // are written, and a write that failed at a batch's end is reported.
  try {
    journal_.Flush();
  } catch (const JournalError& error) {
    RecordFatal(error);
  }
  progress_.Finish();

  totals.completed = completed_.load();
  totals.failed = failed_.load();
  totals.stopped = stopped_early_.load();
  totals.fatal_error = fatal_error_;
  return totals;
}

void Runner::Feed(Lane& lane) {
  core::NameThisThread("etalon-feed");
  const auto& adapter_id = lane.adapter->Id();
  std::optional<ArrivalSchedule> arrivals;
  if (settings_.arrival_rate_per_s) {
    arrivals.emplace(*settings_.arrival_rate_per_s, settings_.seed, adapter_id, Clock::now());
  }
  for (const auto* suite : lane.suites) {
    if (StopRequested()) {
      break;
    }
    dataset::JsonlDataset dataset(suite->suite.dataset_path);
    core::Sample sample;
    core::Diagnostic problem;
    std::size_t taken = 0;
    const std::size_t wanted = SamplesInRun(*suite, settings_.limit);
    while (taken < wanted && !StopRequested()) {
      const auto read = dataset.Next(sample, problem);
      if (read == dataset::JsonlDataset::Read::kEnd) {
        break;
      }
      if (read == dataset::JsonlDataset::Read::kBadLine || !suite->suite.Includes(sample)) {
        continue;  // bad lines: validation rejected any such file; the file changed under us
      }
      ++taken;
      for (int repeat = 0; repeat < settings_.repeats && !StopRequested(); ++repeat) {
        const core::RunKey key{adapter_id, suite->suite.id, sample.id, repeat};
        if ((settings_.key_filter && !settings_.key_filter(key)) || journal_.Contains(key)) {
          continue;
        }
        std::optional<Clock::time_point> arrival;
        if (arrivals) {
          arrival = arrivals->Next();
          if (!SleepUntil(*arrival)) {
            break;
          }
        }
        // The last repeat takes the sample itself: Next refills it for the next line.
        const bool last_repeat = repeat + 1 == settings_.repeats;
        Submit(lane, Prepare(lane, *suite, last_repeat ? std::move(sample) : core::Sample(sample), repeat), arrival);
      }
    }
  }
  if (StopRequested()) {
    stopped_early_ = true;
  }
  if (lanes_preparing_.fetch_sub(1) == 1 && settings_.on_all_prepared) {
    settings_.on_all_prepared();
  }
  std::unique_lock lock(lane.mutex);
  for (LaunchReady(lane, lock); lane.in_flight > 0 || !lane.ready.empty(); LaunchReady(lane, lock)) {
    if (lane.in_flight == 0 && StopRequested()) {
      lane.ready.clear();  // prepared, never sent: a resume issues them
      stopped_early_ = true;
      break;
    }
    lane.changed.wait_for(lock, kSlotPollPeriod);
  }
  lock.unlock();
  lane.adapter->Drain();
}

bool Runner::SleepUntil(Clock::time_point when) const {
  while (Clock::now() < when) {
    if (StopRequested()) {
      return false;
    }
    std::this_thread::sleep_until(std::min(when, Clock::now() + kSlotPollPeriod));
  }
  return true;
}

std::shared_ptr<Runner::InFlight> Runner::Prepare(Lane& lane, const PreparedSuite& suite, core::Sample sample,
                                                  int repeat) {
  auto in_flight = std::make_shared<InFlight>();
  in_flight->key = {lane.adapter->Id(), suite.suite.id, sample.id, repeat};
  in_flight->sample = std::move(sample);
  in_flight->suite = &suite;
  in_flight->lane = &lane;

  auto& request = in_flight->request;
  request.key = in_flight->key;
  request.system_prompt = suite.suite.system_prompt;
  request.prompt = suite.renderer->Render(in_flight->sample).text;
  request.generation = suite.suite.generation;
  request.fields = &in_flight->sample.fields;
  request.dataset_dir = suite.dataset_dir;
  // Under a budget a slot waits for its result's cost to be counted, so the
  // run stops as soon as it crosses the budget. The completion handler holds
  // the request until it has run, and an adapter answers before completing:
  // a plain pointer, and no cycle.
  if (settings_.spend == nullptr) {
    request.on_answered = [this, raw = in_flight.get()] { FreeSlot(*raw); };
  }
  in_flight->prompt_sha256 = core::Sha256Hex(request.prompt);
  return in_flight;
}

void Runner::Submit(Lane& lane, std::shared_ptr<InFlight> in_flight, std::optional<Clock::time_point> arrival) {
  std::unique_lock lock(lane.mutex);
  // Open loop: a request waits for a slot from its arrival, so that wait
  // shows as its queueing time. Closed loop: it may wait as a ready request.
  const std::size_t ready_limit = arrival ? 0 : lane.ready_capacity;
  while (lane.unused.empty() && lane.ready.size() >= ready_limit) {
    if (StopRequested()) {
      return;
    }
    lane.changed.wait_for(lock, kSlotPollPeriod);
  }
  if (!lane.unused.empty() && lane.ready.empty()) {
    TakeSlot(lane, in_flight);
    lock.unlock();
    Launch(std::move(in_flight), arrival);
    return;
  }
  lane.ready.push_back(std::move(in_flight));
  LaunchReady(lane, lock);
}

void Runner::LaunchReady(Lane& lane, std::unique_lock<std::mutex>& lock) {
  while (!lane.unused.empty() && !lane.ready.empty() && !StopRequested()) {
    auto next = std::move(lane.ready.front());
    lane.ready.pop_front();
    TakeSlot(lane, next);
    lock.unlock();
    Launch(std::move(next), std::nullopt);
    lock.lock();
  }
}

void Runner::TakeSlot(Lane& lane, const std::shared_ptr<InFlight>& in_flight) {
  in_flight->slot = lane.unused.back();
  lane.unused.pop_back();
  lane.slots[in_flight->slot] = in_flight;
  ++lane.in_flight;
  in_flight->issued = Clock::now();
  in_flight->deadline = in_flight->issued + settings_.request_timeout;
}

void Runner::Launch(std::shared_ptr<InFlight> in_flight, std::optional<Clock::time_point> arrival) {
  // Closed loop: a request is due when its slot frees. Open loop: at its
  // arrival.
  in_flight->scheduled = arrival.value_or(in_flight->issued);
  in_flight->started_at = core::NowUtc();
  inside_issue = true;
  try {
    in_flight->lane->adapter->Issue(
        in_flight->request, [this, in_flight](core::Response response) { Complete(in_flight, std::move(response)); });
  } catch (const std::exception& error) {
    core::Response failed;
    failed.error = core::Error{core::ErrorKind::kAdapterFailure, 0, fmt::format("adapter threw: {}", error.what())};
    Complete(in_flight, std::move(failed));
  }
  inside_issue = false;
}

void Runner::Complete(const std::shared_ptr<InFlight>& in_flight, core::Response response) {
  if (in_flight->finished.exchange(true)) {
    return;  // already completed (a late answer after a timeout)
  }
  const auto now = Clock::now();
  // An adapter that waits before sending (rate limits, retries) reports that
  // wait as queueing: it belongs to neither the server's latency nor TTFT.
  const double waited_in_adapter_ms = response.timing.queued_ms;
  response.timing.queued_ms = core::MillisecondsBetween(in_flight->scheduled, in_flight->issued) + waited_in_adapter_ms;
  // HTTP adapters stamp the answer's last byte themselves; the others end
  // when they hand the answer back.
  if (response.timing.end_to_end_ms <= 0) {
    response.timing.end_to_end_ms = core::MillisecondsBetween(in_flight->issued, now) - waited_in_adapter_ms;
  }

  NamedScores scores;
  if (!response.error) {
    for (const auto& metric : in_flight->suite->metrics) {
      scores.emplace_back(metric->Info().name, metric->Score(response.text, in_flight->sample));
    }
  }
  RecordContext context{in_flight->suite->dataset.sha256, in_flight->prompt_sha256, in_flight->started_at,
                        core::NowUtc()};
  if (const auto* costing = in_flight->lane->costing; costing != nullptr && !response.error) {
    if (!response.energy) {
      response.energy = costing->EstimateEnergy(response);
    }
    context.cost = costing->Cost(response);
    context.carbon = costing->Carbon(response);
  }
  const bool failed = response.error.has_value();
  try {
    if (journal_.AppendLine(in_flight->key, ResultLine(in_flight->key, response, scores, context))) {
      if (settings_.spend != nullptr) {
        settings_.spend->AddResult(context.cost,
                                   response.energy ? std::optional<double>(response.energy->joules) : std::nullopt);
      }
      completed_.fetch_add(1);
      if (failed) {
        failed_.fetch_add(1);
      }
      progress_.RecordCompletion(failed);
    }
  } catch (const JournalError& error) {
    RecordFatal(error);
  }

  FreeSlot(*in_flight);
}

void Runner::RecordFatal(const JournalError& error) {
  const std::lock_guard lock(fatal_mutex_);
  if (!fatal_error_) {
    fatal_error_ = error.what();
  }
  fatal_ = true;
}

void Runner::FreeSlot(InFlight& in_flight) {
  Lane& lane = *in_flight.lane;
  std::shared_ptr<InFlight> next;
  bool wake_feeder = false;
  {
    std::lock_guard lock(lane.mutex);
    if (in_flight.slot_freed) {
      return;  // at the answer's arrival, before its completion
    }
    in_flight.slot_freed = true;
    lane.slots[in_flight.slot].reset();
    lane.unused.push_back(in_flight.slot);
    --lane.in_flight;
    if (!inside_issue && !lane.ready.empty() && !StopRequested()) {
      next = std::move(lane.ready.front());
      lane.ready.pop_front();
      TakeSlot(lane, next);
    }
    // The feeder is woken for a slot left free, and otherwise refills the
    // ready requests by halves: waking it for each one taken cost a context
    // switch per request.
    wake_feeder = !next || lane.ready.size() <= lane.ready_capacity / 2;
  }
  if (wake_feeder) {
    lane.changed.notify_all();
  }
  if (next) {
    Launch(std::move(next), std::nullopt);
  }
}

void Runner::WatchDeadlines() {
  core::NameThisThread("etalon-deadline");
  std::vector<std::shared_ptr<InFlight>> expired;
  // Woken at once by the run's end: a sleeping watcher held the run's
  // documents back by up to a period after the last answer.
  std::unique_lock watcher_lock(watcher_mutex_);
  const auto period = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(settings_.request_timeout / 100),
                                 kMinWatchPeriod, kMaxWatchPeriod);
  while (!watcher_wake_.wait_for(watcher_lock, period, [this] { return watcher_stop_; })) {
    watcher_lock.unlock();
    const auto now = Clock::now();
    for (auto& lane : lanes_) {
      std::lock_guard lock(lane->mutex);
      for (const auto& occupant : lane->slots) {
        if (occupant && occupant->deadline <= now && !occupant->finished.load()) {
          expired.push_back(occupant);
        }
      }
    }
    for (auto& in_flight : expired) {
      core::Response timed_out;
      timed_out.error = core::Error{core::ErrorKind::kTimeout, 0,
                                    fmt::format("no answer within {} ms", settings_.request_timeout.count())};
      Complete(in_flight, std::move(timed_out));
    }
    expired.clear();
    watcher_lock.lock();
  }
}

}  // namespace etalon::run
