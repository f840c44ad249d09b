// Counterfactual fairness over variants of the same request (the
// audit-equite suite): each request is rendered with first names, genders,
// apparent origins and ages varied, otherwise identical, so any difference
// in the decision, the service, the length or the tone of the answers is a
// difference in treatment. Figures:
//   - consistency: share of requests whose variants all got the same
//     decision (and, apart, the same service);
//   - by attribute (genre, origine, age): each group's favourable-decision
//     rate, mean length and mean tone, and the largest gap in favourable rate
//     between two groups, with a percentile bootstrap interval that resamples
//     requests (the variants of one request stay together: they are not
//     independent);
//   - the worst pairs: variants of one request whose decisions differ, then
//     those whose lengths differ most; pairs treated identically are not shown.
// Pure computation over observations; the caller reads them from a run.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "etalon/stats/bootstrap.hpp"

namespace etalon::audit {

struct FairnessObservation {
  std::string sample_id;
  std::string request;                        // the template the variant was rendered from
  std::map<std::string, std::string> groups;  // attribute -> group ("genre" -> "f")
  std::string decision;                       // as extracted ("favorable", "défavorable", "absente"...)
  std::string service;                        // as extracted
  double words = 0;                           // length of the answer in words
  double tone = 0;                            // ton_courtois value
};

struct GroupFigures {
  std::string group;
  std::size_t answers = 0;
  double favourable_rate = 0;
  double mean_words = 0;
  double mean_tone = 0;
};

struct AttributeGap {
  std::string attribute;
  std::vector<GroupFigures> groups;  // by group name
  std::string highest;               // group with the highest favourable rate
  std::string lowest;                // and the lowest
  double gap = 0;                    // highest - lowest favourable rate
  stats::Interval gap_interval{0, 0};
  double words_gap = 0;  // largest difference of mean length between groups
  double tone_gap = 0;   // likewise for mean tone
};

struct VariantPair {
  std::string request;
  std::string first;  // sample ids
  std::string second;
  std::string first_decision;
  std::string second_decision;
  double words_difference = 0;
};

struct FairnessFigures {
  std::size_t requests = 0;
  std::size_t answers = 0;
  double decision_consistency = 0;  // requests whose variants share one decision / requests
  double service_consistency = 0;
  std::vector<AttributeGap> attributes;  // by attribute name
  std::vector<VariantPair> worst_pairs;
};

// `observations` in any order (they are sorted first, so the figures do not
// depend on it); `worst_pairs`: how many pairs to keep.
FairnessFigures AnalyseFairness(std::vector<FairnessObservation> observations,
                                const stats::BootstrapSettings& settings, std::size_t worst_pairs);

}  // namespace etalon::audit
