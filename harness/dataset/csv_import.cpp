#include "etalon/dataset/csv_import.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "etalon/core/identifier.hpp"
#include "etalon/core/key_digest.hpp"
#include "etalon/dataset/csv_records.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::dataset {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// Windows-1252 is what spreadsheets on French Windows save as "CSV" unless
// told otherwise; glibc's iconv converts it (no extra dependency).
class Windows1252Decoder {
 public:
  Windows1252Decoder() : handle_(iconv_open("UTF-8", "WINDOWS-1252")) {}
  ~Windows1252Decoder() {
    if (handle_ != reinterpret_cast<iconv_t>(-1)) {
      iconv_close(handle_);
    }
  }
  Windows1252Decoder(const Windows1252Decoder&) = delete;
  Windows1252Decoder& operator=(const Windows1252Decoder&) = delete;

  std::optional<std::string> operator()(std::string_view line) {
    if (handle_ == reinterpret_cast<iconv_t>(-1)) {
      return std::nullopt;
    }
    iconv(handle_, nullptr, nullptr, nullptr, nullptr);
    std::string out(line.size() * 3, '\0');  // a byte becomes at most 3 UTF-8 bytes
    char* in_ptr = const_cast<char*>(line.data());
    std::size_t in_left = line.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    if (iconv(handle_, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1)) {
      return std::nullopt;  // a byte Windows-1252 leaves undefined
    }
    out.resize(out.size() - out_left);
    return out;
  }

 private:
  iconv_t handle_;
};

LineDecoder MakeDecoder(CsvEncoding encoding) {
  if (encoding == CsvEncoding::kWindows1252) {
    auto decoder = std::make_shared<Windows1252Decoder>();
    return [decoder](std::string_view line) { return (*decoder)(line); };
  }
  return [](std::string_view line) -> std::optional<std::string> {
    if (!text::IsValidUtf8(line)) {
      return std::nullopt;
    }
    return std::string(line);
  };
}

bool IsFieldName(std::string_view name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

class ProblemList {
 public:
  ProblemList(CsvImportOutcome& outcome, std::string file) : outcome_(outcome), file_(std::move(file)) {}
  void Add(std::size_t line, std::string field, std::string message) {
    ++outcome_.problem_count;
    if (outcome_.problems.size() < kListedProblems) {
      outcome_.problems.push_back({file_, line, std::move(field), std::move(message)});
    }
  }

 private:
  CsvImportOutcome& outcome_;
  std::string file_;
};

// Column index of each wanted header; problems for missing or ambiguous ones.
std::optional<std::size_t> FindColumn(const std::vector<std::string>& header, const std::string& column,
                                      const std::string& field, ProblemList& problems) {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] != column) {
      continue;
    }
    if (found) {
      problems.Add(1, field, "column '" + column + "' appears twice in the header; rename one");
      return std::nullopt;
    }
    found = i;
  }
  if (!found) {
    std::string names;
    for (const auto& name : header) {
      names += (names.empty() ? "'" : ", '") + name + "'";
    }
    problems.Add(1, field, "no column '" + column + "' in the header; its columns are " + names);
  }
  return found;
}

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> ParseColumnMap(const std::string& text,
                                                                               std::string& problem) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string part = text.substr(start, end - start);
    start = end + 1;
    if (Trim(part).empty()) {
      continue;
    }
    const std::size_t equals = part.find('=');
    if (equals == std::string::npos) {
      problem = "'" + part + "' is not FIELD=COLUMN";
      return std::nullopt;
    }
    std::string field = Trim(part.substr(0, equals));
    std::string column = Trim(part.substr(equals + 1));
    if (!IsFieldName(field) || field == "id") {
      problem = "field '" + field + "' must be lowercase letters, digits and '_' (and not 'id': use --id)";
      return std::nullopt;
    }
    if (column.empty()) {
      problem = "field '" + field + "' has no column name";
      return std::nullopt;
    }
    if (std::any_of(pairs.begin(), pairs.end(), [&](const auto& pair) { return pair.first == field; })) {
      problem = "field '" + field + "' is mapped twice";
      return std::nullopt;
    }
    pairs.emplace_back(std::move(field), std::move(column));
  }
  if (pairs.empty()) {
    problem = "no FIELD=COLUMN given";
    return std::nullopt;
  }
  return pairs;
}

CsvImportOutcome ImportCsv(std::istream& in, std::ostream& jsonl_out, const CsvImportSettings& settings) {
  CsvImportOutcome outcome;
  ProblemList problems(outcome, settings.source_name);

  std::string bom(kByteOrderMark.size(), '\0');
  in.read(bom.data(), static_cast<std::streamsize>(bom.size()));
  const std::streamoff start = (in.gcount() == 3 && bom == kByteOrderMark) ? 3 : 0;
  in.clear();
  in.seekg(start);
  std::string first_line;
  std::getline(in, first_line);
  outcome.delimiter = settings.delimiter.value_or(DetectDelimiter(first_line));
  in.clear();
  in.seekg(start);

  CsvRecordReader reader(in, outcome.delimiter, MakeDecoder(settings.encoding));
  auto header_record = reader.Next();
  if (!header_record) {
    if (reader.error()) {
      problems.Add(reader.error()->first, "", reader.error()->second);
    } else {
      problems.Add(0, "", "the file is empty; the first line must name the columns");
    }
    return outcome;
  }
  for (const auto& name : header_record->cells) {
    outcome.header.push_back(Trim(name));
  }

  std::vector<std::size_t> field_indices;
  for (const auto& [field, column] : settings.field_columns) {
    field_indices.push_back(FindColumn(outcome.header, column, field, problems).value_or(0));
  }
  std::optional<std::size_t> id_index;
  if (settings.id_column) {
    id_index = FindColumn(outcome.header, *settings.id_column, "id", problems);
  }
  if (outcome.problem_count > 0) {
    return outcome;
  }

  std::unordered_set<core::KeyDigest, core::KeyDigestHash> seen_ids;
  std::size_t row = 1;  // the header is the spreadsheet's row 1
  while (auto record = reader.Next()) {
    ++row;
    if (std::all_of(record->cells.begin(), record->cells.end(), [](const auto& cell) { return Trim(cell).empty(); })) {
      outcome.empty_rows_skipped.push_back(row);
      continue;
    }
    if (record->cells.size() != outcome.header.size()) {
      problems.Add(record->line, "",
                   "row " + std::to_string(row) + " has " + std::to_string(record->cells.size()) +
                       " cells where the header has " + std::to_string(outcome.header.size()) +
                       " (a delimiter inside an unquoted cell?)");
      continue;
    }
    nlohmann::ordered_json sample;
    std::string id = id_index ? Trim(record->cells[*id_index]) : "ligne-" + std::to_string(row);
    if (!core::IsValidIdentifier(id)) {
      problems.Add(record->line, "id",
                   "row " + std::to_string(row) + ": '" + id + "' in column '" + *settings.id_column +
                       "' cannot be a sample id: it " + core::kIdentifierRule);
      continue;
    }
    if (!seen_ids.insert(core::DigestKey(id)).second) {
      problems.Add(record->line, "id", "row " + std::to_string(row) + ": id '" + id + "' was already used");
      continue;
    }
    sample["id"] = id;
    bool complete = true;
    for (std::size_t f = 0; f < settings.field_columns.size(); ++f) {
      const std::string value = Trim(record->cells[field_indices[f]]);
      if (value.empty()) {
        problems.Add(record->line, settings.field_columns[f].first,
                     "row " + std::to_string(row) + ": column '" + settings.field_columns[f].second + "' is empty");
        complete = false;
        continue;
      }
      sample[settings.field_columns[f].first] = value;
    }
    if (complete) {
      jsonl_out << sample.dump() << '\n';
      ++outcome.samples;
    }
  }
  if (reader.error()) {
    problems.Add(reader.error()->first, "",
                 reader.error()->second +
                     (settings.encoding == CsvEncoding::kUtf8
                          ? " (not UTF-8: save the file as \"CSV UTF-8\", or pass --encoding windows-1252)"
                          : ""));
  }
  if (outcome.samples == 0 && outcome.problem_count == 0) {
    problems.Add(0, "", "the file has a header but no row with text");
  }
  return outcome;
}

}  // namespace etalon::dataset
