// etalon's French text normalisation, for the *_fr metrics (wer_fr, cer_fr,
// em_fr, f1_fr...) that are reported beside the reference-compatible figures,
// never instead of them. It makes two spellings of the same French text
// compare equal when they differ only in typography:
//
//   1. NFC and full Unicode case folding ("É" and "E" + U+0301 both become "é");
//   2. the ligatures œ and æ are written oe and ae ("cœur" = "coeur");
//   3. apostrophe variants (’ ‘ ʼ ` ´ ′ ＇) become ' and are kept inside a
//      word ("aujourd'hui", "l'état"); elsewhere an apostrophe is punctuation;
//   4. every other punctuation character (Unicode category P*: quotes « » “ ”,
//      hyphens, dashes, periods...) becomes a space;
//   5. format characters (zero-width space, soft hyphen, BOM) are removed;
//   6. all whitespace (NBSP U+00A0 and narrow NBSP U+202F included) collapses
//      to one ASCII space, with none at either end.
//
// Symbols (€, %, +) and digits are kept: "52,3 %" becomes "52 3 %".
#pragma once

#include <string>
#include <string_view>

namespace etalon::text {

// `utf8` must be valid UTF-8 (check with IsValidUtf8 first); invalid input
// comes back unchanged.
std::string NormalizeFrench(std::string_view utf8);

}  // namespace etalon::text
