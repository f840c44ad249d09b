#include "etalon/text/french_normalizer.hpp"

#include "etalon/text/unicode_properties.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::text {

namespace {

bool IsApostropheVariant(char32_t c) {
  switch (c) {
    case U'\'': case 0x2019: case 0x2018: case 0x02BC: case 0x0060: case 0x00B4: case 0x2032: case 0xFF07:
      return true;
    default:
      return false;
  }
}

bool IsWordCharacter(char32_t c) { return IsLetter(c) || IsNumber(c) || IsMark(c); }

// Steps 2, 3 and 5 of the header: what one folded character becomes, before
// punctuation and spaces are settled.
void AppendMapped(char32_t c, std::u32string& out) {
  if (c == 0x0153) {  // œ
    out += U"oe";
  } else if (c == 0x00E6) {  // æ
    out += U"ae";
  } else if (IsApostropheVariant(c)) {
    out.push_back(U'\'');
  } else if (!IsFormat(c)) {
    out.push_back(c);
  }
}

}  // namespace

std::string NormalizeFrench(std::string_view utf8) {
  const auto decoded = DecodeUtf8(FoldCaseNfc(utf8));
  if (!decoded) {
    return std::string(utf8);
  }
  std::u32string mapped;
  mapped.reserve(decoded->size());
  for (const char32_t c : *decoded) {
    AppendMapped(c, mapped);
  }
  std::u32string out;
  out.reserve(mapped.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < mapped.size(); ++i) {
    const char32_t c = mapped[i];
    bool separator = IsPythonWhitespace(c) || IsPunctuation(c);
    if (c == U'\'') {
      const bool inside_word = !out.empty() && !pending_space && IsWordCharacter(out.back()) &&
                               i + 1 < mapped.size() && IsWordCharacter(mapped[i + 1]);
      separator = !inside_word;
    }
    if (separator) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(U' ');
      pending_space = false;
    }
    out.push_back(c);
  }
  return EncodeUtf8(out);
}

}  // namespace etalon::text
