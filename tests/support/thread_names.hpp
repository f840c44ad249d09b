// The names of this process's threads, as the kernel shows them
// (/proc/self/task/*/comm), for tests of the names etalon gives its threads.
#pragma once

#include <string>
#include <vector>

namespace etalon::testing {

std::vector<std::string> ThreadNames();

// Whether a thread of this process bears `name` within five seconds: a
// thread names itself once it runs, which may be after its creator returns.
bool ThreadNamedSoon(const std::string& name);

}  // namespace etalon::testing
