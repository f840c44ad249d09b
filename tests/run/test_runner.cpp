// Tests for harness/run/runner.cpp with scripted adapters: the in-flight
// bound, timeouts (and late answers ignored), adapter exceptions, resume.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "etalon/run/planned_keys.hpp"
#include "etalon/run/runner.hpp"
#include "etalon/run/shard.hpp"
#include "support/temp_dir.hpp"
#include "support/thread_names.hpp"

using etalon::core::Adapter;
using etalon::core::CompletionHandler;
using etalon::core::Request;
using etalon::core::Response;

namespace {

enum class Behaviour { kAnswerAfterDelay, kAnswerLate, kThrow };

// The threads a test adapter answers on; Drain joins them.
class AnswerThreads {
 public:
  void Start(std::function<void()> work) {
    std::lock_guard lock(mutex_);
    threads_.emplace_back(std::move(work));
  }
  void JoinAll() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      threads.swap(threads_);
    }
    for (auto& thread : threads) {
      thread.join();
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::thread> threads_;
};

// Answers with the prompt on its own thread; records how many requests were in flight at once.
class ScriptedAdapter final : public Adapter {
 public:
  ScriptedAdapter(Behaviour behaviour, std::chrono::milliseconds delay, std::string id = "scripted")
      : id_(std::move(id)), behaviour_(behaviour), delay_(delay) {}
  ~ScriptedAdapter() override { Drain(); }

  const std::string& Id() const override { return id_; }
  etalon::core::Capabilities GetCapabilities() const override { return {}; }

  void Issue(const Request& request, CompletionHandler on_complete) override {
    if (behaviour_ == Behaviour::kThrow) {
      throw std::runtime_error("scripted failure");
    }
    std::lock_guard lock(mutex_);
    max_in_flight_ = std::max(max_in_flight_, ++in_flight_);
    issued_while_completing_ += inside_completion ? 1 : 0;
    answers_.Start([this, prompt = request.prompt, on_complete = std::move(on_complete)] {
      std::this_thread::sleep_for(delay_);
      {
        std::lock_guard inner(mutex_);
        --in_flight_;
      }
      Response response;
      response.text = prompt;
      response.timing.queued_ms = wait_before_sending_ms_;
      response.timing.end_to_end_ms = stamped_end_to_end_ms_;
      inside_completion = true;
      on_complete(std::move(response));
      inside_completion = false;
    });
  }

  void Drain() override { answers_.JoinAll(); }

  int max_in_flight() const { return max_in_flight_; }
  // Requests issued from inside another request's completion handler.
  int issued_while_completing() const { return issued_while_completing_; }
  // What the adapter says it waited inside before sending (a rate limit, retries).
  void ReportWaitBeforeSending(double milliseconds) { wait_before_sending_ms_ = milliseconds; }
  // An end-to-end time the adapter stamped itself (HTTP: at the answer's last byte).
  void ReportEndToEnd(double milliseconds) { stamped_end_to_end_ms_ = milliseconds; }

 private:
  std::string id_;
  Behaviour behaviour_;
  std::chrono::milliseconds delay_;
  double wait_before_sending_ms_ = 0;
  double stamped_end_to_end_ms_ = 0;
  std::mutex mutex_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  int issued_while_completing_ = 0;
  AnswerThreads answers_;
  static thread_local bool inside_completion;
};

thread_local bool ScriptedAdapter::inside_completion = false;

// Reports each answer as arrived (Request::on_answered) at once, then
// completes it `reading` later, as an HTTP adapter reads and scores an
// answer after its last byte; records how many requests were at the
// "server" (issued, not yet answered) and how many were not yet completed.
class AnsweringAdapter final : public Adapter {
 public:
  explicit AnsweringAdapter(std::chrono::milliseconds reading) : reading_(reading) {}
  ~AnsweringAdapter() override { Drain(); }

  const std::string& Id() const override { return id_; }
  etalon::core::Capabilities GetCapabilities() const override { return {}; }

  void Issue(const Request& request, CompletionHandler on_complete) override {
    std::lock_guard lock(mutex_);
    max_at_server_ = std::max(max_at_server_, ++at_server_);
    max_uncompleted_ = std::max(max_uncompleted_, ++uncompleted_);
    hooked_ += request.on_answered ? 1 : 0;
    answers_.Start([this, prompt = request.prompt, answered = request.on_answered,
                    on_complete = std::move(on_complete)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      {
        std::lock_guard inner(mutex_);
        --at_server_;
      }
      if (answered) {
        answered();
      }
      std::this_thread::sleep_for(reading_);
      {
        std::lock_guard inner(mutex_);
        --uncompleted_;
      }
      Response response;
      response.text = prompt;
      on_complete(std::move(response));
    });
  }

  void Drain() override { answers_.JoinAll(); }

  int max_at_server() const { return max_at_server_; }
  int max_uncompleted() const { return max_uncompleted_; }
  int hooked() const { return hooked_; }

 private:
  std::string id_ = "answering";
  std::chrono::milliseconds reading_;
  std::mutex mutex_;
  int at_server_ = 0;
  int max_at_server_ = 0;
  int uncompleted_ = 0;
  int max_uncompleted_ = 0;
  int hooked_ = 0;
  AnswerThreads answers_;
};

struct Fixture {
  etalon::testing::TempDir dir;
  std::vector<std::unique_ptr<etalon::run::PreparedSuite>> suites;

  explicit Fixture(int samples) {
    std::string data;
    for (int i = 0; i < samples; ++i) {
      data += "{\"id\": \"s" + std::to_string(i) + "\", \"input\": \"texte " + std::to_string(i) +
              "\", \"reference\": \"texte " + std::to_string(i) + "\"}\n";
    }
    dir.Write("data.jsonl", data);
    AddSuite("suite");
  }

  // Another suite over the same dataset.
  void AddSuite(const std::string& id) {
    const auto suite_path = dir.Write(id + ".yaml", "id: " + id + "\ntask: chat\ndataset: data.jsonl\ntemplate: "
                                                    "\"{{input}}\"\nmetrics: [exact_match]\n");
    etalon::core::Diagnostics diagnostics;
    suites.push_back(etalon::run::PrepareSuite(suite_path, diagnostics));
    REQUIRE(diagnostics.empty());
  }

  std::vector<nlohmann::json> Records() const {
    std::vector<nlohmann::json> records;
    std::istringstream lines(etalon::testing::ReadFile(dir.Path("results.jsonl")));
    for (std::string line; std::getline(lines, line);) {
      records.push_back(nlohmann::json::parse(line));
    }
    return records;
  }
};

// With the journal as `etalon run` opens it: only keys read back at resume
// are refused, so a key the runner issued twice would show as two lines.
etalon::run::RunTotals RunAssignments(Fixture& fixture, const std::vector<etalon::run::AdapterAssignment>& assignments,
                                      const etalon::run::RunnerSettings& settings, bool resume = false) {
  std::vector<std::string> warnings;
  etalon::run::Journal journal(fixture.dir.Path("results.jsonl"), resume, warnings, etalon::run::LineSync::kNone,
                               etalon::run::KeyGuard::kResumedKeys);
  etalon::run::ProgressMeter progress(stderr, etalon::run::ProgressMeter::Mode::kQuiet, std::chrono::seconds(1));
  etalon::run::Runner runner(settings, journal, progress);
  return runner.Run(assignments);
}

etalon::run::RunTotals RunOnce(Fixture& fixture, Adapter& adapter, const etalon::run::RunnerSettings& settings,
                               bool resume = false) {
  return RunAssignments(fixture, {{&adapter, {fixture.suites.front().get()}}}, settings, resume);
}

}  // namespace

// Notes the name of each thread that issues a request, and whether the
// deadline watcher bears its name while requests are issued; answers on its own thread.
class ThreadNotingAdapter final : public Adapter {
 public:
  ~ThreadNotingAdapter() override { Drain(); }
  const std::string& Id() const override { return id_; }
  etalon::core::Capabilities GetCapabilities() const override { return {}; }
  void Issue(const Request& request, CompletionHandler on_complete) override {
    std::string name;
    std::getline(std::ifstream("/proc/thread-self/comm"), name);
    {
      std::lock_guard lock(mutex_);
      issuers_.insert(name);
      if (!watcher_checked_) {
        watcher_checked_ = true;
        watcher_named_ = etalon::testing::ThreadNamedSoon("etalon-deadline");
      }
    }
    answers_.Start([prompt = request.prompt, on_complete = std::move(on_complete)] {
      Response response;
      response.text = prompt;
      on_complete(std::move(response));
    });
  }
  void Drain() override { answers_.JoinAll(); }
  std::set<std::string> issuers() const { return issuers_; }
  bool watcher_named() const { return watcher_named_; }

 private:
  std::string id_ = "noting";
  std::mutex mutex_;
  std::set<std::string> issuers_;
  bool watcher_checked_ = false;
  bool watcher_named_ = false;
  AnswerThreads answers_;
};

TEST_CASE("The runner's feeder and deadline watcher bear their names", "[run]") {
  Fixture fixture(3);
  ThreadNotingAdapter adapter;
  etalon::run::RunnerSettings settings;
  settings.concurrency = 1;
  const auto totals = RunOnce(fixture, adapter, settings);
  CHECK(totals.completed == 3);
  CHECK(adapter.issuers().count("etalon-feed") == 1);  // the first request at least leaves from the feeder
  CHECK(adapter.watcher_named());
}

TEST_CASE("The runner never has more than `concurrency` requests in flight, and a completion starts the next", "[run]") {
  Fixture fixture(40);
  ScriptedAdapter adapter(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(5));
  etalon::run::RunnerSettings settings;
  settings.concurrency = 4;
  const auto totals = RunOnce(fixture, adapter, settings);
  CHECK(totals.expected == 40);
  CHECK(totals.completed == 40);
  CHECK(totals.failed == 0);
  CHECK(adapter.max_in_flight() <= 4);
  CHECK(adapter.max_in_flight() >= 2);  // and it does use the concurrency it has
  // The first four go out from the feeder; the feeder renders the next ones
  // in microseconds while each answer takes 5 ms, so nearly all the others
  // are started by the completion that freed their slot, with no hand-over.
  CHECK(adapter.issued_while_completing() >= 20);
  const auto records = fixture.Records();
  REQUIRE(records.size() == 40);
  for (const auto& record : records) {
    CHECK(record["ok"] == true);
    CHECK(record["scores"]["exact_match"]["value"] == 1.0);
    CHECK(record["prompt_sha256"].get<std::string>().size() == 64);
  }
}

TEST_CASE("A slot frees when the adapter reports the answer arrived, before the answer is read; not under a budget",
          "[run]") {
  Fixture fixture(24);
  etalon::run::RunnerSettings settings;
  settings.concurrency = 2;
  {
    AnsweringAdapter adapter(std::chrono::milliseconds(20));
    const auto totals = RunOnce(fixture, adapter, settings);
    CHECK(totals.completed == 24);
    CHECK(adapter.hooked() == 24);
    CHECK(adapter.max_at_server() <= 2);
    // Answers still being read while the next requests went out.
    CHECK(adapter.max_uncompleted() > 2);
    CHECK(fixture.Records().size() == 24);
  }
  // Under a budget a slot waits for its result's cost: never more than
  // `concurrency` requests between issue and completion.
  etalon::meters::SpendTracker spend(etalon::config::Budget{1000.0, std::nullopt});
  settings.spend = &spend;
  Fixture budgeted(24);
  AnsweringAdapter adapter(std::chrono::milliseconds(5));
  CHECK(RunOnce(budgeted, adapter, settings).completed == 24);
  CHECK(adapter.hooked() == 0);
  CHECK(adapter.max_uncompleted() <= 2);
}

TEST_CASE("A request past its deadline is recorded once as a timeout and the late answer is ignored", "[run]") {
  Fixture fixture(3);
  ScriptedAdapter adapter(Behaviour::kAnswerLate, std::chrono::milliseconds(300));
  etalon::run::RunnerSettings settings;
  settings.request_timeout = std::chrono::milliseconds(30);
  const auto totals = RunOnce(fixture, adapter, settings);
  CHECK(totals.completed == 3);
  CHECK(totals.failed == 3);
  const auto records = fixture.Records();
  REQUIRE(records.size() == 3);
  for (const auto& record : records) {
    CHECK(record["ok"] == false);
    CHECK(record["error"]["kind"] == "timeout");
    CHECK(record["scores"].empty());
  }
}

TEST_CASE("An adapter that throws yields recorded adapter failures, not a crash", "[run]") {
  Fixture fixture(5);
  ScriptedAdapter adapter(Behaviour::kThrow, std::chrono::milliseconds(0));
  const auto totals = RunOnce(fixture, adapter, {});
  CHECK(totals.failed == 5);
  for (const auto& record : fixture.Records()) {
    CHECK(record["error"]["kind"] == "adapter_failure");
    CHECK_THAT(record["error"]["message"].get<std::string>(), Catch::Contains("scripted failure"));
  }
}

TEST_CASE("A resumed run issues only the keys not yet in the journal", "[run]") {
  Fixture fixture(10);
  ScriptedAdapter first(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(0));
  etalon::run::RunnerSettings limited;
  limited.limit = 4;
  CHECK(RunOnce(fixture, first, limited).completed == 4);
  ScriptedAdapter second(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(0));
  const auto totals = RunOnce(fixture, second, {}, true);
  CHECK(totals.already_done == 4);
  CHECK(totals.completed == 6);
  std::set<std::string> samples;
  for (const auto& record : fixture.Records()) {
    CHECK(samples.insert(record["sample"].get<std::string>()).second);
  }
  CHECK(samples.size() == 10);
}

TEST_CASE("Repeats run each sample several times under distinct keys", "[run]") {
  Fixture fixture(3);
  ScriptedAdapter adapter(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(0));
  etalon::run::RunnerSettings settings;
  settings.repeats = 2;
  CHECK(RunOnce(fixture, adapter, settings).completed == 6);
}

TEST_CASE("Open-loop arrivals that find no free slot count the wait as queueing, closed loop does not", "[run]") {
  // Arrivals every ~1 ms on average, answers after 40 ms, one slot: the
  // eighth request arrives within a few ms but waits for seven answers.
  Fixture fixture(8);
  ScriptedAdapter open_adapter(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(40));
  etalon::run::RunnerSettings open_loop;
  open_loop.concurrency = 1;
  open_loop.arrival_rate_per_s = 1000;
  REQUIRE(RunOnce(fixture, open_adapter, open_loop).completed == 8);
  double largest_open_wait = 0;
  for (const auto& record : fixture.Records()) {
    largest_open_wait = std::max(largest_open_wait, record["timing"]["queued_ms"].get<double>());
  }
  CHECK(largest_open_wait >= 200);

  Fixture closed_fixture(8);
  ScriptedAdapter closed_adapter(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(40));
  etalon::run::RunnerSettings closed_loop;
  closed_loop.concurrency = 1;
  REQUIRE(RunOnce(closed_fixture, closed_adapter, closed_loop).completed == 8);
  for (const auto& record : closed_fixture.Records()) {
    CHECK(record["timing"]["queued_ms"].get<double>() < 40);
  }
}

TEST_CASE("A wait the adapter reports before sending is queueing, taken out of the end-to-end time", "[run]") {
  // The adapter answers 60 ms after the hand-over, 50 of which it says it
  // spent waiting (for its rate limit, say) before the request left.
  Fixture fixture(3);
  ScriptedAdapter adapter(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(60));
  adapter.ReportWaitBeforeSending(50);
  etalon::run::RunnerSettings settings;
  settings.concurrency = 3;
  REQUIRE(RunOnce(fixture, adapter, settings).completed == 3);
  for (const auto& record : fixture.Records()) {
    const auto& timing = record["timing"];
    CHECK(timing["queued_ms"].get<double>() >= 50);
    CHECK(timing["end_to_end_ms"].get<double>() >= 10);
    CHECK(timing["end_to_end_ms"].get<double>() + 50 >= 60);
    CHECK(timing["end_to_end_ms"].get<double>() < timing["queued_ms"].get<double>() + 60);
  }
}

TEST_CASE("An end-to-end time the adapter stamped at the answer's arrival is kept, not re-timed", "[run]") {
  // HTTP adapters stamp the last byte; the 40 ms the answer takes to reach
  // the runner here stand for parsing and the hand-over, the client's time.
  Fixture fixture(2);
  ScriptedAdapter adapter(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(40));
  adapter.ReportEndToEnd(12.5);
  etalon::run::RunnerSettings settings;
  settings.concurrency = 2;
  REQUIRE(RunOnce(fixture, adapter, settings).completed == 2);
  for (const auto& record : fixture.Records()) {
    CHECK(record["timing"]["end_to_end_ms"].get<double>() == 12.5);
  }
}

// The journal of `etalon run` refuses only keys read back at resume: its
// memory stays flat because the runner issues every planned key once.
TEST_CASE("Every planned key is written exactly once across adapters, suites, repeats, a shard and a resume", "[run]") {
  Fixture fixture(12);
  fixture.AddSuite("other");
  ScriptedAdapter first(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(0), "first");
  ScriptedAdapter second(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(0), "second");
  const std::vector<const etalon::run::PreparedSuite*> suites = {fixture.suites[0].get(), fixture.suites[1].get()};
  const std::vector<etalon::run::AdapterAssignment> assignments = {{&first, suites}, {&second, suites}};
  etalon::run::RunnerSettings settings;
  settings.repeats = 3;
  settings.concurrency = 4;
  std::multiset<std::string> planned;
  etalon::run::ForEachPlannedKey(assignments, std::nullopt, settings.repeats,
                                 [&](const etalon::core::RunKey& key) { planned.insert(key.Canonical()); });
  REQUIRE(planned.size() == 2 * 2 * 12 * 3);

  const etalon::run::Shard shard{1, 2};
  auto sharded = settings;
  sharded.key_filter = [shard](const etalon::core::RunKey& key) { return shard.Includes(key); };
  const auto part = RunAssignments(fixture, assignments, sharded);
  CHECK(part.completed > 0);
  CHECK(part.completed < planned.size());
  const auto rest = RunAssignments(fixture, assignments, settings, true);
  CHECK(rest.already_done == part.completed);
  CHECK(rest.completed == planned.size() - part.completed);

  std::multiset<std::string> written;
  for (const auto& record : fixture.Records()) {
    written.insert(etalon::core::RunKey{record["adapter"].get<std::string>(), record["suite"].get<std::string>(),
                                         record["sample"].get<std::string>(), record["repeat"].get<int>()}
                       .Canonical());
  }
  CHECK(written == planned);
  CHECK(std::set<std::string>(planned.begin(), planned.end()).size() == planned.size());
}

TEST_CASE("on_all_prepared runs once, when every adapter's last request is prepared, before the run ends", "[run]") {
  Fixture fixture(6);
  ScriptedAdapter first(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(60), "first");
  ScriptedAdapter second(Behaviour::kAnswerAfterDelay, std::chrono::milliseconds(60), "second");
  etalon::run::RunnerSettings settings;
  settings.concurrency = 2;
  std::atomic<int> calls{0};
  std::atomic<std::size_t> lines_then{0};
  settings.on_all_prepared = [&] {
    ++calls;
    const auto text = etalon::testing::ReadFile(fixture.dir.Path("results.jsonl"));
    lines_then = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  };
  const auto totals = RunAssignments(
      fixture, {{&first, {fixture.suites.front().get()}}, {&second, {fixture.suites.front().get()}}}, settings);
  CHECK(totals.completed == 12);
  CHECK(calls == 1);
  // Each adapter's last request waits for two answers of 60 ms to free its
  // place: the call comes while results are still to be written.
  CHECK(lines_then < 12);
}
