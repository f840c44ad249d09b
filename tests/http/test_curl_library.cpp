// Tests for adapters/http/curl_library.cpp: libcurl is loaded at run time,
// on first use, and what it resolves works.
#include <catch2/catch.hpp>

#include "http/curl_library.hpp"
#include "support/process.hpp"

using etalon::adapters::http::Curl;

TEST_CASE("libcurl is not among the libraries the program loader maps for etalon", "[http][curl]") {
  // LD_TRACE_LOADED_OBJECTS makes the loader list what it maps and stop, as ldd does.
  const auto listed = etalon::testing::RunEtalon({"--version"}, {"LD_TRACE_LOADED_OBJECTS=1"});
  REQUIRE(listed.exit_code == 0);
  CHECK(listed.out.find("libstdc++") != std::string::npos);  // the listing is there
  CHECK(listed.out.find("libcurl") == std::string::npos);
}

TEST_CASE("Curl() loads libcurl once and every function it resolved works", "[http][curl]") {
  const auto& curl = Curl();
  CHECK(&Curl() == &curl);
  CHECK(curl.getdate("Wed, 21 Oct 2015 07:28:00 GMT", nullptr) == 1445412480);
  CURL* easy = curl.easy_init();
  REQUIRE(easy != nullptr);
  CHECK(curl.easy_setopt(easy, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK);
  CHECK(std::string(curl.easy_strerror(CURLE_COULDNT_CONNECT)).find("connect") != std::string::npos);
  curl.easy_cleanup(easy);
}
