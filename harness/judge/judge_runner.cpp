#include "etalon/judge/judge_runner.hpp"

#include <algorithm>
#include <condition_variable>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "etalon/core/clock.hpp"
#include "etalon/core/line_reader.hpp"
#include "etalon/core/sha256.hpp"
#include "etalon/judge/judgment_record.hpp"
#include "etalon/judge/verdict_parser.hpp"
#include "etalon/prompt/prompt_renderer.hpp"

namespace etalon::judge {

struct JudgeRunner::Answer {
  core::RunKey key;
  bool ok = false;
  std::string output;
};

struct JudgeRunner::State {
  explicit State(const config::Rubric& rubric) : renderer(rubric.template_text, {}) {}

  prompt::PromptRenderer renderer;
  std::mutex mutex;
  std::condition_variable slot_freed;
  std::size_t in_flight = 0;
  std::size_t recorded = 0;
  std::size_t failed = 0;
  std::optional<std::string> fatal_error;

  // Appends one judgment; a journal that cannot be written stops the judging.
  void Record(run::Journal& journal, const JudgmentContext& context, const core::Response* response,
              const std::optional<Verdict>& verdict, std::optional<JudgmentFailure> failure,
              const std::string& message) {
    const auto record = MakeJudgmentRecord(context, response, verdict, failure, message);
    try {
      const bool written = journal.Append(context.key, record);
      std::lock_guard lock(mutex);
      recorded += written ? 1 : 0;
      failed += written && failure ? 1 : 0;
    } catch (const run::JournalError& error) {
      std::lock_guard lock(mutex);
      if (!fatal_error) {
        fatal_error = error.what();
      }
    }
  }

  bool Fatal() {
    std::lock_guard lock(mutex);
    return fatal_error.has_value();
  }
};

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string HumanLabelField(config::JudgeMode mode) {
  return mode == config::JudgeMode::kPassFail ? "human_pass" : "human_score";
}

// Reads a results.jsonl line; a malformed one ends the judging with its place.
nlohmann::json ParseResultLine(const std::string& line, const std::string& path, std::size_t line_number) {
  try {
    auto record = nlohmann::json::parse(line);
    record.at("adapter").get<std::string>();
    record.at("suite").get<std::string>();
    record.at("sample").get<std::string>();
    record.at("repeat").get<int>();
    return record;
  } catch (const nlohmann::json::exception& error) {
    throw std::runtime_error(fmt::format("{}:{}: not a result line ({})", path, line_number, error.what()));
  }
}

}  // namespace

JudgeRunner::JudgeRunner(const config::Rubric& rubric, core::Adapter& judge, const config::AdapterConfig& judge_config,
                         const meters::RequestCosting* costing, const SampleIndex& samples, run::Journal& journal)
    : rubric_(rubric),
      judge_(judge),
      judge_config_(judge_config),
      costing_(costing),
      samples_(samples),
      journal_(journal),
      state_(std::make_unique<State>(rubric)) {}

JudgeRunner::~JudgeRunner() = default;

JudgeTotals JudgeRunner::Run(const std::string& results_path, const JudgeSettings& settings) {
  // Whatever happens while feeding, every issued request completes before the runner goes.
  const auto finish_in_flight = [this] {
    {
      std::unique_lock lock(state_->mutex);
      state_->slot_freed.wait(lock, [&] { return state_->in_flight == 0; });
    }
    judge_.Drain();
  };
  JudgeTotals totals;
  try {
    if (rubric_.mode == config::JudgeMode::kPairwise) {
      JudgePairwise(results_path, settings, totals);
    } else {
      JudgePointwise(results_path, settings, totals);
    }
  } catch (...) {
    finish_in_flight();
    throw;
  }
  finish_in_flight();
  // The judgments a batch of completions left are written now; a failed write is fatal.
  try {
    journal_.Flush();
  } catch (const run::JournalError& error) {
    const std::lock_guard lock(state_->mutex);
    if (!state_->fatal_error) {
      state_->fatal_error = error.what();
    }
  }
  std::lock_guard lock(state_->mutex);
  totals.recorded = state_->recorded;
  totals.failed = state_->failed;
  totals.fatal_error = state_->fatal_error;
  return totals;
}

void JudgeRunner::JudgePointwise(const std::string& results_path, const JudgeSettings& settings,
                                 JudgeTotals& totals) {
  core::LineReader reader(results_path);
  if (!reader.is_open()) {
    throw std::runtime_error(fmt::format("{}: cannot be read", results_path));
  }
  std::string line;
  while (reader.Next(line)) {
    if (line.empty()) {
      continue;
    }
    const auto record = ParseResultLine(line, results_path, reader.line_number());
    Answer answer{run::Journal::KeyOf(record), record.value("ok", false), record.value("output", "")};
    if (!Contains(settings.adapters, answer.key.adapter) || !Contains(settings.suites, answer.key.suite)) {
      continue;
    }
    ++totals.expected;
    if (journal_.Contains(answer.key)) {
      ++totals.already_done;
      continue;
    }
    if (totals.stopped || state_->Fatal() ||
        (settings.stop_requested != nullptr && settings.stop_requested->load())) {
      totals.stopped = true;
      continue;
    }
    Submit(answer.key, {&answer}, settings);
  }
  if (reader.failed()) {
    throw std::runtime_error(fmt::format("{}: read error", results_path));
  }
}

void JudgeRunner::JudgePairwise(const std::string& results_path, const JudgeSettings& settings, JudgeTotals& totals) {
  // (suite, sample, repeat) -> for each offer, the byte offset of its result line (-1: none).
  std::map<std::tuple<std::string, std::string, int>, std::vector<long long>> offsets;
  {
    core::LineReader reader(results_path);
    if (!reader.is_open()) {
      throw std::runtime_error(fmt::format("{}: cannot be read", results_path));
    }
    std::string line;
    long long offset = 0;
    while (reader.Next(line)) {
      const long long line_offset = offset;
      offset += static_cast<long long>(line.size()) + 1;
      if (line.empty()) {
        continue;
      }
      const auto key = run::Journal::KeyOf(ParseResultLine(line, results_path, reader.line_number()));
      const auto offer = std::find(settings.adapters.begin(), settings.adapters.end(), key.adapter);
      if (offer == settings.adapters.end() || !Contains(settings.suites, key.suite)) {
        continue;
      }
      auto& slots = offsets[{key.suite, key.sample, key.repeat}];
      slots.resize(settings.adapters.size(), -1);
      slots[static_cast<std::size_t>(offer - settings.adapters.begin())] = line_offset;
    }
    if (reader.failed()) {
      throw std::runtime_error(fmt::format("{}: read error", results_path));
    }
  }
  std::ifstream results(results_path, std::ios::binary);
  const auto read_answer = [&](long long offset) {
    results.clear();
    results.seekg(offset);
    std::string line;
    std::getline(results, line);
    const auto record = ParseResultLine(line, results_path, 0);
    return Answer{run::Journal::KeyOf(record), record.value("ok", false), record.value("output", "")};
  };
  for (const auto& [group, slots] : offsets) {
    if (std::find(slots.begin(), slots.end(), -1) != slots.end()) {
      ++totals.unpaired;
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
      for (std::size_t j = 0; j < slots.size(); ++j) {
        if (i == j || slots[i] < 0 || slots[j] < 0) {
          continue;
        }
        // Both orders of every pair: (i, j) shows offer i in position A, (j, i) in position B.
        const core::RunKey key{settings.adapters[i] + "/" + settings.adapters[j], std::get<0>(group),
                               std::get<1>(group), std::get<2>(group)};
        ++totals.expected;
        if (journal_.Contains(key)) {
          ++totals.already_done;
          continue;
        }
        if (totals.stopped || state_->Fatal() ||
            (settings.stop_requested != nullptr && settings.stop_requested->load())) {
          totals.stopped = true;
          continue;
        }
        const auto first = read_answer(slots[i]);
        const auto second = read_answer(slots[j]);
        Submit(key, {&first, &second}, settings);
      }
    }
  }
}

void JudgeRunner::Submit(const core::RunKey& key, const std::vector<const Answer*>& answers,
                         const JudgeSettings& settings) {
  JudgmentContext context;
  context.key = key;
  context.rubric = &rubric_;
  context.judge_id = judge_config_.id;
  context.judge_model = judge_config_.model;
  if (answers.size() == 2) {
    context.offers = {answers[0]->key.adapter, answers[1]->key.adapter};
  }
  const auto now = [] { return core::NowUtc(); };

  const auto suite = samples_.find(key.suite);
  const core::Sample* sample = nullptr;
  if (suite != samples_.end()) {
    if (const auto found = suite->second.by_id.find(key.sample); found != suite->second.by_id.end()) {
      sample = &found->second;
    }
  }
  if (sample == nullptr) {
    context.completed_at = now();
    state_->Record(journal_, context, nullptr, std::nullopt, JudgmentFailure::kMissingVariable,
                   fmt::format("sample '{}' is not in suite '{}''s dataset", key.sample, key.suite));
    return;
  }
  if (const auto human = sample->fields.find(HumanLabelField(rubric_.mode));
      rubric_.mode != config::JudgeMode::kPairwise && human != sample->fields.end()) {
    context.human = *human;
  }
  for (const auto* answer : answers) {
    if (!answer->ok) {
      context.completed_at = now();
      state_->Record(journal_, context, nullptr, std::nullopt, JudgmentFailure::kJudgedRequestFailed,
                     fmt::format("the judged request {} failed: there is no answer to judge", answer->key.ToString()));
      return;
    }
  }

  struct InFlight {
    JudgmentContext context;
    core::Sample sample;
    core::Request request;
  };
  auto in_flight = std::make_shared<InFlight>();
  in_flight->sample = *sample;
  if (answers.size() == 2) {
    in_flight->sample.fields["output_a"] = answers[0]->output;
    in_flight->sample.fields["output_b"] = answers[1]->output;
  } else {
    in_flight->sample.fields["output"] = answers[0]->output;
  }
  const auto rendered = state_->renderer.Render(in_flight->sample);
  if (!rendered.missing.empty()) {
    std::string names;
    for (const auto& name : rendered.missing) {
      names += names.empty() ? name : ", " + name;
    }
    context.completed_at = now();
    state_->Record(journal_, context, nullptr, std::nullopt, JudgmentFailure::kMissingVariable,
                   fmt::format("the rubric uses fields the sample lacks: {}", names));
    return;
  }
  context.prompt_sha256 = core::Sha256Hex(rendered.text);
  in_flight->context = std::move(context);
  in_flight->request.key = key;
  in_flight->request.system_prompt = rubric_.system_prompt;
  in_flight->request.prompt = rendered.text;
  in_flight->request.generation = rubric_.generation;
  in_flight->request.fields = &in_flight->sample.fields;
  in_flight->request.dataset_dir = suite->second.dataset_dir;

  {
    std::unique_lock lock(state_->mutex);
    state_->slot_freed.wait(lock, [&] { return state_->in_flight < settings.concurrency; });
    ++state_->in_flight;
  }
  judge_.Issue(in_flight->request, [this, in_flight](core::Response response) {
    auto& context = in_flight->context;
    context.completed_at = core::NowUtc();
    std::optional<Verdict> verdict;
    std::optional<JudgmentFailure> failure;
    std::string message;
    if (response.error) {
      failure = JudgmentFailure::kJudgeRequestFailed;
      message = fmt::format("{}: {}", core::ToString(response.error->kind), response.error->message);
    } else {
      if (costing_ != nullptr) {
        if (!response.energy) {
          response.energy = costing_->EstimateEnergy(response);
        }
        context.cost = costing_->Cost(response);
        context.carbon = costing_->Carbon(response);
      }
      auto parsed = ParseVerdict(rubric_.mode, response.text);
      if (parsed.verdict) {
        verdict = std::move(parsed.verdict);
      } else {
        failure = JudgmentFailure::kUnparsableVerdict;
        message = std::move(parsed.problem);
      }
    }
    state_->Record(journal_, context, &response, verdict, failure, message);
    std::lock_guard lock(state_->mutex);
    --state_->in_flight;
    state_->slot_freed.notify_all();
  });
}

}  // namespace etalon::judge
