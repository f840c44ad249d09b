#include "etalon/judge/judgment_summary.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "etalon/stats/bootstrap.hpp"
#include "etalon/stats/bradley_terry.hpp"
#include "etalon/stats/cohen_kappa.hpp"
#include "etalon/stats/descriptive.hpp"
#include "etalon/stats/proportion_interval.hpp"

namespace etalon::judge {

namespace {

nlohmann::ordered_json Optional(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// A label as text, so 4, 4.0 and "4" agree, and true and "oui" do.
std::string Label(const nlohmann::json& value) {
  if (value.is_boolean()) {
    return value.get<bool>() ? "oui" : "non";
  }
  if (value.is_number()) {
    const double number = value.get<double>();
    return number == std::floor(number) ? std::to_string(static_cast<long long>(number)) : value.dump();
  }
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    if (text == "true") {
      return "oui";
    }
    if (text == "false") {
      return "non";
    }
    return text;
  }
  return value.dump();
}

struct OfferCell {
  std::size_t recorded = 0;
  std::map<std::string, std::size_t> failures;  // error kind -> count
  std::vector<double> scores;
  std::size_t passed = 0;
  std::size_t pass_judged = 0;
  std::vector<std::pair<std::string, std::string>> ratings;  // (judge, human)
};

struct PairKey {
  std::string suite;
  std::string sample;
  int repeat;
  std::string low;   // the pair's offers in name order
  std::string high;
  auto operator<=>(const PairKey&) const = default;
};

struct PairVerdicts {
  std::optional<std::string> low_first;   // winner (offer or "tie") when `low` was shown first
  std::optional<std::string> high_first;  // when `high` was shown first
};

struct JudgeSpend {
  std::size_t requests = 0;
  std::vector<double> input_tokens;
  std::vector<double> output_tokens;
  bool tokens_estimated = false;
  std::vector<double> eur;
  std::vector<double> measured_joules;
  std::vector<double> estimated_joules;
  std::vector<double> estimated_low;
  std::vector<double> estimated_high;
  std::vector<double> kgco2eq;
  std::vector<std::string> energy_methods;
};

void AddSpend(const nlohmann::json& record, JudgeSpend& spend) {
  const auto& usage = record.value("judge_usage", nlohmann::json());
  if (usage.is_null()) {
    return;
  }
  ++spend.requests;
  if (usage.value("input_tokens", nlohmann::json()).is_number()) {
    spend.input_tokens.push_back(usage["input_tokens"].get<double>());
  }
  if (usage.value("output_tokens", nlohmann::json()).is_number()) {
    spend.output_tokens.push_back(usage["output_tokens"].get<double>());
  }
  spend.tokens_estimated = spend.tokens_estimated || usage.value("estimated", false);
  if (const auto& cost = record.value("judge_cost", nlohmann::json()); cost.is_object()) {
    spend.eur.push_back(cost.value("eur", 0.0));
  }
  if (const auto& energy = record.value("judge_energy", nlohmann::json()); energy.is_object()) {
    const double joules = energy.value("joules", 0.0);
    if (energy.value("measured", false)) {
      spend.measured_joules.push_back(joules);
    } else {
      spend.estimated_joules.push_back(joules);
      spend.estimated_low.push_back(energy.value("low_joules", nlohmann::json(joules)).is_number()
                                        ? energy.value("low_joules", joules)
                                        : joules);
      spend.estimated_high.push_back(energy.value("high_joules", nlohmann::json(joules)).is_number()
                                         ? energy.value("high_joules", joules)
                                         : joules);
    }
    const auto method = energy.value("method", "");
    if (std::find(spend.energy_methods.begin(), spend.energy_methods.end(), method) == spend.energy_methods.end()) {
      spend.energy_methods.push_back(method);
    }
  }
  if (const auto& carbon = record.value("judge_carbon", nlohmann::json()); carbon.is_object()) {
    spend.kgco2eq.push_back(carbon.value("kgco2eq", 0.0));
  }
}

nlohmann::ordered_json SpendJson(JudgeSpend spend) {
  std::sort(spend.energy_methods.begin(), spend.energy_methods.end());
  const auto sum_or_null = [](const std::vector<double>& values) {
    return values.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(stats::OrderFreeSum(values));
  };
  return {{"requests", spend.requests},
          {"input_tokens", sum_or_null(spend.input_tokens)},
          {"output_tokens", sum_or_null(spend.output_tokens)},
          {"tokens_estimated", spend.tokens_estimated},
          {"eur", sum_or_null(spend.eur)},
          {"requests_priced", spend.eur.size()},
          {"energy",
           {{"measured_joules", sum_or_null(spend.measured_joules)},
            {"estimated_joules", sum_or_null(spend.estimated_joules)},
            {"estimated_low_joules", sum_or_null(spend.estimated_low)},
            {"estimated_high_joules", sum_or_null(spend.estimated_high)},
            {"methods", spend.energy_methods}}},
          {"kgco2eq", sum_or_null(spend.kgco2eq)}};
}

nlohmann::ordered_json KappaJson(const std::vector<std::pair<std::string, std::string>>& ratings) {
  if (ratings.empty()) {
    return nullptr;
  }
  const auto kappa = stats::CohenKappa(ratings);
  return {{"items", kappa.items},
          {"observed_agreement", kappa.observed_agreement},
          {"chance_agreement", kappa.chance_agreement},
          {"kappa", Optional(kappa.kappa)},
          {"standard_error", Optional(kappa.standard_error)},
          {"ci95", kappa.kappa ? nlohmann::ordered_json{{"low", *kappa.ci95_low},
                                                         {"high", *kappa.ci95_high},
                                                         {"method", "cohen-1960-normal"}}
                               : nlohmann::ordered_json(nullptr)}};
}

// Judges' 1-5 scores are few and far from normal: the mean's interval is
// BCa, with a fixed seed so a summary is reproducible from its judgments.
constexpr std::size_t kScoreResamples = 2000;

nlohmann::ordered_json ScoreInterval(const std::vector<double>& scores) {
  if (scores.size() < 2) {
    return nullptr;
  }
  const auto interval = stats::BootstrapMeanInterval(scores, {kScoreResamples, 0, 0.95});
  return {{"low", interval.low}, {"high", interval.high}, {"method", "bca-bootstrap"}, {"resamples", kScoreResamples}};
}

nlohmann::ordered_json PassRateInterval(std::size_t passed, std::size_t judged) {
  if (judged == 0) {
    return nullptr;
  }
  const auto interval = stats::WilsonInterval(passed, judged);
  return {{"low", interval.low}, {"high", interval.high}, {"method", "wilson"}};
}

nlohmann::ordered_json OfferJson(const std::string& adapter, const std::string& suite, const OfferCell& cell,
                                 config::JudgeMode mode) {
  std::size_t failed = 0;
  nlohmann::ordered_json failures = nlohmann::ordered_json::object();
  for (const auto& [kind, count] : cell.failures) {
    failures[kind] = count;
    failed += count;
  }
  nlohmann::ordered_json row = {{"adapter", adapter},
                                {"suite", suite},
                                {"recorded", cell.recorded},
                                {"judged", cell.recorded - failed},
                                {"failed", failed},
                                {"failures", failures}};
  if (mode == config::JudgeMode::kScore) {
    const auto moments = stats::OrderFreeMoments(cell.scores);
    nlohmann::ordered_json histogram = nlohmann::ordered_json::object();
    for (int score = 1; score <= 5; ++score) {
      histogram[std::to_string(score)] = std::count(cell.scores.begin(), cell.scores.end(), score);
    }
    row["score"] = {{"n", cell.scores.size()},
                    {"mean", cell.scores.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(moments.mean())},
                    {"stddev", Optional(moments.sample_stddev())},
                    {"ci95", ScoreInterval(cell.scores)},
                    {"histogram", histogram}};
  } else {
    row["pass"] = {{"n", cell.pass_judged},
                   {"passed", cell.passed},
                   {"rate", cell.pass_judged == 0 ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(static_cast<double>(cell.passed) /
                                                                           static_cast<double>(cell.pass_judged))},
                   {"ci95", PassRateInterval(cell.passed, cell.pass_judged)}};
  }
  row["human_agreement"] = KappaJson(cell.ratings);
  return row;
}

nlohmann::ordered_json PairwiseJson(const std::string& suite, const std::vector<std::string>& offers,
                                    const std::map<PairKey, PairVerdicts>& pairs) {
  const std::size_t k = offers.size();
  const auto index_of = [&](const std::string& offer) {
    return static_cast<std::size_t>(std::find(offers.begin(), offers.end(), offer) - offers.begin());
  };
  stats::WinMatrix wins(k, std::vector<double>(k, 0.0));
  std::vector<std::size_t> won(k, 0);
  std::vector<std::size_t> lost(k, 0);
  std::vector<std::size_t> tied(k, 0);
  std::size_t complete = 0;
  std::size_t incomplete = 0;
  std::size_t inconsistent = 0;
  for (const auto& [key, verdicts] : pairs) {
    if (key.suite != suite) {
      continue;
    }
    if (!verdicts.low_first || !verdicts.high_first) {
      ++incomplete;
      continue;
    }
    ++complete;
    const auto low = index_of(key.low);
    const auto high = index_of(key.high);
    if (*verdicts.low_first != *verdicts.high_first) {
      ++inconsistent;
    }
    // A win only when both orders name the same offer; anything else is a tie.
    if (*verdicts.low_first == *verdicts.high_first && *verdicts.low_first != "tie") {
      const auto winner = index_of(*verdicts.low_first);
      const auto loser = winner == low ? high : low;
      wins[winner][loser] += 1;
      ++won[winner];
      ++lost[loser];
    } else {
      wins[low][high] += 0.5;
      wins[high][low] += 0.5;
      ++tied[low];
      ++tied[high];
    }
  }
  const auto fit = stats::FitBradleyTerry(wins);
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < k; ++i) {
    nlohmann::ordered_json row = {{"adapter", offers[i]}, {"wins", won[i]}, {"losses", lost[i]}, {"ties", tied[i]}};
    if (fit.problem) {
      row["log_strength"] = nullptr;
      row["standard_error"] = nullptr;
      row["ci95"] = nullptr;
    } else {
      row["log_strength"] = fit.log_strengths[i];
      row["standard_error"] = fit.standard_errors[i];
      row["ci95"] = {{"low", fit.ci95_low[i]}, {"high", fit.ci95_high[i]}, {"method", "observed-information"}};
    }
    rows.push_back(row);
  }
  return {{"suite", suite},
          {"comparisons", complete},
          {"incomplete", incomplete},
          {"order_disagreements", inconsistent},
          {"position_bias_rate", complete == 0 ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(static_cast<double>(inconsistent) /
                                                                        static_cast<double>(complete))},
          {"bradley_terry",
           {{"constraint", "sum-zero log-strengths"},
            {"iterations", fit.problem ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(fit.iterations)},
            {"problem", fit.problem ? nlohmann::ordered_json(*fit.problem) : nlohmann::ordered_json(nullptr)}}},
          {"offers", rows}};
}

}  // namespace

nlohmann::ordered_json BuildJudgmentSummary(const JudgmentSummaryInput& input) {
  const auto mode = input.rubric->mode;
  std::map<std::pair<std::string, std::string>, OfferCell> cells;  // (suite, adapter)
  std::map<PairKey, PairVerdicts> pairs;
  std::map<std::string, std::size_t> failures;
  std::size_t recorded = 0;
  JudgeSpend spend;

  core::LineReader reader(input.judgments_path);
  std::string line;
  while (reader.is_open() && reader.Next(line)) {
    if (line.empty()) {
      continue;
    }
    nlohmann::json record;
    try {
      record = nlohmann::json::parse(line);
      ++recorded;
      AddSpend(record, spend);
      const auto suite = record.at("suite").get<std::string>();
      const bool ok = record.at("ok").get<bool>();
      const auto failure = ok ? std::string() : record.at("error").at("kind").get<std::string>();
      if (!ok) {
        ++failures[failure];
      }
      if (mode == config::JudgeMode::kPairwise) {
        const auto offers = record.at("offers").get<std::vector<std::string>>();
        const auto [low, high] = std::minmax(offers.at(0), offers.at(1));
        auto& verdicts = pairs[{suite, record.at("sample").get<std::string>(), record.at("repeat").get<int>(), low,
                                high}];
        if (ok) {
          (offers[0] == low ? verdicts.low_first : verdicts.high_first) = record.at("winner").get<std::string>();
        }
        continue;
      }
      auto& cell = cells[{suite, record.at("adapter").get<std::string>()}];
      ++cell.recorded;
      if (!ok) {
        ++cell.failures[failure];
        continue;
      }
      const auto& human = record.at("human");
      if (mode == config::JudgeMode::kScore) {
        const int score = record.at("score").get<int>();
        cell.scores.push_back(score);
        if (!human.is_null()) {
          cell.ratings.emplace_back(std::to_string(score), Label(human));
        }
      } else {
        const bool pass = record.at("pass").get<bool>();
        ++cell.pass_judged;
        cell.passed += pass ? 1 : 0;
        if (!human.is_null()) {
          cell.ratings.emplace_back(pass ? "oui" : "non", Label(human));
        }
      }
    } catch (const nlohmann::json::exception& error) {
      throw std::runtime_error(
          fmt::format("{}:{}: not a judgment line ({})", input.judgments_path, reader.line_number(), error.what()));
    }
  }
  if (reader.failed()) {
    throw std::runtime_error(fmt::format("{}: read error", input.judgments_path));
  }

  nlohmann::ordered_json failure_counts = nlohmann::ordered_json::object();
  std::size_t failed = 0;
  for (const auto& [kind, count] : failures) {
    failure_counts[kind] = count;
    failed += count;
  }
  nlohmann::ordered_json summary;
  summary["schema"] = 1;
  summary["rubric"] = {{"id", input.rubric->id},
                       {"version", input.rubric->version},
                       {"sha256", input.rubric->sha256},
                       {"mode", config::ToString(mode)}};
  summary["judge"] = {{"id", input.judge->id}, {"kind", input.judge->kind}, {"model", input.judge->model}};
  summary["judgments"] = {{"recorded", recorded},
                          {"judged", recorded - failed},
                          {"failed", failed},
                          {"failures", failure_counts},
                          {"unpaired_samples", input.unpaired}};
  nlohmann::ordered_json offers = nlohmann::ordered_json::array();
  nlohmann::ordered_json pairwise = nlohmann::ordered_json::array();
  for (const auto& suite : input.suites) {
    if (mode == config::JudgeMode::kPairwise) {
      pairwise.push_back(PairwiseJson(suite, input.offers, pairs));
      continue;
    }
    for (const auto& adapter : input.offers) {
      const auto cell = cells.find({suite, adapter});
      offers.push_back(OfferJson(adapter, suite, cell == cells.end() ? OfferCell{} : cell->second, mode));
    }
  }
  summary["offers"] = offers;
  summary["pairwise"] = pairwise;
  summary["judge_spend"] = SpendJson(std::move(spend));
  return summary;
}

}  // namespace etalon::judge
