// Tests for harness/run/progress_meter.cpp: the line a user reads.
#include <catch2/catch.hpp>

#include "etalon/run/progress_meter.hpp"

using etalon::run::ProgressMeter;

TEST_CASE("The progress line counts earlier attempts, completions and errors", "[run]") {
  ProgressMeter meter(stderr, ProgressMeter::Mode::kQuiet, std::chrono::seconds(1));
  meter.Start(10, 4);
  meter.RecordCompletion(false);
  meter.RecordCompletion(true);
  const auto line = meter.Line();
  CHECK_THAT(line, Catch::StartsWith("etalon: 6/10 done (60%), "));
  CHECK_THAT(line, Catch::Contains(" req/s, 1 errors, ETA "));
  CHECK_THAT(line, Catch::EndsWith("(4 from an earlier attempt)"));
  meter.Finish();
}
