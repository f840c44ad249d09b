// The identity of one unit of work: (adapter, suite, sample, repeat). A run's
// journal holds each key at most once; resume and sharding are defined on it.
#pragma once

#include <compare>
#include <string>

namespace etalon::core {

struct RunKey {
  std::string adapter;
  std::string suite;
  std::string sample;
  int repeat = 0;

  auto operator<=>(const RunKey&) const = default;
  // Unambiguous text form ("adapter\x1fsuite\x1fsample\x1frepeat"), used for hashing.
  std::string Canonical() const;
  // Human form for messages: adapter/suite/sample#repeat.
  std::string ToString() const;
};

}  // namespace etalon::core
