#include "etalon/text/bleu_tokenizer.hpp"

#include <algorithm>
#include <utility>

#include "etalon/text/python_str.hpp"
#include "etalon/text/unicode_properties.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::text {

namespace {

// Python's str.replace: non-overlapping occurrences, left to right.
void ReplaceAll(std::u32string& text, std::u32string_view from, std::u32string_view to) {
  std::size_t found = text.find(from);
  if (found == std::u32string::npos) {
    return;
  }
  std::u32string replaced;
  replaced.reserve(text.size());
  std::size_t copied = 0;
  while (found != std::u32string::npos) {
    replaced.append(text, copied, found - copied);
    replaced.append(to);
    copied = found + from.size();
    found = text.find(from, copied);
  }
  replaced.append(text, copied, std::u32string::npos);
  text = std::move(replaced);
}

// sacrebleu applies its regular expressions one after the other, each to the
// whole output of the previous one; so do the passes below, each a tight
// loop from one buffer into the next. The buffers belong to the thread and
// only grow, so tokenizing allocates nothing once they are large enough.

// A buffer with room for at least `size` characters.
char32_t* Room(std::u32string& buffer, std::size_t size) {
  if (buffer.size() < size) {
    buffer.resize(size);
  }
  return buffer.data();
}

// re.sub(r'(C)', r' \1 ', text) for a single-character class C. Writes at
// most 3 * size characters; returns how many.
template <typename Class>
std::size_t SpaceAround(const char32_t* in, std::size_t size, Class in_class, char32_t* out) {
  char32_t* write = out;
  for (std::size_t i = 0; i < size; ++i) {
    const char32_t c = in[i];
    if (in_class(c)) {
      *write++ = U' ';
      *write++ = c;
      *write++ = U' ';
    } else {
      *write++ = c;
    }
  }
  return static_cast<std::size_t>(write - out);
}

// Where a two-character pattern (A)(B) puts the space it inserts:
// r'\1 \2 ' or r' \1 \2'.
enum class PairSpacing { kBetweenAndAfter, kBeforeAndBetween };

// Which of the two classes of a pattern is rare in text (the one holding
// only . , or - or punctuation): the scan jumps from one character of that
// class to the next and copies the stretches in between, where no match can start.
enum class RareClass { kFirst, kSecond };

// re.sub(r'(A)(B)', replacement, text) for single-character classes A and B.
// A match consumes both characters and the search resumes after them, as
// Python's non-overlapping scan does. Writes at most 2 * size characters.
template <typename First, typename Second>
std::size_t SubstitutePairs(const char32_t* in, std::size_t size, First first, Second second, PairSpacing spacing,
                            RareClass rare, char32_t* out) {
  char32_t* write = out;
  std::size_t i = 0;
  while (i < size) {
    // The next position where a match could start: in[k] rare itself, or
    // followed by a rare character.
    std::size_t k = i;
    if (rare == RareClass::kFirst) {
      while (k < size && !first(in[k])) {
        ++k;
      }
    } else {
      while (k + 1 < size && !second(in[k + 1])) {
        ++k;
      }
    }
    write = std::copy(in + i, in + std::min(k, size), write);
    i = k;
    if (i >= size) {
      break;
    }
    if (i + 1 < size && first(in[i]) && second(in[i + 1])) {
      if (spacing == PairSpacing::kBetweenAndAfter) {
        *write++ = in[i];
        *write++ = U' ';
        *write++ = in[i + 1];
        *write++ = U' ';
      } else {
        *write++ = U' ';
        *write++ = in[i];
        *write++ = U' ';
        *write++ = in[i + 1];
      }
      i += 2;
    } else {
      *write++ = in[i];
      ++i;
    }
  }
  return static_cast<std::size_t>(write - out);
}

constexpr auto kIsAsciiDigit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
constexpr auto kIsNotAsciiDigit = [](char32_t c) { return c < U'0' || c > U'9'; };
constexpr auto kIsPeriodOrComma = [](char32_t c) { return c == U'.' || c == U','; };
constexpr auto kIsDash = [](char32_t c) { return c == U'-'; };

// The class [\{-\~\[-\` -\&\(-\+\:-\@\/] of tokenizer_re.py: ASCII
// punctuation and the space, except the apostrophe, the hyphen, the period
// and the comma (the last three have their own rules).
constexpr auto kIs13aSeparated = [](char32_t c) {
  return (c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26) ||
         (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == 0x2F;
};

constexpr auto kIsNotNumber = [](char32_t c) { return !IsNumber(c); };
constexpr auto kIsPunctuation = [](char32_t c) { return IsPunctuation(c); };
constexpr auto kIsSymbol = [](char32_t c) { return IsSymbol(c); };

struct Buffers {
  std::u32string first;
  std::u32string second;
};

Buffers& ThreadBuffers() {
  thread_local Buffers buffers;
  return buffers;
}

// The tokenized text of one segment, in the thread's buffers.
std::u32string_view Tokenize13a(std::u32string_view segment) {
  // tokenizer_13a.py's language-independent part, then " {line} ".
  Buffers& buffers = ThreadBuffers();
  std::u32string replaced;
  // Only '<', '\n' and '&' start a pattern (find_first_of tests each
  // character against the set one by one, which costs more than this).
  const bool has_pattern = std::any_of(segment.begin(), segment.end(),
                                       [](char32_t c) { return c == U'<' || c == U'\n' || c == U'&'; });
  if (has_pattern) {
    replaced.append(segment.begin(), segment.end());
    ReplaceAll(replaced, U"<skipped>", U"");
    ReplaceAll(replaced, U"-\n", U"");
    ReplaceAll(replaced, U"\n", U" ");
    if (replaced.find(U'&') != std::u32string::npos) {
      ReplaceAll(replaced, U"&quot;", U"\"");
      ReplaceAll(replaced, U"&amp;", U"&");
      ReplaceAll(replaced, U"&lt;", U"<");
      ReplaceAll(replaced, U"&gt;", U">");
    }
    segment = replaced;
  }
  char32_t* padded = Room(buffers.second, segment.size() + 2);
  padded[0] = U' ';
  std::copy(segment.begin(), segment.end(), padded + 1);
  padded[segment.size() + 1] = U' ';
  std::size_t size = segment.size() + 2;

  // tokenizer_re.py's four expressions, in order.
  char32_t* out = Room(buffers.first, 3 * size);
  size = SpaceAround(buffers.second.data(), size, kIs13aSeparated, out);
  out = Room(buffers.second, 2 * size);
  size = SubstitutePairs(buffers.first.data(), size, kIsNotAsciiDigit, kIsPeriodOrComma, PairSpacing::kBetweenAndAfter,
                         RareClass::kSecond, out);
  out = Room(buffers.first, 2 * size);
  size = SubstitutePairs(buffers.second.data(), size, kIsPeriodOrComma, kIsNotAsciiDigit,
                         PairSpacing::kBeforeAndBetween, RareClass::kFirst, out);
  out = Room(buffers.second, 2 * size);
  size = SubstitutePairs(buffers.first.data(), size, kIsAsciiDigit, kIsDash, PairSpacing::kBetweenAndAfter,
                         RareClass::kSecond, out);
  return {buffers.second.data(), size};
}

std::u32string_view TokenizeIntl(std::u32string_view segment) {
  Buffers& buffers = ThreadBuffers();
  char32_t* out = Room(buffers.first, 2 * segment.size());
  std::size_t size = SubstitutePairs(segment.data(), segment.size(), kIsNotNumber, kIsPunctuation,
                                     PairSpacing::kBetweenAndAfter, RareClass::kSecond, out);
  out = Room(buffers.second, 2 * size);
  size = SubstitutePairs(buffers.first.data(), size, kIsPunctuation, kIsNotNumber, PairSpacing::kBeforeAndBetween,
                         RareClass::kFirst, out);
  out = Room(buffers.first, 3 * size);
  size = SpaceAround(buffers.second.data(), size, kIsSymbol, out);
  return {buffers.first.data(), size};
}

}  // namespace

std::optional<BleuTokenizer> ParseBleuTokenizer(std::string_view name) {
  if (name == "13a") {
    return BleuTokenizer::k13a;
  }
  if (name == "intl") {
    return BleuTokenizer::kIntl;
  }
  if (name == "none") {
    return BleuTokenizer::kNone;
  }
  return std::nullopt;
}

std::string_view BleuTokenizerName(BleuTokenizer tokenizer) {
  switch (tokenizer) {
    case BleuTokenizer::k13a:
      return "13a";
    case BleuTokenizer::kIntl:
      return "intl";
    case BleuTokenizer::kNone:
      return "none";
  }
  return "13a";
}

std::vector<std::u32string_view> TokenizeForBleu(BleuTokenizer tokenizer, std::u32string_view segment,
                                                 std::u32string& storage) {
  std::u32string_view text = PythonRstrip(segment);
  switch (tokenizer) {
    case BleuTokenizer::k13a:
      text = Tokenize13a(text);
      break;
    case BleuTokenizer::kIntl:
      text = TokenizeIntl(text);
      break;
    case BleuTokenizer::kNone:
      break;
  }
  // str.split(), the tokens copied back to back into `storage`.
  storage.resize(text.size());
  thread_local std::vector<std::pair<std::size_t, std::size_t>> spans;
  spans.clear();
  std::size_t size = 0;
  std::size_t start = 0;
  bool in_token = false;
  for (const char32_t c : text) {
    // Printable ASCII first: the inserted spaces and most letters end here.
    const bool space = c == U' ' || ((c < U' ' || c >= 0x85) && IsPythonWhitespace(c));
    if (space) {
      if (in_token) {
        spans.emplace_back(start, size - start);
        in_token = false;
      }
      continue;
    }
    if (!in_token) {
      start = size;
      in_token = true;
    }
    storage[size++] = c;
  }
  if (in_token) {
    spans.emplace_back(start, size - start);
  }
  storage.resize(size);
  std::vector<std::u32string_view> tokens;
  tokens.reserve(spans.size());
  for (const auto& [token_start, length] : spans) {
    tokens.push_back(std::u32string_view(storage).substr(token_start, length));
  }
  return tokens;
}

}  // namespace etalon::text
