// Tests for adapters/http/key_file.cpp (api_key_file) and the key scrubbing
// of error messages in adapters/http/vendor_protocol.cpp.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "http/key_file.hpp"
#include "http/vendor_protocol.hpp"
#include "support/temp_dir.hpp"

using etalon::adapters::http::KeyFileProblem;
using etalon::adapters::http::ReadKeyFile;

namespace {

std::string Private(const etalon::testing::TempDir& dir, const std::string& content, mode_t mode = 0600) {
  const auto path = dir.Write("vendor.key", content);
  REQUIRE(::chmod(path.c_str(), mode) == 0);
  return path;
}

std::string ProblemOf(const std::string& path) {
  const auto read = ReadKeyFile(path);
  REQUIRE(std::holds_alternative<KeyFileProblem>(read));
  const auto message = std::get<KeyFileProblem>(read).message;
  CHECK(message.find("sk-secret") == std::string::npos);  // a problem never quotes the content
  return message;
}

}  // namespace

TEST_CASE("A private key file gives its key without the line break", "[http][secrets]") {
  etalon::testing::TempDir dir;
  CHECK(std::get<std::string>(ReadKeyFile(Private(dir, "sk-secret-1\n"))) == "sk-secret-1");
  CHECK(std::get<std::string>(ReadKeyFile(Private(dir, "sk-secret-2\r\n", 0400))) == "sk-secret-2");
}

TEST_CASE("A key file others may read, empty, or holding more than the key is refused naming it", "[http][secrets]") {
  etalon::testing::TempDir dir;
  for (const mode_t mode : {0644, 0640, 0604, 0660}) {
    const auto path = Private(dir, "sk-secret\n", mode);
    CHECK_THAT(ProblemOf(path), Catch::StartsWith(path + ": the key file has mode 0") && Catch::Contains("chmod 600"));
  }
  CHECK_THAT(ProblemOf(Private(dir, "\n")), Catch::Contains("the key file is empty"));
  CHECK_THAT(ProblemOf(Private(dir, "sk-secret\nsecond line\n")), Catch::Contains("the key alone, on one line"));
  CHECK_THAT(ProblemOf(dir.Path("missing.key")), Catch::Contains("missing.key: cannot open the key file"));
  CHECK_THAT(ProblemOf(dir.path().string()), Catch::Contains("not a regular file"));
}

TEST_CASE("A key file owned by another user is refused", "[http][secrets]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot give a file to another user, the ownership check is not exercised");
    return;
  }
  etalon::testing::TempDir dir;
  const auto path = Private(dir, "sk-secret\n");
  REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);
  CHECK_THAT(ProblemOf(path), Catch::Contains("belongs to user id 65534, not to the user running etalon (0)"));
}

TEST_CASE("Error messages lose the key plain, in base64 and in base64url", "[http][secrets]") {
  etalon::core::Error error{etalon::core::ErrorKind::kHttpStatus, 401,
                            "HTTP 401: bad key sk-etalon-4f1d0c9e~~~???, seen as c2stZXRhbG9uLTRmMWQwYzllfn5+Pz8/ "
                            "or c2stZXRhbG9uLTRmMWQwYzllfn5-Pz8_"};
  etalon::adapters::http::ScrubSecret(error, "sk-etalon-4f1d0c9e~~~???");
  CHECK(error.message == "HTTP 401: bad key [redacted], seen as [redacted] or [redacted]");
}
