// Reads CSV records one at a time (RFC 4180, as spreadsheets export it):
// quoted cells may hold the delimiter, doubled quotes and line breaks. Only
// one record is in memory at a time, so a large export is streamed.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::dataset {

struct CsvRecord {
  std::vector<std::string> cells;
  std::size_t line = 0;  // physical line (1-based) where the record starts
};

// Turns one physical line of the file into UTF-8; returns std::nullopt when
// the line is not in the expected encoding.
using LineDecoder = std::function<std::optional<std::string>(std::string_view)>;

class CsvRecordReader {
 public:
  CsvRecordReader(std::istream& in, char delimiter, LineDecoder decode);

  // The next record; std::nullopt at the end of the file. A line that cannot
  // be decoded, or a quote still open at the end of the file, sets error().
  std::optional<CsvRecord> Next();

  // Set when Next() stopped on a problem: the line and what is wrong.
  const std::optional<std::pair<std::size_t, std::string>>& error() const { return error_; }

 private:
  std::optional<std::string> ReadDecodedLine();

  std::istream& in_;
  char delimiter_;
  LineDecoder decode_;
  std::size_t line_ = 0;
  std::optional<std::pair<std::size_t, std::string>> error_;
};

// The delimiter a header line uses: the most frequent of ';', ',' and tab
// outside quotes (French spreadsheets export with ';'); ',' on a tie.
char DetectDelimiter(std::string_view header_line);

}  // namespace etalon::dataset
