// Tests for harness/core/completion_batch.cpp.
#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include "etalon/core/completion_batch.hpp"

using etalon::core::CompletionBatch;

TEST_CASE("Outside a batch nothing is deferred; inside, actions run at its end in order", "[core]") {
  std::string done;
  CHECK_FALSE(CompletionBatch::IsOpen());
  CHECK_FALSE(CompletionBatch::Defer([&] { done += "never"; }));
  {
    const CompletionBatch batch;
    CHECK(CompletionBatch::IsOpen());
    CHECK(CompletionBatch::Defer([&] { done += "a"; }));
    CHECK(CompletionBatch::Defer([&] {
      done += "b";
      CompletionBatch::Defer([&] { done += "c"; });  // deferred from an action: still this batch's
    }));
    CHECK(done.empty());
  }
  CHECK(done == "abc");
  CHECK_FALSE(CompletionBatch::Defer([&] { done += "never"; }));
}

TEST_CASE("A batch inside another defers to the outer one; another thread has its own", "[core]") {
  std::string done;
  {
    const CompletionBatch outer;
    {
      const CompletionBatch inner;
      CompletionBatch::Defer([&] { done += "inner"; });
    }
    CHECK(done.empty());
    std::thread([&] { CHECK_FALSE(CompletionBatch::Defer([] {})); }).join();
  }
  CHECK(done == "inner");
}
