// Text folded for keyword matching: case-folded, accents removed, every
// run of non-alphanumeric characters turned into one space, padded with a
// space at each end, so " mot " finds whole words and " mot" finds prefixes.
// "L'État  a reçu…" -> " l etat a recu ".
#pragma once

#include <string>
#include <string_view>

namespace etalon::adapters {

std::string FoldForMatching(std::string_view utf8);

}  // namespace etalon::adapters
