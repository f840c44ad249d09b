// Tests for harness/integrity/fingerprint_comparison.cpp and
// model_fingerprint.cpp: verdicts on built fingerprints (same, drifted,
// different, a system_fingerprint change alone), and the probes asked
// through an adapter that answers on another thread.
#include <catch2/catch.hpp>

#include <thread>

#include "etalon/integrity/fingerprint_comparison.hpp"

using etalon::integrity::CompareModelFingerprints;
using etalon::integrity::ComparisonSettings;
using etalon::integrity::ModelFingerprint;
using etalon::integrity::ProbeObservation;
using etalon::integrity::Verdict;

namespace {

struct Shape {
  std::string answer_prefix = "réponse";
  double ttft_ms = 200;
  double tpot_ms = 30;
  std::string model = "model-a";
  std::string system_fingerprint = "fp_1";
};

// 6 probes × 3 repeats, deterministic answers, latencies with a small spread.
ModelFingerprint Fingerprint(const Shape& shape) {
  ModelFingerprint fingerprint;
  fingerprint.adapter = "api";
  fingerprint.collected_at = "2026-03-01T10:00:00.000Z";
  for (int repeat = 0; repeat < 3; ++repeat) {
    for (int probe = 0; probe < 6; ++probe) {
      ProbeObservation o;
      o.probe = "p" + std::to_string(probe);
      o.repeat = repeat;
      o.ok = true;
      o.output = shape.answer_prefix + " " + std::to_string(probe);
      o.output_sha256 = o.output;  // any stable text stands for the hash here
      o.output_tokens = 8;
      const double jitter = (repeat * 6 + probe) % 5;
      o.ttft_ms = shape.ttft_ms + jitter;
      o.tpot_ms = shape.tpot_ms + jitter / 10;
      o.end_to_end_ms = *o.ttft_ms + 7 * *o.tpot_ms;
      o.served_model = shape.model;
      o.system_fingerprint = shape.system_fingerprint;
      fingerprint.observations.push_back(o);
    }
  }
  return fingerprint;
}

}  // namespace

TEST_CASE("The same fingerprint twice is the same model", "[integrity][comparison]") {
  const auto comparison = CompareModelFingerprints(Fingerprint({}), Fingerprint({}), ComparisonSettings{});
  CHECK(comparison.verdict == Verdict::kSame);
  CHECK(comparison.answers.cross_rate == Approx(1));
  CHECK(comparison.stored_repeat_agreement == Approx(1));
  CHECK_FALSE(comparison.model_changed);
  CHECK_FALSE(comparison.system_fingerprint_changed);
  for (const auto& distribution : comparison.distributions) {
    CHECK_FALSE(distribution.moved);
  }
  CHECK(comparison.ToJson()["verdict"] == "same");
}

TEST_CASE("Other answers under the same model id are a different model", "[integrity][comparison]") {
  Shape swapped;
  swapped.answer_prefix = "autre";
  const auto comparison = CompareModelFingerprints(Fingerprint({}), Fingerprint(swapped), ComparisonSettings{});
  CHECK(comparison.verdict == Verdict::kDifferent);
  CHECK(comparison.answers_disagree);
  CHECK(comparison.answers.p_value == Approx(1e-6).epsilon(1e-9));
  CHECK_FALSE(comparison.model_changed);
}

TEST_CASE("A new model id is a different model even when answers agree", "[integrity][comparison]") {
  Shape renamed;
  renamed.model = "model-b";
  const auto comparison = CompareModelFingerprints(Fingerprint({}), Fingerprint(renamed), ComparisonSettings{});
  CHECK(comparison.verdict == Verdict::kDifferent);
  CHECK(comparison.model_changed);
  CHECK_FALSE(comparison.answers_disagree);
}

TEST_CASE("A system_fingerprint change alone is evidence, not a verdict", "[integrity][comparison]") {
  Shape redeployed;
  redeployed.system_fingerprint = "fp_2";
  const auto comparison = CompareModelFingerprints(Fingerprint({}), Fingerprint(redeployed), ComparisonSettings{});
  CHECK(comparison.verdict == Verdict::kSame);
  CHECK(comparison.system_fingerprint_changed);
}

TEST_CASE("Slower answers with the same text are a drift, a shift under the floor is not", "[integrity][comparison]") {
  Shape slower;
  slower.ttft_ms = 500;
  slower.tpot_ms = 60;
  const auto drifted = CompareModelFingerprints(Fingerprint({}), Fingerprint(slower), ComparisonSettings{});
  CHECK(drifted.verdict == Verdict::kDrifted);
  REQUIRE(drifted.distributions.size() == 4);
  CHECK(drifted.distributions[0].figure == "ttft_ms");
  CHECK(drifted.distributions[0].moved);
  CHECK(*drifted.distributions[0].adjusted_p_value <= 0.001);
  CHECK(drifted.distributions[1].moved);
  CHECK_FALSE(drifted.distributions[3].moved);  // output tokens unchanged

  // 20 ms later every time: significant, but below max(50 ms, 25 % of 202 ms).
  Shape slightly;
  slightly.ttft_ms = 220;
  const auto steady = CompareModelFingerprints(Fingerprint({}), Fingerprint(slightly), ComparisonSettings{});
  CHECK(*steady.distributions[0].adjusted_p_value <= 0.001);
  CHECK_FALSE(steady.distributions[0].moved);
  CHECK(steady.verdict == Verdict::kSame);
}

TEST_CASE("Failed probes are left out of the tests and counted", "[integrity][comparison]") {
  auto current = Fingerprint({});
  current.observations[0].ok = false;
  current.observations[0].error = "timeout: no answer";
  const auto comparison = CompareModelFingerprints(Fingerprint({}), current, ComparisonSettings{});
  CHECK(comparison.current_failed == 1);
  CHECK(comparison.answers.cross_pairs == 6 * 9 - 3);
  CHECK(comparison.verdict == Verdict::kSame);
}

namespace {

// Echoes the prompt from another thread with fixed timings; its second request fails.
class ThreadedEcho final : public etalon::core::Adapter {
 public:
  ~ThreadedEcho() override { Drain(); }
  const std::string& Id() const override { return id_; }
  etalon::core::Capabilities GetCapabilities() const override { return {}; }
  void Issue(const etalon::core::Request& request, etalon::core::CompletionHandler on_complete) override {
    ++issued_;
    last_generation_ = request.generation;
    const bool fail = issued_ == 2;
    threads_.emplace_back([prompt = request.prompt, fail, on_complete = std::move(on_complete)] {
      etalon::core::Response response;
      if (fail) {
        response.error = etalon::core::Error{etalon::core::ErrorKind::kHttpStatus, 500, "server error"};
      } else {
        response.text = prompt;
        response.usage.output_tokens = 4;
        response.timing.ttft_ms = 10;
        response.timing.end_to_end_ms = 40;
        response.served_model = "echo-model";
      }
      on_complete(std::move(response));
    });
  }
  void Drain() override {
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  int issued_ = 0;
  etalon::core::GenerationSettings last_generation_;

 private:
  std::string id_ = "echo";
  std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("Probes are asked repeats times each through the adapter, failures recorded", "[integrity][collect]") {
  etalon::integrity::ProbeSet probes;
  probes.id = "t";
  probes.version = 1;
  probes.repeats = 2;
  probes.generation.temperature = 0;
  probes.generation.max_tokens = 8;
  probes.generation.seed = 5;
  probes.probes = {{"a", "Bonjour"}, {"b", "Au revoir"}};
  ThreadedEcho adapter;
  const auto fingerprint =
      etalon::integrity::CollectModelFingerprint(adapter, probes, std::chrono::seconds(10), nullptr);
  CHECK(adapter.issued_ == 4);
  CHECK(adapter.last_generation_.max_tokens == 8);
  CHECK(adapter.last_generation_.seed == 5);
  REQUIRE(fingerprint.observations.size() == 4);
  CHECK(fingerprint.observations[0].probe == "a");
  CHECK(fingerprint.observations[1].probe == "b");
  CHECK(fingerprint.observations[2].repeat == 1);
  CHECK_FALSE(fingerprint.observations[1].ok);
  CHECK(fingerprint.observations[1].error == "http_status: server error");
  CHECK(fingerprint.observations[0].output == "Bonjour");
  CHECK(fingerprint.observations[0].tpot_ms == Approx(10));  // (40 - 10) / (4 - 1)
  CHECK(fingerprint.logprobs == "not offered");

  const auto digest = fingerprint.Digest();
  CHECK(digest["requests"] == 4);
  CHECK(digest["failed"] == 1);
  CHECK(digest["served_models"] == nlohmann::json::array({"echo-model"}));
  CHECK(digest["answers_sha256"].size() == 2);
  CHECK(digest["repeat_agreement"] == 1.0);  // probe a twice alike; probe b has one answer
  std::string error;
  const auto again = ModelFingerprint::FromJson(nlohmann::json(fingerprint.ToJson()), error);
  INFO(error);
  REQUIRE(again);
  CHECK(again->ToJson() == fingerprint.ToJson());
}
