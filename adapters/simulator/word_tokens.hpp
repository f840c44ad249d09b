// The simulator's tokens: word-ish pieces that concatenate back to the text.
// Each piece is its leading whitespace plus either a run of letters/digits
// (any byte >= 0x80 counts as a letter, so UTF-8 words stay whole) or one
// other character; trailing whitespace joins the last piece. Used both to
// stream answers and to count prompt tokens, so counts are reproducible.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace etalon::simulator {

std::vector<std::string> SplitWordTokens(std::string_view text);
std::size_t CountWordTokens(std::string_view text);

}  // namespace etalon::simulator
