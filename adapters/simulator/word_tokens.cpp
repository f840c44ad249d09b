#include "word_tokens.hpp"

namespace etalon::simulator {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool IsWordByte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
}

}  // namespace

std::vector<std::string> SplitWordTokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && IsSpace(text[i])) {
      ++i;
    }
    if (i == text.size()) {  // trailing whitespace belongs to the last piece
      if (tokens.empty()) {
        tokens.emplace_back(text.substr(start));
      } else {
        tokens.back() += text.substr(start);
      }
      break;
    }
    if (IsWordByte(text[i])) {
      while (i < text.size() && IsWordByte(text[i])) {
        ++i;
      }
    } else {
      ++i;
    }
    tokens.emplace_back(text.substr(start, i - start));
  }
  return tokens;
}

std::size_t CountWordTokens(std::string_view text) { return SplitWordTokens(text).size(); }

}  // namespace etalon::simulator
