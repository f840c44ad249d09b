#include "etalon/text/unicode_properties.hpp"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace etalon::text {

namespace {

utf8proc_category_t Category(char32_t c) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* pointer) const { std::free(pointer); }
};

std::string Map(std::string_view utf8, int options) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t size =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &mapped, static_cast<utf8proc_option_t>(options));
  const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (size < 0) {
    return std::string(utf8);
  }
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(size));
}

}  // namespace

bool IsLetter(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool IsMark(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return true;
    default:
      return false;
  }
}

bool IsNumber(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool IsPunctuation(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
      return true;
    default:
      return false;
  }
}

bool IsSymbol(char32_t c) {
  switch (Category(c)) {
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return true;
    default:
      return false;
  }
}

bool IsFormat(char32_t c) { return Category(c) == UTF8PROC_CATEGORY_CF; }

std::string NormalizeNfc(std::string_view utf8) { return Map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

std::string FoldCaseNfc(std::string_view utf8) {
  return Map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

}  // namespace etalon::text
