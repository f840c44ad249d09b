#include "etalon/run/runner.hpp"

#include <condition_variable>
#include <mutex>
#include <semaphore>
#include <thread>

#include <fmt/format.h>

#include "etalon/core/clock.hpp"
#include "etalon/core/sha256.hpp"
#include "etalon/run/arrival_schedule.hpp"
#include "etalon/run/result_record.hpp"

namespace etalon::run {

using Clock = std::chrono::steady_clock;

namespace {
// How often the deadline watcher looks at in-flight requests: the precision of timeouts.
constexpr auto kWatchPeriod = std::chrono::milliseconds(10);
// How long a feeder waits for a free slot before checking for a stop request.
constexpr auto kSlotPollPeriod = std::chrono::milliseconds(100);

}  // namespace

struct Runner::InFlight {
  core::RunKey key;
  core::Sample sample;
  const PreparedSuite* suite = nullptr;
  std::string prompt_sha256;
  Clock::time_point scheduled;
  Clock::time_point issued;
  Clock::time_point deadline;
  std::string started_at;
  Lane* lane = nullptr;
  std::size_t slot = 0;
  std::atomic<bool> finished{false};
};

// One adapter's share of the run: its slots bound what is in flight.
struct Runner::Lane {
  Lane(const AdapterAssignment& assignment, std::size_t concurrency)
      : adapter(assignment.adapter),
        costing(assignment.costing),
        suites(assignment.suites),
        slots(concurrency),
        free_slots(static_cast<std::ptrdiff_t>(concurrency)) {
    for (std::size_t i = concurrency; i > 0; --i) {
      unused.push_back(i - 1);
    }
  }

  core::Adapter* adapter;
  const meters::RequestCosting* costing;
  std::vector<const PreparedSuite*> suites;
  std::mutex mutex;
  std::condition_variable idle;
  std::vector<std::shared_ptr<InFlight>> slots;  // guarded by mutex
  std::vector<std::size_t> unused;               // guarded by mutex
  std::size_t in_flight = 0;                     // guarded by mutex
  std::counting_semaphore<> free_slots;
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
  std::thread watcher([this] { WatchDeadlines(); });
  std::vector<std::thread> feeders;
  for (auto& lane : lanes_) {
    feeders.emplace_back([this, &lane] { Feed(*lane); });
  }
  for (auto& feeder : feeders) {
    feeder.join();
  }
  watcher_stop_ = true;
  watcher.join();
  progress_.Finish();

  totals.completed = completed_.load();
  totals.failed = failed_.load();
  totals.stopped = stopped_early_.load();
  totals.fatal_error = fatal_error_;
  return totals;
}

void Runner::Feed(Lane& lane) {
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
        Issue(lane, *suite, sample, repeat, arrival);
      }
    }
  }
  if (StopRequested()) {
    stopped_early_ = true;
  }
  std::unique_lock lock(lane.mutex);
  lane.idle.wait(lock, [&lane] { return lane.in_flight == 0; });
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

void Runner::Issue(Lane& lane, const PreparedSuite& suite, const core::Sample& sample, int repeat,
                   std::optional<Clock::time_point> arrival) {
  auto in_flight = std::shared_ptr<InFlight>(new InFlight());
  in_flight->key = {lane.adapter->Id(), suite.suite.id, sample.id, repeat};
  in_flight->sample = sample;
  in_flight->suite = &suite;
  in_flight->lane = &lane;

  core::Request request;
  request.key = in_flight->key;
  request.system_prompt = suite.suite.system_prompt;
  request.prompt = suite.renderer->Render(sample).text;
  request.generation = suite.suite.generation;
  request.fields = &in_flight->sample.fields;
  request.dataset_dir = suite.dataset_dir;
  in_flight->prompt_sha256 = core::Sha256Hex(request.prompt);

  while (!lane.free_slots.try_acquire_for(kSlotPollPeriod)) {
    if (StopRequested()) {
      return;
    }
  }
  // Closed loop: a request is due when its slot frees. Open loop: at its
  // arrival, so waiting for a slot shows as client queueing time.
  in_flight->scheduled = arrival.value_or(Clock::now());
  {
    std::lock_guard lock(lane.mutex);
    in_flight->slot = lane.unused.back();
    lane.unused.pop_back();
    lane.slots[in_flight->slot] = in_flight;
    ++lane.in_flight;
    in_flight->issued = Clock::now();
    in_flight->deadline = in_flight->issued + settings_.request_timeout;
    in_flight->started_at = core::NowUtc();
  }
  try {
    lane.adapter->Issue(request, [this, in_flight](core::Response response) { Complete(in_flight, std::move(response)); });
  } catch (const std::exception& error) {
    core::Response failed;
    failed.error = core::Error{core::ErrorKind::kAdapterFailure, 0, fmt::format("adapter threw: {}", error.what())};
    Complete(in_flight, std::move(failed));
  }
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
    std::lock_guard lock(fatal_mutex_);
    if (!fatal_error_) {
      fatal_error_ = error.what();
    }
    fatal_ = true;
  }

  Lane& lane = *in_flight->lane;
  {
    std::lock_guard lock(lane.mutex);
    lane.slots[in_flight->slot].reset();
    lane.unused.push_back(in_flight->slot);
    --lane.in_flight;
  }
  lane.idle.notify_all();
  lane.free_slots.release();
}

void Runner::WatchDeadlines() {
  std::vector<std::shared_ptr<InFlight>> expired;
  while (!watcher_stop_.load()) {
    std::this_thread::sleep_for(kWatchPeriod);
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
  }
}

}  // namespace etalon::run
