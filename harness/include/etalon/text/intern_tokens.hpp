// Small integer ids for tokens, so that metrics compare and count integers
// instead of strings. Ids are exact: equal tokens get equal ids, different
// tokens different ids (a hash finds candidates, the text decides).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace etalon::text {

// One id list per token list, ids counted from 1 and shared across all the
// lists (the same token in the hypothesis and a reference gets one id).
std::vector<std::vector<std::uint32_t>> InternTokens(std::span<const std::vector<std::u32string_view>> lists);

}  // namespace etalon::text
