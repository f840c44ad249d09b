// Tests for harness/core/thread_name.cpp: the kernel shows the name given,
// cut to its 15 bytes.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <thread>

#include "etalon/core/thread_name.hpp"

TEST_CASE("A thread's name is what the kernel shows, cut to 15 bytes", "[core][thread]") {
  std::string shown_short;
  std::string shown_long;
  std::thread named([&] {
    etalon::core::NameThisThread("etalon-x");
    std::getline(std::ifstream("/proc/thread-self/comm"), shown_short);
    etalon::core::NameThisThread("etalon-a-name-longer-than-fifteen");
    std::getline(std::ifstream("/proc/thread-self/comm"), shown_long);
  });
  named.join();
  CHECK(shown_short == "etalon-x");
  CHECK(shown_long == "etalon-a-name-l");
}
