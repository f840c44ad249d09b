#include "etalon/integrity/fingerprint_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "etalon/stats/descriptive.hpp"
#include "etalon/stats/holm.hpp"
#include "etalon/stats/rank_sum_test.hpp"

namespace etalon::integrity {

std::string_view ToString(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSame:
      return "same";
    case Verdict::kDrifted:
      return "drifted";
    case Verdict::kDifferent:
      return "different";
  }
  return "same";
}

namespace {

using Figure = std::function<std::optional<double>(const ProbeObservation&)>;

struct FigureSpec {
  const char* name;
  Figure value;
  double absolute_floor;
};

std::vector<FigureSpec> Figures(const ComparisonSettings& settings) {
  return {
      {"ttft_ms", [](const ProbeObservation& o) { return o.ttft_ms; }, settings.min_ttft_shift_ms},
      {"tpot_ms", [](const ProbeObservation& o) { return o.tpot_ms; }, settings.min_tpot_shift_ms},
      {"end_to_end_ms", [](const ProbeObservation& o) { return std::optional<double>(o.end_to_end_ms); },
       settings.min_end_to_end_shift_ms},
      {"output_tokens",
       [](const ProbeObservation& o) {
         return o.output_tokens ? std::optional<double>(static_cast<double>(*o.output_tokens)) : std::nullopt;
       },
       settings.min_output_tokens_shift},
  };
}

std::vector<double> Values(const std::vector<ProbeObservation>& observations, const Figure& figure) {
  std::vector<double> values;
  for (const auto& o : observations) {
    if (!o.ok) continue;
    if (const auto value = figure(o)) values.push_back(*value);
  }
  return values;
}

std::optional<double> Median(std::vector<double> values) { return stats::Percentile(values, 50); }

std::vector<std::string> Distinct(const std::vector<ProbeObservation>& observations,
                                  const std::string ProbeObservation::*field) {
  std::set<std::string> seen;
  for (const auto& o : observations) {
    if (o.ok && !(o.*field).empty()) seen.insert(o.*field);
  }
  return {seen.begin(), seen.end()};
}

std::size_t Failed(const std::vector<ProbeObservation>& observations) {
  return static_cast<std::size_t>(
      std::count_if(observations.begin(), observations.end(), [](const ProbeObservation& o) { return !o.ok; }));
}

std::vector<ProbeAnswers> PairAnswers(const ModelFingerprint& stored, const ModelFingerprint& current) {
  std::map<std::string, ProbeAnswers> by_probe;
  for (const auto& o : stored.observations) {
    if (o.ok) by_probe[o.probe].stored.push_back(o.output_sha256);
  }
  for (const auto& o : current.observations) {
    if (o.ok) by_probe[o.probe].current.push_back(o.output_sha256);
  }
  std::vector<ProbeAnswers> answers;
  for (auto& [probe, pair] : by_probe) answers.push_back(std::move(pair));
  return answers;
}

template <typename T>
nlohmann::json Optional(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

ModelComparison CompareModelFingerprints(const ModelFingerprint& stored, const ModelFingerprint& current,
                                         const ComparisonSettings& settings) {
  ModelComparison comparison;
  comparison.settings = settings;
  comparison.stored_models = Distinct(stored.observations, &ProbeObservation::served_model);
  comparison.current_models = Distinct(current.observations, &ProbeObservation::served_model);
  for (const auto& model : comparison.current_models) {
    if (std::find(comparison.stored_models.begin(), comparison.stored_models.end(), model) ==
        comparison.stored_models.end()) {
      comparison.model_changed = true;
    }
  }
  comparison.stored_system_fingerprints = Distinct(stored.observations, &ProbeObservation::system_fingerprint);
  comparison.current_system_fingerprints = Distinct(current.observations, &ProbeObservation::system_fingerprint);
  comparison.system_fingerprint_changed =
      comparison.stored_system_fingerprints != comparison.current_system_fingerprints;
  comparison.stored_repeat_agreement = RepeatAgreement(stored.observations);
  comparison.current_repeat_agreement = RepeatAgreement(current.observations);
  comparison.stored_failed = Failed(stored.observations);
  comparison.current_failed = Failed(current.observations);

  // Every test's p-value in one family: the answers first, then each figure tested.
  std::vector<double> p_values;
  comparison.answers = TestAnswerAgreement(PairAnswers(stored, current));
  const bool answers_tested = comparison.answers.cross_pairs > 0;
  if (answers_tested) p_values.push_back(comparison.answers.p_value);
  std::uint64_t figure_seed = settings.seed;
  for (const auto& figure : Figures(settings)) {
    DistributionComparison distribution;
    distribution.figure = figure.name;
    const auto before = Values(stored.observations, figure.value);
    const auto after = Values(current.observations, figure.value);
    distribution.stored_n = before.size();
    distribution.current_n = after.size();
    distribution.stored_median = Median(before);
    distribution.current_median = Median(after);
    distribution.floor =
        std::max(figure.absolute_floor, settings.min_relative_shift * std::abs(distribution.stored_median.value_or(0)));
    if (before.size() >= settings.min_values && after.size() >= settings.min_values) {
      distribution.p_value = stats::RankSumTest(before, after, settings.relabellings, figure_seed++).p_value;
      p_values.push_back(*distribution.p_value);
    }
    comparison.distributions.push_back(std::move(distribution));
  }

  const auto adjusted = stats::HolmAdjusted(p_values);
  std::size_t next = 0;
  if (answers_tested) {
    comparison.answers_adjusted_p_value = adjusted[next++];
    comparison.answers_disagree = *comparison.answers_adjusted_p_value <= settings.alpha;
  }
  bool any_moved = false;
  for (auto& distribution : comparison.distributions) {
    if (!distribution.p_value) continue;
    distribution.adjusted_p_value = adjusted[next++];
    const double shift = std::abs(*distribution.current_median - *distribution.stored_median);
    distribution.moved = *distribution.adjusted_p_value <= settings.alpha && shift >= distribution.floor;
    any_moved = any_moved || distribution.moved;
  }
  if (comparison.answers_disagree || comparison.model_changed) {
    comparison.verdict = Verdict::kDifferent;
  } else if (any_moved) {
    comparison.verdict = Verdict::kDrifted;
  }
  return comparison;
}

nlohmann::ordered_json ModelComparison::ToJson() const {
  nlohmann::ordered_json figures = nlohmann::ordered_json::array();
  for (const auto& d : distributions) {
    figures.push_back({{"figure", d.figure},
                       {"stored_n", d.stored_n},
                       {"current_n", d.current_n},
                       {"stored_median", Optional(d.stored_median)},
                       {"current_median", Optional(d.current_median)},
                       {"floor", d.floor},
                       {"test", "rank-sum (Mann-Whitney), two-sided, random relabellings"},
                       {"p_value", Optional(d.p_value)},
                       {"holm_p_value", Optional(d.adjusted_p_value)},
                       {"moved", d.moved}});
  }
  return {{"verdict", ToString(verdict)},
          {"model",
           {{"stored", stored_models}, {"current", current_models}, {"changed", model_changed}}},
          {"system_fingerprint",
           {{"stored", stored_system_fingerprints},
            {"current", current_system_fingerprints},
            {"changed", system_fingerprint_changed}}},
          {"answers",
           {{"test", "exact permutation of pooled answers per probe"},
            {"probes_compared", answers.probes_compared},
            {"stored_repeat_agreement", Optional(stored_repeat_agreement)},
            {"current_repeat_agreement", Optional(current_repeat_agreement)},
            {"cross_pairs", answers.cross_pairs},
            {"cross_agreeing", answers.cross_agreeing},
            {"cross_agreement", answers.cross_rate},
            {"expected_cross_agreement", answers.expected_cross_rate},
            {"p_value", answers.p_value},
            {"holm_p_value", Optional(answers_adjusted_p_value)},
            {"disagree", answers_disagree}}},
          {"distributions", std::move(figures)},
          {"failed_probes", {{"stored", stored_failed}, {"current", current_failed}}},
          {"settings",
           {{"alpha", settings.alpha},
            {"correction", "holm"},
            {"relabellings", settings.relabellings},
            {"min_values", settings.min_values},
            {"min_relative_shift", settings.min_relative_shift},
            {"seed", settings.seed}}}};
}

}  // namespace etalon::integrity
