#include <catch2/catch.hpp>

#include <string>

#include "etalon/core/base64.hpp"

using etalon::core::Base64;

TEST_CASE("Base64 encodes RFC 4648's test vectors, padding included", "[core]") {
  CHECK(Base64("") == "");
  CHECK(Base64("f") == "Zg==");
  CHECK(Base64("fo") == "Zm8=");
  CHECK(Base64("foo") == "Zm9v");
  CHECK(Base64("foob") == "Zm9vYg==");
  CHECK(Base64("fooba") == "Zm9vYmE=");
  CHECK(Base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("Base64 encodes any byte, NULs and high bytes alike", "[core]") {
  const std::string bytes{'\0', '\xff', '\xfe', '\0', '\x80'};
  CHECK(Base64(bytes) == "AP/+AIA=");
  CHECK(Base64(std::string(3000, '\xfb')).size() == 4000);  // no line breaks, whatever the length
}
