// Compares a stored model fingerprint with a new one taken from the same
// adapter (`etalon verify-model`): the reported model ids and system
// fingerprints, answer agreement against the stored repeats' own agreement
// (answer_agreement_test.hpp), and the distributions of TTFT, time per
// output token, end-to-end latency and answer length (rank-sum tests). The
// tests are corrected together with Holm's method; a latency or length
// shift must also exceed a floor, since networks move latency without the
// model changing. Method and thresholds: docs/model-integrity.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/integrity/answer_agreement_test.hpp"
#include "etalon/integrity/model_fingerprint.hpp"

namespace etalon::integrity {

enum class Verdict {
  kSame,       // nothing significant
  kDrifted,    // answers agree, but latency or length moved
  kDifferent,  // answers disagree beyond the stored baseline, or the reported model id changed
};

std::string_view ToString(Verdict verdict);

struct ComparisonSettings {
  double alpha = 0.001;               // family-wise false-alarm rate of one verification
  std::size_t relabellings = 19'999;  // per rank-sum test
  std::size_t min_values = 3;         // per side, for a distribution to be tested
  double min_relative_shift = 0.25;   // of the stored median
  // Absolute floors of a median shift, per figure.
  double min_ttft_shift_ms = 50;
  double min_tpot_shift_ms = 10;
  double min_end_to_end_shift_ms = 100;
  double min_output_tokens_shift = 2;
  std::uint64_t seed = 0;  // of the rank-sum relabellings
};

struct DistributionComparison {
  std::string figure;  // ttft_ms, tpot_ms, end_to_end_ms, output_tokens
  std::size_t stored_n = 0;
  std::size_t current_n = 0;
  std::optional<double> stored_median;
  std::optional<double> current_median;
  double floor = 0;                        // the shift of medians that counts: max(relative, absolute)
  std::optional<double> p_value;           // null: too few values to test
  std::optional<double> adjusted_p_value;  // Holm
  bool moved = false;                      // significant after correction and beyond the floor
};

struct ModelComparison {
  Verdict verdict = Verdict::kSame;
  std::vector<std::string> stored_models;
  std::vector<std::string> current_models;
  bool model_changed = false;  // a model id was reported now that was not before
  std::vector<std::string> stored_system_fingerprints;
  std::vector<std::string> current_system_fingerprints;
  bool system_fingerprint_changed = false;  // evidence only, never a verdict alone
  std::optional<double> stored_repeat_agreement;
  std::optional<double> current_repeat_agreement;
  AnswerAgreement answers;
  std::optional<double> answers_adjusted_p_value;
  bool answers_disagree = false;  // significant after correction
  std::vector<DistributionComparison> distributions;
  std::size_t stored_failed = 0;
  std::size_t current_failed = 0;
  ComparisonSettings settings;

  nlohmann::ordered_json ToJson() const;
};

// Both fingerprints must come from the same probe set (the caller asks the stored one again).
ModelComparison CompareModelFingerprints(const ModelFingerprint& stored, const ModelFingerprint& current,
                                         const ComparisonSettings& settings);

}  // namespace etalon::integrity
