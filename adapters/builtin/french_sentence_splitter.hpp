// Splits French text into sentences for the extractive baselines. Rules:
// a sentence ends at '.', '!', '?' or '…' (closing quotes and brackets
// included) when whitespace and then an upper-case letter, a digit or an
// opening quote follow, or at a blank line. A '.' after a known abbreviation
// (M., Mme., art., n., cf., p. ...) or a single letter (an initial: J. Martin)
// does not end a sentence. Decimal points ("3.5") never do: no space follows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace etalon::adapters {

std::vector<std::string> SplitFrenchSentences(std::string_view text);

}  // namespace etalon::adapters
