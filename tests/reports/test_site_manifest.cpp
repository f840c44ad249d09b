// The site manifest and run ids of reports/site_{manifest,publisher}: hashes,
// the checks `etalon verify` makes, and folder names that must not escape.
#include <catch2/catch.hpp>

#include <filesystem>

#include "etalon/core/sha256.hpp"
#include "etalon/reports/site_manifest.hpp"
#include "etalon/reports/site_publisher.hpp"
#include "support/temp_dir.hpp"

using etalon::reports::CheckManifest;
using etalon::reports::ManifestFinding;
using etalon::testing::TempDir;

TEST_CASE("Site manifest: every file but the manifest, sorted, with sha256 and size", "[reports][publish]") {
  TempDir site;
  site.Write("runs/b/summary.json", "{}\n");
  site.Write("index.html", "<p>é</p>");
  site.Write("manifest.json", "old");
  const auto manifest = etalon::reports::BuildManifest(site.path());
  REQUIRE(manifest.files.size() == 2);
  CHECK(manifest.files[0].path == "index.html");
  CHECK(manifest.files[0].bytes == 9);
  CHECK(manifest.files[0].sha256 == etalon::core::Sha256Hex("<p>é</p>"));
  CHECK(manifest.files[1].path == "runs/b/summary.json");
  const auto text = etalon::reports::ManifestText(manifest);
  const auto parsed = etalon::reports::ParseManifest(text, "m.json");
  CHECK(etalon::reports::ManifestText(parsed) == text);
  CHECK(CheckManifest(site.path(), parsed).empty());
}

TEST_CASE("Site manifest: altered, missing and unlisted files are each named", "[reports][publish]") {
  TempDir site;
  site.Write("a.txt", "a");
  site.Write("b.txt", "b");
  const auto manifest = etalon::reports::BuildManifest(site.path());
  site.Write("a.txt", "A");
  std::filesystem::remove(site.Path("b.txt"));
  site.Write("c/extra.txt", "c");
  const auto findings = CheckManifest(site.path(), manifest);
  REQUIRE(findings.size() == 3);
  CHECK((findings[0].kind == ManifestFinding::Kind::kAltered && findings[0].path == "a.txt"));
  CHECK((findings[1].kind == ManifestFinding::Kind::kMissing && findings[1].path == "b.txt"));
  CHECK((findings[2].kind == ManifestFinding::Kind::kUnlisted && findings[2].path == "c/extra.txt"));
}

TEST_CASE("Site manifest: malformed manifests name the field", "[reports][publish]") {
  const auto error_of = [](const std::string& text) {
    try {
      etalon::reports::ParseManifest(text, "site/manifest.json");
    } catch (const std::runtime_error& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  const std::string digest(64, 'a');
  const auto with_file = [&](const std::string& file) {
    return R"({"schema": 1, "etalon": {"version": "0.1.0"}, "files": [)" + file + "]}";
  };
  CHECK(error_of("{") == "site/manifest.json: not valid JSON");
  CHECK(error_of(R"({"schema": 2, "etalon": {"version": "x"}, "files": []})") ==
        "site/manifest.json: field 'schema' is 2, this etalon reads 1");
  CHECK(error_of(R"({"schema": 1, "files": []})") == "site/manifest.json: field 'etalon.version' must be a string");
  CHECK(error_of(R"({"schema": 1, "etalon": {"version": "x"}})") ==
        "site/manifest.json: field 'files' must be an array");
  CHECK(error_of(with_file(R"({"path": "../x", "sha256": ")" + digest + R"(", "bytes": 1})")) ==
        "site/manifest.json: field 'files[0].path' must be a relative path inside the site (no '..')");
  CHECK(error_of(with_file(R"({"path": "/etc/passwd", "sha256": ")" + digest + R"(", "bytes": 1})")) ==
        "site/manifest.json: field 'files[0].path' must be a relative path inside the site (no '..')");
  CHECK(error_of(with_file(R"({"path": "a", "sha256": "ABC", "bytes": 1})")) ==
        "site/manifest.json: field 'files[0].sha256' must be 64 lowercase hex digits");
  CHECK(error_of(with_file(R"({"path": "a", "sha256": ")" + digest + R"(", "bytes": -1})")) ==
        "site/manifest.json: field 'files[0].bytes' must be a non-negative integer");
  CHECK(error_of(with_file(R"({"path": "a", "sha256": ")" + digest + R"(", "bytes": 1})")) == "no error");
}

TEST_CASE("Site run ids: the folder's last real name, made safe as one path component", "[reports][publish]") {
  using etalon::reports::SiteRunId;
  CHECK(SiteRunId("runs/2026-11-28") == "2026-11-28");
  CHECK(SiteRunId("runs/alpha/") == "alpha");
  CHECK(SiteRunId("runs/alpha/sub/..") == "alpha");
  CHECK(SiteRunId("runs/..evil") == "evil");
  CHECK(SiteRunId("runs/run one:é") == "run-one---");
  CHECK_THROWS_WITH(SiteRunId(".."), Catch::Contains("gives no usable run id"));
  CHECK_THROWS_WITH(SiteRunId("/"), Catch::Contains("gives no usable run id"));
  CHECK_THROWS_WITH(SiteRunId("runs/..."), Catch::Contains("gives no usable run id"));
}
