// Do a later run's answers to the probes agree with the stored ones as
// often as the stored repeats agreed among themselves? An exact
// permutation test: under "same model", the stored and later answers to a
// probe are exchangeable draws of one vendor's (possibly nondeterministic)
// output, so every way of splitting a probe's pooled answers into "stored"
// and "later" is equally likely. The statistic counts (stored, later) pairs
// of identical answers; few such pairs is evidence of another model.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace etalon::integrity {

// The answer hashes of one probe on each side (failed requests left out).
struct ProbeAnswers {
  std::vector<std::string> stored;
  std::vector<std::string> current;
};

struct AnswerAgreement {
  std::size_t probes_compared = 0;   // probes with answers on both sides
  std::size_t cross_pairs = 0;       // (stored, current) pairs over those probes
  std::size_t cross_agreeing = 0;    // of which identical
  double cross_rate = 0;             // agreeing / pairs (0 without pairs)
  double expected_cross_rate = 0;    // its mean under exchangeability: the stored repeats' baseline pooled
  double p_value = 1;                // P(agreeing pairs <= observed) under exchangeability, exact
};

// Pooled answers per probe are at most 2 × kMaxProbeRepeats, so every split is enumerated.
AnswerAgreement TestAnswerAgreement(const std::vector<ProbeAnswers>& probes);

}  // namespace etalon::integrity
