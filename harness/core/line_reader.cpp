#include "etalon/core/line_reader.hpp"

#include <cstring>

namespace etalon::core {

namespace {
constexpr std::size_t kBufferSize = 1 << 16;
}

LineReader::LineReader(const std::string& path, Sha256* hash)
    : file_(std::fopen(path.c_str(), "rb")), hash_(hash), buffer_(new char[kBufferSize]) {}

LineReader::~LineReader() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

bool LineReader::Fill() {
  if (eof_ || file_ == nullptr) {
    return false;
  }
  const std::size_t read = std::fread(buffer_.get(), 1, kBufferSize, file_);
  if (read == 0) {
    if (std::ferror(file_) != 0) {
      failed_ = true;
    }
    eof_ = true;
    return false;
  }
  if (hash_ != nullptr) {
    hash_->Update(std::string_view(buffer_.get(), read));
  }
  begin_ = 0;
  end_ = read;
  return true;
}

bool LineReader::Next(std::string& line) {
  line.clear();
  bool any = false;
  for (;;) {
    if (begin_ == end_ && !Fill()) {
      if (!any) {
        return false;
      }
      last_unterminated_ = true;
      break;
    }
    any = true;
    const char* start = buffer_.get() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    if (newline != nullptr) {
      line.append(start, static_cast<std::size_t>(newline - start));
      begin_ += static_cast<std::size_t>(newline - start) + 1;
      last_unterminated_ = false;
      break;
    }
    line.append(start, end_ - begin_);
    begin_ = end_;
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  ++line_number_;
  return true;
}

}  // namespace etalon::core
