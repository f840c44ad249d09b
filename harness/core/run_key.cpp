#include "etalon/core/run_key.hpp"

#include <fmt/format.h>

namespace etalon::core {

std::string RunKey::Canonical() const {
  // U+001F (unit separator) cannot appear in ids: loaders reject control characters.
  return fmt::format("{}\x1f{}\x1f{}\x1f{}", adapter, suite, sample, repeat);
}

std::string RunKey::ToString() const { return fmt::format("{}/{}/{}#{}", adapter, suite, sample, repeat); }

}  // namespace etalon::core
