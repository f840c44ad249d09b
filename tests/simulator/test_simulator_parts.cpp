// The simulator's pure parts: tokens, latency draws, fault choice, multipart forms.
#include <catch2/catch.hpp>

#include "simulator/fault_choice.hpp"
#include "simulator/latency_sampler.hpp"
#include "simulator/multipart_form.hpp"
#include "simulator/word_tokens.hpp"

namespace etalon::simulator {

TEST_CASE("Word tokens concatenate back to the text and keep UTF-8 words whole", "[simulator]") {
  const std::string text = "  L'État a reçu 12 demandes, ok ?\n";
  const auto tokens = SplitWordTokens(text);
  std::string joined;
  for (const auto& token : tokens) {
    joined += token;
  }
  CHECK(joined == text);
  CHECK(tokens == std::vector<std::string>{"  L", "'", "État", " a", " reçu", " 12", " demandes", ",", " ok",
                                           " ?\n"});
  CHECK(CountWordTokens("") == 0);
  CHECK(CountWordTokens("   ") == 1);
}

TEST_CASE("Latency draws follow their distribution and never go below zero", "[simulator]") {
  auto random = RequestRandom(1, 1, RandomPurpose::kLatency);
  LatencyDistribution uniform{LatencyKind::kUniform};
  uniform.min_ms = 3;
  uniform.max_ms = 4;
  LatencyDistribution normal{LatencyKind::kNormal};
  normal.mean_ms = 0;
  normal.stddev_ms = 10;
  LatencyDistribution fixed{LatencyKind::kFixed, 7};
  double normal_sum = 0;
  for (int i = 0; i < 1000; ++i) {
    const double u = DrawMilliseconds(uniform, random);
    CHECK((u >= 3 && u < 4));
    const double n = DrawMilliseconds(normal, random);
    CHECK(n >= 0);
    normal_sum += n;
  }
  CHECK(normal_sum > 0);
  CHECK(DrawMilliseconds(fixed, random) == 7);
}

TEST_CASE("Fault choice depends on seed and request number only", "[simulator]") {
  FaultRates rates;
  rates.http_500 = 0.5;
  int faults = 0;
  for (std::uint64_t seq = 1; seq <= 200; ++seq) {
    const auto first = ChooseFault(rates, 3, seq);
    CHECK(first == ChooseFault(rates, 3, seq));
    faults += first ? 1 : 0;
  }
  CHECK(faults > 60);
  CHECK(faults < 140);
  rates.http_500 = 0;
  CHECK_FALSE(ChooseFault(rates, 3, 1));
  CHECK(FaultName(FaultKind::kStallAfterHeaders) == "stall_after_headers");
}

TEST_CASE("Multipart forms are read field by field, files byte for byte", "[simulator]") {
  CHECK(MultipartBoundary("multipart/form-data; boundary=\"abc\"") == "abc");
  CHECK_FALSE(MultipartBoundary("application/json"));
  const std::string body =
      "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
      "bin\r\nary\r\n--abc\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--abc--\r\n";
  const auto form = ParseMultipartForm(body, "abc");
  REQUIRE(form);
  CHECK(form->at("file") == "bin\r\nary");
  CHECK(form->at("model") == "whisper-1");
  CHECK_FALSE(ParseMultipartForm("--abc\r\nno end", "abc"));
}

}  // namespace etalon::simulator
