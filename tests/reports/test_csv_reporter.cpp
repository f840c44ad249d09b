// Tests for reports/csv_reporter.cpp: read back by an RFC 4180 parser, one
// row per summary cell and per result, numbers independent of the locale,
// formulas neutralised, optional byte order mark.
#include <catch2/catch.hpp>

#include <clocale>
#include <sstream>

#include "csv_reporter.hpp"
#include "support/payload_run.hpp"

using etalon::reports::CsvReporter;
using etalon::reports::Language;
using etalon::reports::LoadRunDocuments;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180, strictly: CRLF ends a record; a quoted field may hold commas,
// CRLF and doubled quotes; a quote inside an unquoted field is an error.
Rows ParseRfc4180(const std::string& text) {
  Rows rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!field.empty() || was_quoted) throw std::runtime_error("quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      was_quoted = false;
      rows.emplace_back();
      ++i;
    } else if (c == '\n' || c == '\r') {
      throw std::runtime_error("bare line break outside quotes");
    } else {
      field += c;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quote");
  if (rows.back().empty() && field.empty()) rows.pop_back();  // the final CRLF
  return rows;
}

std::string Column(const Rows& rows, std::size_t row, const std::string& name) {
  const auto& header = rows.front();
  const auto at = std::find(header.begin(), header.end(), name);
  REQUIRE(at != header.end());
  return rows.at(row).at(static_cast<std::size_t>(at - header.begin()));
}

// The result row of (adapter, sample): the journal's order is completion order.
std::size_t ResultRow(const Rows& rows, const std::string& adapter, const std::string& sample) {
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (Column(rows, i, "record") == "result" && Column(rows, i, "adapter") == adapter &&
        Column(rows, i, "sample") == sample) {
      return i;
    }
  }
  FAIL("no result row for " << adapter << " " << sample);
  return 0;
}

}  // namespace

TEST_CASE("CSV: RFC 4180 rows for every summary cell and result, hostile text intact", "[reports][integration]") {
  etalon::testing::PayloadRun run;
  const char* previous = std::setlocale(LC_ALL, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  std::setlocale(LC_ALL, "fr_FR.UTF-8");  // may be absent; decimal points are required either way
  std::ostringstream out;
  CsvReporter().Write(LoadRunDocuments(run.folder), Language::kFrench, out);
  std::setlocale(LC_ALL, saved.c_str());
  const auto rows = ParseRfc4180(out.str());
  REQUIRE(rows.size() == 1 + 2 + 16);  // header, 2 summary cells, 2 adapters x 8 samples
  for (const auto& row : rows) REQUIRE(row.size() == rows.front().size());
  CHECK(Column(rows, 1, "record") == "summary");
  CHECK(Column(rows, 1, "adapter") == "echo");
  CHECK(Column(rows, 1, "recorded") == "8");
  const auto script = ResultRow(rows, "echo", "s0");
  CHECK(Column(rows, script, "output") == "<script>document.title='etalon-payload-ran'</script>\n");
  CHECK(Column(rows, ResultRow(rows, "echo", "s3"), "output").find("</td></table>") == 0);
  CHECK_THAT(Column(rows, 1, "token_f1"), Catch::Matches(R"(0\.\d+|1\.0|1)"));
  CHECK_THAT(Column(rows, script, "end_to_end_ms"), Catch::Matches(R"([0-9.e+-]+)"));
  // A spreadsheet would evaluate this output as a formula: it gets an apostrophe.
  const auto formula = ResultRow(rows, "echo", "s5");
  CHECK_THAT(Column(rows, formula, "output"), Catch::StartsWith("'=HYPERLINK(\"http://exemple.invalid\";\"x\")"));
  CHECK_THAT(Column(rows, formula, "output"), Catch::Contains("\xEF\xBF\xBD("));  // broken bytes read as U+FFFD
  CHECK(Column(rows, 1, "rougeL_ci95_low") != "");
}

TEST_CASE("CSV fields are quoted only when needed, quotes doubled; the BOM is optional", "[reports]") {
  CHECK(etalon::reports::CsvField("plain") == "plain");
  CHECK(etalon::reports::CsvField("a,b") == "\"a,b\"");
  CHECK(etalon::reports::CsvField("say \"hi\"\r\n") == "\"say \"\"hi\"\"\r\n\"");
  etalon::testing::PayloadRun run(2);
  std::ostringstream with_bom, without_bom;
  CsvReporter(true).Write(LoadRunDocuments(run.folder), Language::kFrench, with_bom);
  CsvReporter().Write(LoadRunDocuments(run.folder), Language::kFrench, without_bom);
  CHECK(with_bom.str() == "\xEF\xBB\xBF" + without_bom.str());
  CHECK_THAT(without_bom.str(), Catch::StartsWith("record,adapter,suite,sample,repeat,ok,"));
}
