// Tests for reports/markdown_reporter.cpp: a summary rendered into a string,
// untrusted text escaped, numbers independent of the process locale.
#include <catch2/catch.hpp>

#include <clocale>
#include <sstream>

#include "markdown_reporter.hpp"

using etalon::reports::EscapeMarkdownCell;
using etalon::reports::Language;
using etalon::reports::MarkdownReporter;

namespace {

nlohmann::json MinimalSummary() {
  return nlohmann::json::parse(R"({
    "schema": 1,
    "etalon": {"version": "0.1.0", "git_sha": "abc", "git_dirty": false},
    "run": {"plan": "demo", "status": "complete", "fingerprint": "f00", "seed": 7,
            "started_at": "2026-01-01T00:00:00.000Z", "finished_at": "2026-01-01T00:00:01.000Z"},
    "suites": [{"id": "s", "task": "qa", "dataset": {"sha256": "d", "samples": 10, "samples_in_run": 10},
                "metrics": [{"name": "token_f1", "description": "Token F1."},
                            {"name": "mystere", "description": "F1 <b>|x|</b>"}]}],
    "skipped_adapters": [{"id": "albert", "reason": "ALBERT_API_KEY is not set"}],
    "results": [{"adapter": "lead", "suite": "s", "expected": 10, "recorded": 10, "failed": 0,
                 "metrics": {"token_f1": {"value": 0.4216, "ci95": {"low": 0.39, "high": 0.45}}},
                 "latency_ms": {"end_to_end": {"p50": 1.25, "p95": 2.5}}}],
    "totals": {"expected": 10, "recorded": 10, "failed": 0, "error_rate": 0.0, "max_error_rate": 0.05}
  })");
}

}  // namespace

TEST_CASE("The Markdown report shows figures with French decimal commas, in French", "[reports]") {
  std::ostringstream out;
  MarkdownReporter().Write({"run", MinimalSummary()}, Language::kFrench, out);
  const auto text = out.str();
  CHECK_THAT(text, Catch::Contains("# Rapport etalon — demo"));
  CHECK_THAT(text, Catch::Contains("| lead | 10/10 | 0 | 0,422 [0,390 ; 0,450] | — | 1,2 | 2,5 |"));
  CHECK_THAT(text, Catch::Contains("- albert : ALBERT_API_KEY is not set"));
  // Known metrics are described in the report's language; others keep the summary's text, escaped.
  CHECK_THAT(text, Catch::Contains("- `token_f1` : F-mesure des mots communs entre la réponse et la référence"));
  CHECK_THAT(text, Catch::Contains("- `mystere` : F1 &lt;b&gt;\\|x\\|&lt;/b&gt;"));
}

TEST_CASE("The English report uses decimal points whatever the global locale", "[reports]") {
  const char* previous = std::setlocale(LC_ALL, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  std::setlocale(LC_ALL, "fr_FR.UTF-8");  // may be absent; the check holds either way
  std::ostringstream out;
  MarkdownReporter().Write({"run", MinimalSummary()}, Language::kEnglish, out);
  std::setlocale(LC_ALL, saved.c_str());
  CHECK_THAT(out.str(), Catch::Contains("| lead | 10/10 | 0 | 0.422 [0.390 ; 0.450] | — | 1.2 | 2.5 |"));
  CHECK_THAT(out.str(), Catch::Contains("- `token_f1` : F-score of words shared by output and reference"));
}

TEST_CASE("A summary missing a field is a clear error naming the file", "[reports]") {
  std::ostringstream out;
  CHECK_THROWS_WITH(MarkdownReporter().Write({"runs/x", nlohmann::json::object()}, Language::kFrench, out),
                    Catch::Contains("runs/x/summary.json: missing or malformed field"));
}

TEST_CASE("Table cells cannot break out of their cell", "[reports]") {
  CHECK(EscapeMarkdownCell("a|b\nc<script>") == "a\\|b c&lt;script&gt;");
}
