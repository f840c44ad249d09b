#include "etalon/dataset/csv_records.hpp"

#include <array>
#include <utility>

namespace etalon::dataset {

CsvRecordReader::CsvRecordReader(std::istream& in, char delimiter, LineDecoder decode)
    : in_(in), delimiter_(delimiter), decode_(std::move(decode)) {}

std::optional<std::string> CsvRecordReader::ReadDecodedLine() {
  std::string raw;
  if (!std::getline(in_, raw)) {
    return std::nullopt;
  }
  ++line_;
  if (!raw.empty() && raw.back() == '\r') {
    raw.pop_back();  // CRLF line ends, as spreadsheets on Windows write them
  }
  auto decoded = decode_(raw);
  if (!decoded) {
    error_ = {line_, "this line is not valid text in the expected encoding"};
  }
  return decoded;
}

std::optional<CsvRecord> CsvRecordReader::Next() {
  if (error_) {
    return std::nullopt;
  }
  auto text = ReadDecodedLine();
  if (!text) {
    return std::nullopt;
  }
  CsvRecord record;
  record.line = line_;
  std::string cell;
  bool quoted = false;
  std::size_t position = 0;
  while (true) {
    if (position == text->size()) {
      if (!quoted) {
        break;
      }
      // A quoted cell goes on over the line break.
      auto next_line = ReadDecodedLine();
      if (!next_line) {
        if (!error_) {
          error_ = {record.line, "a quoted cell opened on this line is never closed"};
        }
        return std::nullopt;
      }
      cell += '\n';
      *text = std::move(*next_line);
      position = 0;
      continue;
    }
    const char c = (*text)[position++];
    if (quoted) {
      if (c != '"') {
        cell += c;
      } else if (position < text->size() && (*text)[position] == '"') {
        cell += '"';
        ++position;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter_) {
      record.cells.push_back(std::move(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  record.cells.push_back(std::move(cell));
  return record;
}

char DetectDelimiter(std::string_view header_line) {
  constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
  std::array<std::size_t, 3> counts{};
  bool quoted = false;
  for (const char c : header_line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted) {
      for (std::size_t i = 0; i < kCandidates.size(); ++i) {
        counts[i] += c == kCandidates[i] ? 1 : 0;
      }
    }
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < kCandidates.size(); ++i) {
    if (counts[i] > counts[best]) {
      best = i;
    }
  }
  return kCandidates[best];
}

}  // namespace etalon::dataset
