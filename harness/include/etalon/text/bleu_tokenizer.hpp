// sacrebleu 2.6.0's word tokenizers for BLEU (tokenizers/tokenizer_13a.py,
// tokenizer_re.py, tokenizer_intl.py, tokenizer_none.py), re-implemented on
// code points. The regular expressions there are fixed-width, so each one is
// applied here as a left-to-right scan with the same non-overlapping matches
// as Python's re.sub.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::text {

enum class BleuTokenizer {
  k13a,   // mteval-v13a: splits ASCII punctuation, keeps the apostrophe in words (sacrebleu's default)
  kIntl,  // mteval-v14 "international": splits Unicode punctuation and symbols
  kNone,  // whitespace only
};

// "13a", "intl", "none" (sacrebleu's names); std::nullopt for any other.
std::optional<BleuTokenizer> ParseBleuTokenizer(std::string_view name);
std::string_view BleuTokenizerName(BleuTokenizer tokenizer);

// The tokens sacrebleu's BLEU sees for one segment: rstrip, tokenizer, then
// str.split(). The views point into `storage`, which the call fills.
std::vector<std::u32string_view> TokenizeForBleu(BleuTokenizer tokenizer, std::u32string_view segment,
                                                 std::u32string& storage);

}  // namespace etalon::text
