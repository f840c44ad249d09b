#include "etalon/integrity/answer_agreement_test.hpp"

#include "etalon/integrity/probe_set.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace etalon::integrity {

namespace {

// Identical (stored, current) pairs when the pooled answers in `stored_mask` are the stored ones.
std::size_t CrossAgreeing(const std::vector<const std::string*>& pooled, std::uint32_t stored_mask) {
  std::size_t agreeing = 0;
  for (std::size_t i = 0; i < pooled.size(); ++i) {
    if ((stored_mask >> i & 1U) == 0) continue;
    for (std::size_t j = 0; j < pooled.size(); ++j) {
      if ((stored_mask >> j & 1U) == 0 && *pooled[i] == *pooled[j]) ++agreeing;
    }
  }
  return agreeing;
}

// The law of one probe's statistic over every split of its pooled answers: probability by count.
std::vector<double> SplitDistribution(const ProbeAnswers& probe) {
  std::vector<const std::string*> pooled;
  for (const auto& hash : probe.stored) pooled.push_back(&hash);
  for (const auto& hash : probe.current) pooled.push_back(&hash);
  const auto stored_count = static_cast<int>(probe.stored.size());
  std::vector<double> counts(probe.stored.size() * probe.current.size() + 1, 0.0);
  double splits = 0;
  for (std::uint32_t mask = 0; mask < (1U << pooled.size()); ++mask) {
    if (std::popcount(mask) != stored_count) continue;
    counts[CrossAgreeing(pooled, mask)] += 1;
    splits += 1;
  }
  for (auto& count : counts) count /= splits;
  return counts;
}

std::vector<double> Convolve(const std::vector<double>& left, const std::vector<double>& right) {
  std::vector<double> sum(left.size() + right.size() - 1, 0.0);
  for (std::size_t i = 0; i < left.size(); ++i) {
    for (std::size_t j = 0; j < right.size(); ++j) sum[i + j] += left[i] * right[j];
  }
  return sum;
}

}  // namespace

AnswerAgreement TestAnswerAgreement(const std::vector<ProbeAnswers>& probes) {
  AnswerAgreement result;
  std::vector<double> law{1.0};
  for (auto probe : probes) {
    if (probe.stored.empty() || probe.current.empty()) continue;
    // A hand-edited record may hold more answers than a probe set allows: the first ones keep the enumeration small.
    probe.stored.resize(std::min<std::size_t>(probe.stored.size(), kMaxProbeRepeats));
    probe.current.resize(std::min<std::size_t>(probe.current.size(), kMaxProbeRepeats));
    ++result.probes_compared;
    result.cross_pairs += probe.stored.size() * probe.current.size();
    std::vector<const std::string*> pooled;
    for (const auto& hash : probe.stored) pooled.push_back(&hash);
    for (const auto& hash : probe.current) pooled.push_back(&hash);
    result.cross_agreeing += CrossAgreeing(pooled, (1U << probe.stored.size()) - 1);
    law = Convolve(law, SplitDistribution(probe));
  }
  if (result.cross_pairs == 0) return result;
  result.cross_rate = static_cast<double>(result.cross_agreeing) / static_cast<double>(result.cross_pairs);
  double mean = 0;
  double at_most_observed = 0;
  for (std::size_t count = 0; count < law.size(); ++count) {
    mean += static_cast<double>(count) * law[count];
    if (count <= result.cross_agreeing) at_most_observed += law[count];
  }
  result.expected_cross_rate = mean / static_cast<double>(result.cross_pairs);
  result.p_value = std::min(1.0, at_most_observed);
  return result;
}

}  // namespace etalon::integrity
