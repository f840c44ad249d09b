// Names the calling thread, as `top -H`, `ps -L` and profilers show it, so
// that a slow or busy thread of a run can be told from the others.
#pragma once

#include <string_view>

namespace etalon::core {

// Linux keeps 15 bytes of a thread's name: a longer one is cut there.
// Failures are ignored: a name is a convenience, never a condition.
void NameThisThread(std::string_view name);

}  // namespace etalon::core
