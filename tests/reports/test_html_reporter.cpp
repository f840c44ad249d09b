// Tests for reports/html_reporter.cpp and its parts: untrusted text escaped,
// sections rendered from what the summary carries, samples capped, numbers
// in the report's language, bytes identical for identical inputs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "html_reporter.hpp"
#include "markup_writer.hpp"
#include "report_text.hpp"
#include "support/payload_run.hpp"
#include "svg_chart.hpp"

using etalon::reports::HtmlReporter;
using etalon::reports::Language;
using etalon::reports::LoadRunDocuments;
using etalon::reports::RunDocuments;
using etalon::testing::PayloadRun;

namespace {

std::string Render(const RunDocuments& run, Language language = Language::kFrench,
                   etalon::reports::SampleLimits limits = {}) {
  std::ostringstream out;
  HtmlReporter(limits).Write(run, language, out);
  return out.str();
}

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

}  // namespace

TEST_CASE("Markup text and attributes are escaped, control bytes and broken UTF-8 replaced", "[reports]") {
  using etalon::reports::EscapeMarkup;
  using etalon::reports::ReplaceInvalidUtf8;
  CHECK(EscapeMarkup("<a href=\"x\" onclick='y'>&</a>") == "&lt;a href=\"x\" onclick='y'&gt;&amp;&lt;/a&gt;");
  CHECK(etalon::reports::EscapeMarkupAttribute("\"'><script>") == "&quot;&#39;&gt;&lt;script&gt;");
  CHECK(EscapeMarkup(std::string("a\x01\tb\n", 5)) == "a\xEF\xBF\xBD\tb\n");
  CHECK(ReplaceInvalidUtf8("é\xC3\x28\xFF") == "é\xEF\xBF\xBD(\xEF\xBF\xBD");
  CHECK(ReplaceInvalidUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a UTF-16 surrogate
  CHECK(ReplaceInvalidUtf8("\xE0\x80\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  CHECK(ReplaceInvalidUtf8("déjà 😀") == "déjà 😀");
  // Invalid bytes at the start, between valid runs and at the end, where a sequence is cut short.
  CHECK(ReplaceInvalidUtf8("\xFF" "abc" "\xC3" "déf" "\xE2\x82") ==
        "\xEF\xBF\xBD" "abc" "\xEF\xBF\xBD" "déf" "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(ReplaceInvalidUtf8("") == "");
}

TEST_CASE("Figures of any magnitude keep their significant digits, with a decimal comma in French", "[reports]") {
  using etalon::reports::FormatSignificant;
  CHECK(FormatSignificant(0.0000123456, 3, Language::kFrench) == "0,0000123");
  CHECK(FormatSignificant(1234.56, 3, Language::kFrench) == "1235");
  CHECK(FormatSignificant(0.5, 3, Language::kEnglish) == "0.500");
  CHECK(FormatSignificant(0, 3, Language::kFrench) == "0");
}

TEST_CASE("The Pareto front keeps the points no other beats on cost and quality", "[reports]") {
  using etalon::reports::ChartPoint;
  const std::vector<ChartPoint> points = {{"a", 10, 0.9}, {"b", 1, 0.5}, {"c", 5, 0.4}, {"d", 20, 0.9}, {"e", 3, 0.7}};
  CHECK(etalon::reports::ParetoFront(points, true) == std::vector<std::size_t>{1, 4, 0});
  // Lower is better (WER): b is cheapest, c has the lowest error rate.
  CHECK(etalon::reports::ParetoFront(points, false) == std::vector<std::size_t>{1, 2});
}

TEST_CASE("Model outputs and dataset text never become markup in the HTML report", "[reports][integration]") {
  PayloadRun run;
  const auto html = Render(LoadRunDocuments(run.folder));
  CHECK(Count(html, "<script") == 1);  // the report's own filter script, nothing else
  CHECK(Count(html, "<img") == 0);
  CHECK(Count(html, "<iframe") == 0);
  CHECK(Count(html, "<svg onload") == 0);
  CHECK(Count(html, "<a href=\"javascript:") == 0);
  CHECK(Count(html, "<a ") == 10);  // the skip link and the 9 entries of the table of contents
  CHECK_THAT(html, Catch::Contains("&lt;script&gt;document.title='etalon-payload-ran'&lt;/script&gt;"));
  CHECK_THAT(html, Catch::Contains("Référence &lt;b&gt;"));      // dataset references, escaped too
  CHECK_THAT(html, Catch::Contains("Suite &lt;em&gt;hostile"));  // suite text from the summary
  CHECK_THAT(html, Catch::Contains("\xEF\xBF\xBD("));           // the broken bytes read as U+FFFD
  CHECK_THAT(html, Catch::Contains("Content-Security-Policy"));
}

TEST_CASE("The HTML report is byte-identical for identical inputs, wherever the run folder is", "[reports][integration]") {
  PayloadRun run;
  const auto first = Render(LoadRunDocuments(run.folder));
  CHECK(Render(LoadRunDocuments(run.folder)) == first);
  const auto copy = run.dir.Path("copy-of-run");
  std::filesystem::copy(run.folder, copy, std::filesystem::copy_options::recursive);
  CHECK(Render(LoadRunDocuments(copy)) == first);
}

TEST_CASE("The HTML report reads in French by default with decimal commas, and in English on request", "[reports][integration]") {
  PayloadRun run;
  const auto documents = LoadRunDocuments(run.folder);
  const auto french = Render(documents);
  CHECK_THAT(french, Catch::Contains("<html lang=\"fr\">"));
  CHECK_THAT(french, Catch::Contains("Synthèse"));
  CHECK_THAT(french, Catch::Contains("F-mesure des mots communs entre la réponse et la référence"));
  CHECK_THAT(french, Catch::Contains(">0 (0,0 %)<"));  // errors and error rate
  const auto english = Render(documents, Language::kEnglish);
  CHECK_THAT(english, Catch::Contains("<html lang=\"en\">"));
  CHECK_THAT(english, Catch::Contains(">0 (0.0 %)<"));
  CHECK_THAT(english, Catch::Contains("F-score of words shared by output and reference"));
}

TEST_CASE("The per-sample view is capped per cell, keeps failures and says what it left out", "[reports][integration]") {
  PayloadRun run(12);
  auto documents = LoadRunDocuments(run.folder);
  etalon::reports::SampleLimits limits;
  limits.first_per_cell = 3;
  limits.failures_per_cell = 1;
  const auto html = Render(documents, Language::kFrench, limits);
  CHECK(Count(html, "<tr data-suite=") == 6);  // 3 per adapter, 2 adapters, no failures
  CHECK_THAT(html, Catch::Contains("6 résultats sur 24 sont montrés : les 3 premiers"));

  // A failure beyond the first samples is still shown: the journal's last
  // lines come late in their cells. The payload run put broken UTF-8 into
  // some lines, and completion order decides which are last: take the last
  // line that is valid JSON.
  auto journal = etalon::testing::ReadFile(run.folder + "/results.jsonl");
  auto line_end = journal.size() - 1;  // the final newline
  auto line_start = journal.rfind('\n', line_end - 1) + 1;
  while (!nlohmann::json::accept(journal.substr(line_start, line_end - line_start))) {
    line_end = line_start - 1;
    line_start = journal.rfind('\n', line_end - 1) + 1;
  }
  auto line = nlohmann::json::parse(journal.substr(line_start, line_end - line_start));
  line["ok"] = false;
  line["error"] = {{"kind", "timeout"}, {"http_status", nullptr}, {"message", "<b>trop lent</b>"}};
  line["scores"] = nlohmann::json::object();
  journal.replace(line_start, line_end - line_start, line.dump());
  run.dir.Write("run/results.jsonl", journal);
  const auto with_failure = Render(documents, Language::kFrench, limits);
  CHECK(Count(with_failure, "<tr data-suite=") == 7);
  CHECK_THAT(with_failure, Catch::Contains("data-ok=\"false\""));
  CHECK_THAT(with_failure, Catch::Contains("timeout: &lt;b&gt;trop lent&lt;/b&gt;"));
}

TEST_CASE("Sections the summary has no data for are left out with a note; present ones render", "[reports][integration]") {
  PayloadRun run;
  auto documents = LoadRunDocuments(run.folder);
  const auto plain = Render(documents);
  CHECK_THAT(plain, Catch::Contains("Aucun critère d'attribution n'a été donné"));
  CHECK_THAT(plain, Catch::Contains("Ce résumé ne porte aucun coût"));
  CHECK_THAT(plain, !Catch::Contains("chart-s-cost"));

  auto& result = documents.summary["results"][0];
  // The shapes harness/summary/cost_figures writes (docs/cost.md).
  const auto cost = [](double eur, double per_request) {
    return nlohmann::ordered_json{{"basis", "token-prices"},  {"assumption", nullptr},       {"eur", eur},
                                  {"requests_priced", 4},     {"requests_unpriced", 0},      {"per_request_eur", per_request},
                                  {"correct", nullptr},       {"per_correct_eur", nullptr},  {"yearly_requests", 1000.0},
                                  {"per_year_eur", per_request * 1000}, {"usage_estimated", true},
                                  {"price_dates", {"2026-11-01"}}};
  };
  result["cost"] = cost(0.5, 0.125);
  documents.summary["results"][1]["cost"] = cost(2.0, 0.5);
  result["carbon"] = {{"requests", 4},           {"kgco2eq", 0.002},       {"low_kgco2eq", 0.001},
                      {"high_kgco2eq", 0.003},   {"usage_kgco2eq", 0.0019}, {"embodied_kgco2eq", 0.0001},
                      {"per_request_kgco2eq", 0.0005}, {"per_year_kgco2eq", nullptr}, {"measured", false},
                      {"methods", {"ecologits-0.9.1"}}, {"zones", {"FRA"}}, {"assumptions", nlohmann::ordered_json::array()}};
  result["latency_ms"]["tpot"] = {{"n", 3}, {"mean", 1.5}, {"p50", 1.25}, {"p90", 2}, {"p95", 2}, {"p99", 2}};
  documents.summary["award"] = nlohmann::ordered_json::array(
      {{{"rang", 1}, {"adaptateur", "echo"}, {"note", 87.5}}, {{"rang", 2}, {"adaptateur", "<lead>"}, {"note", 60}}});
  const auto full = Render(documents);
  CHECK_THAT(full, Catch::Contains("chart-s-cost"));
  CHECK_THAT(full, Catch::Contains("0,500 € au total ; 0,125 € par requête ; 125 € par an (1000 requêtes). "
                                   "Base : prix publiés par jeton (relevés le 2026-11-01) ; jetons estimés par etalon"));
  CHECK_THAT(full, Catch::Contains("0,00200 kgCO2e (0,00100 kgCO2e à 0,00300 kgCO2e), estimé : ecologits-0.9.1, zone FRA"));
  CHECK_THAT(full, Catch::Contains("par jeton de sortie (TPOT)"));
  CHECK_THAT(full, Catch::Contains("<td>87,50</td>"));
  CHECK_THAT(full, Catch::Contains("<td>&lt;lead&gt;</td>"));
  CHECK_THAT(full, !Catch::Contains("Aucun critère d'attribution"));
}

TEST_CASE("A summary missing a field the HTML report needs is an error naming the file", "[reports]") {
  etalon::testing::TempDir dir;
  dir.Write("run/results.jsonl", "");
  std::ostringstream out;
  CHECK_THROWS_WITH(HtmlReporter().Write({dir.Path("run"), nlohmann::ordered_json::object()}, Language::kFrench, out),
                    Catch::Contains("/summary.json: missing or malformed field"));
  dir.Write("run/results.jsonl", "{\"adapter\": \"a\"\n");
  CHECK_THROWS_WITH(HtmlReporter().Write({dir.Path("run"), nlohmann::ordered_json::object()}, Language::kFrench, out),
                    Catch::Contains("results.jsonl:1: not a JSON object"));
}
