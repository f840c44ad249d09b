// Reads a file one line at a time through a fixed buffer, so memory does not
// grow with the file. Optionally hashes every byte it reads (dataset sha256
// in the same pass as validation).
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>

#include "etalon/core/sha256.hpp"

namespace etalon::core {

class LineReader {
 public:
  // std::nullopt-like: check is_open().
  explicit LineReader(const std::string& path, Sha256* hash = nullptr);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool is_open() const { return file_ != nullptr; }
  // Next line without its '\n' (a trailing '\r' is removed too). False at end of file.
  bool Next(std::string& line);
  std::size_t line_number() const { return line_number_; }  // of the line last returned, 1-based
  // True when the last line returned was not terminated by '\n' (a torn write).
  bool last_line_unterminated() const { return last_unterminated_; }
  bool failed() const { return failed_; }  // a read error (not end of file)

 private:
  bool Fill();

  std::FILE* file_ = nullptr;
  Sha256* hash_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t line_number_ = 0;
  bool last_unterminated_ = false;
  bool failed_ = false;
  bool eof_ = false;
};

}  // namespace etalon::core
