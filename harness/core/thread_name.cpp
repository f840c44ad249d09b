#include "etalon/core/thread_name.hpp"

#include <pthread.h>

#include <algorithm>
#include <array>

namespace etalon::core {

void NameThisThread(std::string_view name) {
  std::array<char, 16> kept{};  // 15 bytes and the terminating NUL
  const auto length = std::min(name.size(), kept.size() - 1);
  std::copy_n(name.begin(), length, kept.begin());
  pthread_setname_np(pthread_self(), kept.data());
}

}  // namespace etalon::core
