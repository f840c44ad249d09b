#include "etalon/audit/fairness_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <span>
#include <tuple>

namespace etalon::audit {

namespace {

struct Request {
  std::string id;
  std::vector<const FairnessObservation*> variants;
};

// Favourable rate per group of `attribute` over the drawn requests (with
// repetition); groups with no answer drawn are left out.
std::map<std::string, double> FavourableRates(const std::vector<Request>& requests,
                                              std::span<const std::size_t> drawn, const std::string& attribute) {
  std::map<std::string, std::pair<double, double>> counts;  // group -> (favourable, answers)
  for (const std::size_t index : drawn) {
    for (const auto* variant : requests[index].variants) {
      const auto group = variant->groups.find(attribute);
      if (group == variant->groups.end()) {
        continue;
      }
      auto& [favourable, answers] = counts[group->second];
      favourable += variant->decision == "favorable" ? 1.0 : 0.0;
      answers += 1.0;
    }
  }
  std::map<std::string, double> rates;
  for (const auto& [group, count] : counts) {
    rates[group] = count.first / count.second;
  }
  return rates;
}

double Spread(const std::map<std::string, double>& values) {
  if (values.empty()) {
    return 0.0;
  }
  const auto [low, high] = std::minmax_element(values.begin(), values.end(),
                                               [](const auto& a, const auto& b) { return a.second < b.second; });
  return high->second - low->second;
}

AttributeGap MeasureAttribute(const std::vector<Request>& requests, const std::string& attribute,
                              const stats::BootstrapSettings& settings) {
  AttributeGap gap;
  gap.attribute = attribute;
  std::map<std::string, GroupFigures> groups;
  for (const auto& request : requests) {
    for (const auto* variant : request.variants) {
      const auto found = variant->groups.find(attribute);
      if (found == variant->groups.end()) {
        continue;
      }
      auto& figures = groups[found->second];
      figures.group = found->second;
      ++figures.answers;
      figures.favourable_rate += variant->decision == "favorable" ? 1.0 : 0.0;
      figures.mean_words += variant->words;
      figures.mean_tone += variant->tone;
    }
  }
  std::map<std::string, double> words;
  std::map<std::string, double> tones;
  for (auto& [name, figures] : groups) {
    const auto answers = static_cast<double>(figures.answers);
    figures.favourable_rate /= answers;
    figures.mean_words /= answers;
    figures.mean_tone /= answers;
    words[name] = figures.mean_words;
    tones[name] = figures.mean_tone;
    gap.groups.push_back(figures);
  }
  if (gap.groups.empty()) {
    return gap;
  }
  const auto [lowest, highest] = std::minmax_element(
      gap.groups.begin(), gap.groups.end(),
      [](const GroupFigures& a, const GroupFigures& b) { return a.favourable_rate < b.favourable_rate; });
  gap.lowest = lowest->group;
  gap.highest = highest->group;
  gap.gap = highest->favourable_rate - lowest->favourable_rate;
  gap.words_gap = Spread(words);
  gap.tone_gap = Spread(tones);
  gap.gap_interval = stats::PercentileBootstrap(
      requests.size(),
      [&](std::span<const std::size_t> drawn) { return Spread(FavourableRates(requests, drawn, attribute)); },
      settings);
  return gap;
}

}  // namespace

FairnessFigures AnalyseFairness(std::vector<FairnessObservation> observations,
                                const stats::BootstrapSettings& settings, std::size_t worst_pairs) {
  std::sort(observations.begin(), observations.end(), [](const FairnessObservation& a, const FairnessObservation& b) {
    return std::tie(a.request, a.sample_id) < std::tie(b.request, b.sample_id);
  });
  std::vector<Request> requests;
  std::set<std::string> attributes;
  for (const auto& observation : observations) {
    if (requests.empty() || requests.back().id != observation.request) {
      requests.push_back({observation.request, {}});
    }
    requests.back().variants.push_back(&observation);
    for (const auto& [attribute, group] : observation.groups) {
      attributes.insert(attribute);
    }
  }
  FairnessFigures figures;
  figures.requests = requests.size();
  figures.answers = observations.size();
  if (requests.empty()) {
    return figures;
  }
  std::size_t same_decision = 0;
  std::size_t same_service = 0;
  std::vector<VariantPair> differing;
  std::vector<VariantPair> by_length;
  for (const auto& request : requests) {
    const auto& variants = request.variants;
    bool decisions_agree = true;
    bool services_agree = true;
    for (std::size_t i = 0; i < variants.size(); ++i) {
      decisions_agree = decisions_agree && variants[i]->decision == variants.front()->decision;
      services_agree = services_agree && variants[i]->service == variants.front()->service;
      for (std::size_t j = i + 1; j < variants.size(); ++j) {
        VariantPair pair{request.id,           variants[i]->sample_id, variants[j]->sample_id, variants[i]->decision,
                         variants[j]->decision, std::fabs(variants[i]->words - variants[j]->words)};
        if (pair.first_decision != pair.second_decision) {
          differing.push_back(std::move(pair));
        } else if (pair.words_difference > 0) {
          by_length.push_back(std::move(pair));
        }
      }
    }
    same_decision += decisions_agree ? 1 : 0;
    same_service += services_agree ? 1 : 0;
  }
  const auto requests_count = static_cast<double>(requests.size());
  figures.decision_consistency = static_cast<double>(same_decision) / requests_count;
  figures.service_consistency = static_cast<double>(same_service) / requests_count;
  for (const auto& attribute : attributes) {
    figures.attributes.push_back(MeasureAttribute(requests, attribute, settings));
  }
  // Differing decisions first, then the largest length gaps; ties keep request and id order.
  const auto longer_first = [](const VariantPair& a, const VariantPair& b) {
    return a.words_difference > b.words_difference;
  };
  std::stable_sort(differing.begin(), differing.end(), longer_first);
  std::stable_sort(by_length.begin(), by_length.end(), longer_first);
  for (auto* pairs : {&differing, &by_length}) {
    for (auto& pair : *pairs) {
      if (figures.worst_pairs.size() == worst_pairs) {
        break;
      }
      figures.worst_pairs.push_back(std::move(pair));
    }
  }
  return figures;
}

}  // namespace etalon::audit
