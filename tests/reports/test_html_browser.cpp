// The HTML scorecard in a real browser: headless Chromium (Debian's
// `chromium`, installed by ci/setup.sh) loads the report from a file:// URL
// with name resolution disabled, and the test checks that no payload from a
// model output ran (the title and DOM are untouched), that the page logged
// nothing to the console (a blocked script or a refused request would), and
// that the report's own filter script did run. Each report's screenshot is
// saved under the build tree's tests/artifacts/ for people to look at.
// Labelled `browser` in ctest; skipped with a message when chromium is absent.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <regex>

#include "support/payload_run.hpp"
#include "support/process.hpp"

using etalon::testing::PayloadRun;
using etalon::testing::ReadFile;
using etalon::testing::RunEtalon;
using etalon::testing::RunProcess;
using etalon::testing::TempDir;

namespace {

std::optional<std::string> FindChromium() {
  if (const char* path = std::getenv("ETALON_CHROMIUM"); path != nullptr && *path != '\0') return std::string(path);
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (::access(path, X_OK) == 0) return std::string(path);
  }
  return std::nullopt;
}

struct PageLoad {
  std::string dom;                    // the DOM after scripts ran (--dump-dom)
  std::vector<std::string> console;   // every message the page logged
};

std::vector<std::string> BrowserArguments(const TempDir& profile) {
  return {"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
          "--disable-extensions", "--disable-background-networking", "--disable-sync",
          "--host-resolver-rules=MAP * ~NOTFOUND",  // no name resolves: the page cannot reach any host
          "--user-data-dir=" + profile.Path("profile"), "--enable-logging=stderr", "--v=0"};
}

PageLoad Load(const std::string& chromium, const std::string& html_path) {
  TempDir profile;
  auto arguments = BrowserArguments(profile);
  arguments.push_back("--dump-dom");
  arguments.push_back("file://" + std::filesystem::absolute(html_path).string());
  const auto result = RunProcess(chromium, arguments);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  PageLoad load{result.out, {}};
  const std::regex console_line(R"(:CONSOLE[(:][^\]]*\] (.*))");
  std::istringstream err(result.err);
  for (std::string line; std::getline(err, line);) {
    std::smatch match;
    if (std::regex_search(line, match, console_line)) load.console.push_back(match[1]);
  }
  return load;
}

void SaveScreenshot(const std::string& chromium, const std::string& html_path, const std::string& name) {
  std::filesystem::create_directories(ETALON_TEST_ARTIFACTS_DIR);
  const auto png = std::string(ETALON_TEST_ARTIFACTS_DIR) + "/" + name;
  std::filesystem::remove(png);
  TempDir profile;
  auto arguments = BrowserArguments(profile);
  for (const char* argument : {"--hide-scrollbars", "--window-size=1280,3200"}) arguments.emplace_back(argument);
  arguments.push_back("--screenshot=" + png);
  arguments.push_back("file://" + std::filesystem::absolute(html_path).string());
  const auto result = RunProcess(chromium, arguments);
  INFO(result.err);
  CHECK(result.exit_code == 0);
  REQUIRE(std::filesystem::exists(png));
  CHECK(ReadFile(png).substr(1, 3) == "PNG");
  WARN("screenshot of the report: " << png);
}

std::string Title(const std::string& dom) {
  const auto start = dom.find("<title>");
  const auto end = dom.find("</title>");
  return start == std::string::npos || end == std::string::npos ? "" : dom.substr(start + 7, end - start - 7);
}

void CheckNothingRan(const PageLoad& load) {
  INFO(load.dom.substr(0, 2000));
  CHECK(Title(load.dom) != etalon::testing::kPayloadTitle);
  CHECK(load.dom.find(etalon::testing::kPayloadAttribute) == std::string::npos);
  CHECK(load.dom.find("<img") == std::string::npos);
  CHECK(load.dom.find("<iframe") == std::string::npos);
}

}  // namespace

TEST_CASE("The browser check catches a payload that runs (control page without escaping)", "[browser]") {
  const auto chromium = FindChromium();
  if (!chromium) {
    WARN("chromium not found (ci/setup.sh installs it): browser checks skipped");
    return;
  }
  TempDir dir;
  const auto page = dir.Write(
      "control.html",
      "<!DOCTYPE html><html><head><title>t</title></head><body><script>document.title='etalon-payload-ran';"
      "console.error('logged')</script><img src=\"x\" onerror=\"document.body.setAttribute('data-payload','ran')\">"
      "</body></html>");
  const auto load = Load(*chromium, page);
  CHECK(Title(load.dom) == etalon::testing::kPayloadTitle);
  CHECK(load.dom.find(etalon::testing::kPayloadAttribute) != std::string::npos);
  CHECK_FALSE(load.console.empty());
}

TEST_CASE("Hostile outputs in the HTML report run nothing and log nothing in Chromium", "[browser]") {
  const auto chromium = FindChromium();
  if (!chromium) {
    WARN("chromium not found (ci/setup.sh installs it): browser checks skipped");
    return;
  }
  PayloadRun run;
  REQUIRE(RunEtalon({"report", run.folder, "--format", "html"}).exit_code == 0);
  const auto page = run.folder + "/report.html";
  const auto load = Load(*chromium, page);
  CheckNothingRan(load);
  CHECK(load.console == std::vector<std::string>{});
  // The report's own script ran (the CSP hash matches): it reveals the filters.
  CHECK_THAT(load.dom, Catch::Contains("<form id=\"sample-filters\" class=\"filters\" aria-label"));
  CHECK_THAT(load.dom, Catch::Contains("&lt;script&gt;document.title='etalon-payload-ran'&lt;/script&gt;"));
  SaveScreenshot(*chromium, page, "report-payloads.png");
}

TEST_CASE("The demo run's HTML report opens in Chromium with no console message", "[browser]") {
  const auto chromium = FindChromium();
  if (!chromium) {
    WARN("chromium not found (ci/setup.sh installs it): browser checks skipped");
    return;
  }
  TempDir dir;
  const auto out = dir.Path("demo");
  const auto result = RunEtalon({"run", std::string(ETALON_SOURCE_DIR) + "/plans/demo.yaml", "--out", out, "--quiet",
                                 "--limit", "6"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto load = Load(*chromium, out + "/report.html");
  CheckNothingRan(load);
  CHECK(load.console == std::vector<std::string>{});
  CHECK_THAT(load.dom, Catch::Contains("resume-administratif"));
  SaveScreenshot(*chromium, out + "/report.html", "report-demo.png");
}
