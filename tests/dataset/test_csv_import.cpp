// The spreadsheet importer: what real exports contain (';' from French
// spreadsheets, quoted line breaks, CRLF, a byte-order mark, Windows-1252)
// becomes the same samples, and every bad row is named by line and column.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "etalon/dataset/csv_import.hpp"
#include "etalon/dataset/csv_records.hpp"

using etalon::dataset::CsvEncoding;
using etalon::dataset::CsvImportOutcome;
using etalon::dataset::CsvImportSettings;
using etalon::dataset::CsvRecordReader;
using etalon::dataset::DetectDelimiter;
using etalon::dataset::ImportCsv;
using etalon::dataset::ParseColumnMap;

namespace {

struct Imported {
  CsvImportOutcome outcome;
  std::vector<nlohmann::json> samples;
};

Imported Import(const std::string& csv, CsvImportSettings settings) {
  settings.source_name = "questions.csv";
  if (settings.field_columns.empty()) {
    settings.field_columns = {{"question", "Question"}, {"reference", "Réponse"}};
  }
  std::istringstream in(csv);
  std::ostringstream out;
  Imported imported{ImportCsv(in, out, settings), {}};
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    imported.samples.push_back(nlohmann::json::parse(line));
  }
  return imported;
}

std::string Messages(const CsvImportOutcome& outcome) {
  std::string text;
  for (const auto& problem : outcome.problems) {
    text += problem.ToString() + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("CSV records keep quoted delimiters, doubled quotes and line breaks inside a cell", "[csv]") {
  std::istringstream in("a;\"b;c\";\"il a dit \"\"oui\"\"\"\r\n\"deux\r\nlignes\";x;\r\n");
  CsvRecordReader reader(in, ';', [](std::string_view line) { return std::optional<std::string>(line); });
  const auto first = reader.Next();
  REQUIRE(first);
  CHECK(first->cells == std::vector<std::string>{"a", "b;c", "il a dit \"oui\""});
  CHECK(first->line == 1);
  const auto second = reader.Next();
  REQUIRE(second);
  CHECK(second->cells == std::vector<std::string>{"deux\nlignes", "x", ""});
  CHECK(second->line == 2);
  CHECK_FALSE(reader.Next());
  CHECK_FALSE(reader.error());
}

TEST_CASE("A quote never closed is an error on the line that opened it", "[csv]") {
  std::istringstream in("a,b\n\"ouvert,x\nsuite\n");
  CsvRecordReader reader(in, ',', [](std::string_view line) { return std::optional<std::string>(line); });
  REQUIRE(reader.Next());
  CHECK_FALSE(reader.Next());
  REQUIRE(reader.error());
  CHECK(reader.error()->first == 2);
}

TEST_CASE("The delimiter is the most frequent of ';', ',' and tab outside quotes", "[csv]") {
  CHECK(DetectDelimiter("Question;Réponse;Service") == ';');
  CHECK(DetectDelimiter("Question,Réponse") == ',');
  CHECK(DetectDelimiter("\"a;b;c\",d") == ',');
  CHECK(DetectDelimiter("a\tb\tc") == '\t');
  CHECK(DetectDelimiter("seule") == ',');
}

TEST_CASE("Column maps are FIELD=COLUMN pairs with template-safe field names", "[csv]") {
  std::string problem;
  const auto pairs = ParseColumnMap("question=Question, reference=Réponse attendue", problem);
  REQUIRE(pairs);
  CHECK(*pairs == std::vector<std::pair<std::string, std::string>>{{"question", "Question"},
                                                                   {"reference", "Réponse attendue"}});
  CHECK_FALSE(ParseColumnMap("question", problem));
  CHECK(problem == "'question' is not FIELD=COLUMN");
  CHECK_FALSE(ParseColumnMap("Question=Question", problem));
  CHECK_FALSE(ParseColumnMap("id=Numéro", problem));
  CHECK_FALSE(ParseColumnMap("q=A,q=B", problem));
  CHECK(problem == "field 'q' is mapped twice");
}

TEST_CASE("A French spreadsheet export becomes one sample a row, ids from the spreadsheet row", "[csv]") {
  const std::string csv =
      "\xEF\xBB\xBFQuestion;Réponse;Commentaire\r\n"
      "Quel est le délai ?;Deux mois;\r\n"
      "\"Peut-on payer en ligne ; par carte ?\";\"Oui, sur le site.\nSans frais.\";vu\r\n";
  const auto imported = Import(csv, {});
  CHECK(imported.outcome.problem_count == 0);
  CHECK(imported.outcome.delimiter == ';');
  CHECK(imported.outcome.header == std::vector<std::string>{"Question", "Réponse", "Commentaire"});
  REQUIRE(imported.samples.size() == 2);
  CHECK(imported.samples[0].dump() == R"({"id":"ligne-2","question":"Quel est le délai ?","reference":"Deux mois"})");
  CHECK(imported.samples[1]["id"] == "ligne-3");
  CHECK(imported.samples[1]["question"] == "Peut-on payer en ligne ; par carte ?");
  CHECK(imported.samples[1]["reference"] == "Oui, sur le site.\nSans frais.");
}

TEST_CASE("Windows-1252 exports are converted, and UTF-8 is required otherwise", "[csv]") {
  const std::string latin = "Question,R\xE9ponse\nD\xE9lai ?,Deux mois \x80\n";
  CsvImportSettings settings;
  settings.encoding = CsvEncoding::kWindows1252;
  const auto imported = Import(latin, settings);
  CHECK(Messages(imported.outcome).empty());
  REQUIRE(imported.samples.size() == 1);
  CHECK(imported.samples[0]["question"] == "Délai ?");
  CHECK(imported.samples[0]["reference"] == "Deux mois €");

  const auto refused = Import("Question,Réponse\nD\xE9lai ?,Deux mois\n", {});
  CHECK(refused.outcome.problem_count == 1);
  CHECK_THAT(Messages(refused.outcome),
             Catch::Contains("questions.csv:2: this line is not valid text in the expected encoding (not UTF-8"));
}

TEST_CASE("Every bad row is reported with its line, field and column, and none is written", "[csv]") {
  const std::string csv =
      "Numéro,Question,Réponse\n"
      "q1,Première ?,Oui\n"
      "q1,Doublon ?,Non\n"
      "q/3,Identifiant interdit ?,Non\n"
      "q4,,Vide\n"
      "q5,Trop,de,cellules\n"
      ",,\n"
      "q6,Dernière ?,Oui\n";
  CsvImportSettings settings;
  settings.id_column = "Numéro";
  const auto imported = Import(csv, settings);
  const std::string messages = Messages(imported.outcome);
  CHECK(imported.outcome.problem_count == 4);
  CHECK_THAT(messages, Catch::Contains("questions.csv:3: field 'id': row 3: id 'q1' was already used"));
  CHECK_THAT(messages, Catch::Contains("questions.csv:4: field 'id': row 4: 'q/3' in column 'Numéro' cannot be a sample id"));
  CHECK_THAT(messages, Catch::Contains("questions.csv:5: field 'question': row 5: column 'Question' is empty"));
  CHECK_THAT(messages, Catch::Contains("questions.csv:6: row 6 has 4 cells where the header has 3"));
  CHECK(imported.outcome.empty_rows_skipped == std::vector<std::size_t>{7});
  CHECK(imported.outcome.samples == 2);
}

TEST_CASE("A column the header lacks is named with the columns it has", "[csv]") {
  CsvImportSettings settings;
  settings.field_columns = {{"question", "Questions"}};
  const auto imported = Import("Question,Réponse\na,b\n", settings);
  CHECK(Messages(imported.outcome) ==
        "questions.csv:1: field 'question': no column 'Questions' in the header; its columns are 'Question', "
        "'Réponse'\n");
  CHECK(imported.samples.empty());
}

TEST_CASE("An empty file or a header alone is an error, not an empty dataset", "[csv]") {
  CHECK(Messages(Import("", {}).outcome) ==
        "questions.csv: the file is empty; the first line must name the columns\n");
  CHECK(Messages(Import("Question;Réponse\n;\n", {}).outcome) ==
        "questions.csv: the file has a header but no row with text\n");
}
