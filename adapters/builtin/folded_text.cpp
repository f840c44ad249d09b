#include "builtin/folded_text.hpp"

#include <cstdlib>

#include <utf8proc.h>

namespace etalon::adapters {

std::string FoldForMatching(std::string_view utf8) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                       UTF8PROC_COMPAT);
  const auto size = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                 static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, options);
  std::string folded = " ";
  if (size < 0) {
    return folded;  // invalid UTF-8: nothing to match
  }
  const std::string_view text(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(size));
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t code_point = 0;
    const auto used = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                       static_cast<utf8proc_ssize_t>(text.size() - i), &code_point);
    const auto category = utf8proc_category(code_point);
    const bool word_character = (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
                                (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
    if (word_character) {
      folded.append(text.substr(i, static_cast<std::size_t>(used)));
    } else if (folded.back() != ' ') {
      folded.push_back(' ');
    }
    i += static_cast<std::size_t>(used);
  }
  std::free(mapped);
  if (folded.back() != ' ') {
    folded.push_back(' ');
  }
  return folded;
}

}  // namespace etalon::adapters
