#include "etalon/metrics/metric.hpp"

namespace etalon::metrics {

double Metric::CorpusScore(const std::vector<double>& /*summed*/) const {
  // Reaching this means a kMean metric was aggregated as a corpus metric:
  // a programming error in the summary code, not a user input problem.
  return 0.0;
}

}  // namespace etalon::metrics
