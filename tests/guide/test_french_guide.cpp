// The French guide for public agents (docs/guide-fr/), tested by running
// every command it shows. Each page's ```sh blocks run in order, page after
// page, in a scratch copy of what they need (plans, suites, datasets, the
// model catalog, the guide and its examples, ci/setup.sh, README.md) where
// ./build/release/etalon is the binary built with these tests. The rules that keep the test honest:
// - every ```sh command runs; a command in a block of another kind is refused
//   (tests/guide/guide_script.hpp), so none is skipped silently;
// - the one command that builds (the install page's) must be byte-identical
//   to the README's first command, which CI runs; it runs here without its
//   build step (this test runs inside the build), ci/setup.sh for real;
// - the fixed ports the guide shows (18182, 18183, as in
//   plans/offers-simulated.yaml) are rewritten to free ports chosen here, in
//   the commands and in the scratch copies of the plans, so parallel tests
//   never collide; servers bind 127.0.0.1 and are always stopped;
// - what a person types at a prompt (an API key asked by `read`) is a dummy
//   key on standard input;
// - a command fails the test with its page and line when it exits non-zero
//   or does not leave the file or folder it names with --out, --markdown,
//   --json, --html, --site or >.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "guide/guide_script.hpp"
#include "support/process.hpp"
#include "support/simulated_chat_project.hpp"
#include "support/temp_dir.hpp"

using etalon::testing::ExtractGuideCommands;
using etalon::testing::GuideCommand;
using etalon::testing::GuidePageScript;
using etalon::testing::ReadFile;
using etalon::testing::RunProcess;
using etalon::testing::TempDir;

namespace fs = std::filesystem;

namespace {

const std::string kSourceDir = ETALON_SOURCE_DIR;
constexpr const char* kTimeoutSeconds = "1200";  // a page that hangs is stopped, its servers with it

// A port free on 127.0.0.1 now (the kernel's choice), for a server the guide starts on a fixed one.
int FreePort() {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(socket_fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  socklen_t length = sizeof(address);
  REQUIRE(getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(socket_fd);
  return ntohs(address.sin_port);
}

bool Listening(int port) {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  close(socket_fd);
  return connected;
}

// The README's first ```sh command: set up, build, run the demo.
std::string ReadmeFirstCommand() {
  const auto commands = ExtractGuideCommands("README.md", ReadFile(kSourceDir + "/README.md"));
  REQUIRE_FALSE(commands.empty());
  return commands.front().text;
}

// Runs `script` with bash in `folder` under a time limit; the loopback
// environment keeps requests to 127.0.0.1 off any proxy the machine sets.
etalon::testing::ProcessResult RunScript(const TempDir& dir, const std::string& folder, const std::string& script,
                                         const std::vector<std::string>& environment = {}) {
  const auto path = dir.Write("page.sh", "cd " + etalon::testing::ShellQuote(folder) + " || exit 1\n" + script);
  auto full_environment = etalon::testing::LoopbackEnvironment();
  full_environment.insert(full_environment.end(), environment.begin(), environment.end());
  return RunProcess("/usr/bin/timeout", {kTimeoutSeconds, "/bin/bash", path}, full_environment);
}

void CopyInto(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy(from, to, fs::copy_options::recursive);
}

// The guide's pages in reading order: numbered pages, then the table of contents.
std::vector<fs::path> GuidePages() {
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(kSourceDir + "/docs/guide-fr")) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") pages.push_back(entry.path());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace

TEST_CASE("Guide commands are read from ```sh blocks with their page and line", "[guide]") {
  const auto commands = ExtractGuideCommands("p.md",
                                             "# Titre\n"
                                             "```sh\n"
                                             "# un commentaire\n"
                                             "./build/release/etalon run plans/demo.yaml \\\n"
                                             "    --out runs/demo\n"
                                             "\n"
                                             "./build/release/etalon simulate --port 18182 &\n"
                                             "```\n"
                                             "```yaml\n"
                                             "name: demo\n"
                                             "```\n");
  REQUIRE(commands.size() == 2);
  CHECK(commands[0].line == 4);
  CHECK(commands[0].text == "./build/release/etalon run plans/demo.yaml --out runs/demo");
  CHECK_FALSE(commands[0].background);
  CHECK(commands[1].line == 7);
  CHECK(commands[1].text == "./build/release/etalon simulate --port 18182");
  CHECK(commands[1].background);
  CHECK(etalon::testing::PromisedOutputs(commands[0].text) == std::vector<std::string>{"runs/demo"});
  CHECK(etalon::testing::PromisedOutputs("a --map x=\"Réponse attendue\" --json 'b c.json' > d.txt") ==
        std::vector<std::string>{"b c.json", "d.txt"});
  CHECK(etalon::testing::ListeningPort(commands[1].text) == 18182);
}

TEST_CASE("A command the guide test would not run is refused with its page and line", "[guide]") {
  CHECK_THROWS_WITH(ExtractGuideCommands("p.md", "texte\n```bash\nls\n```\n"),
                    Catch::StartsWith("p.md:2: code block marked 'bash'"));
  CHECK_THROWS_WITH(ExtractGuideCommands("p.md", "```\nls\n```\n"), Catch::StartsWith("p.md:1: code block marked ''"));
  CHECK_THROWS_WITH(ExtractGuideCommands("p.md", "```text\n./build/release/etalon run x\n```\n"),
                    Catch::StartsWith("p.md:2: a command outside a ```sh block"));
  CHECK_THROWS_WITH(ExtractGuideCommands("p.md", "```sh\nls\n"), Catch::Contains("never closed"));
  CHECK_THROWS_WITH(GuidePageScript({{"p.md", 3, "sleep 5", true}}, "/dev/null"),
                    Catch::StartsWith("p.md:3: a background command must name its --port"));
}

TEST_CASE("The install command runs the README's set-up and demo without the build step", "[guide]") {
  CHECK(etalon::testing::InstallCommandWithoutBuild(
            "bash ci/setup.sh && cmake --workflow --preset release && ./build/release/etalon run plans/demo.yaml") ==
        "bash ci/setup.sh && ./build/release/etalon run plans/demo.yaml");
  CHECK_THROWS(etalon::testing::InstallCommandWithoutBuild("bash ci/setup.sh && cmake --build build && ./etalon"));
  CHECK_THROWS(etalon::testing::InstallCommandWithoutBuild(
      "bash ci/setup.sh && cmake --workflow --preset release && cmake --workflow --preset asan"));
  CHECK(etalon::testing::ReplacePorts("--port 18182 http://127.0.0.1:18182/v1 118182", {{18182, 40001}}) ==
        "--port 40001 http://127.0.0.1:40001/v1 118182");
}

TEST_CASE("A failing guide command, or a missing promised output, names its page and line", "[guide]") {
  TempDir dir;
  const auto input = dir.Write("typed", "");
  const auto failed = RunScript(dir, dir.path().string(),
                                GuidePageScript({{"p.md", 4, "true", false}, {"p.md", 7, "false", false},
                                                 {"p.md", 9, "touch never-run", false}},
                                                input));
  CHECK(failed.exit_code == 1);
  CHECK_THAT(failed.err, Catch::Contains("p.md:7: exit code 1: false"));
  CHECK_FALSE(fs::exists(dir.Path("never-run")));

  const auto missing = RunScript(
      dir, dir.path().string(),
      GuidePageScript({{"q.md", 2, "touch made.json && true --json made.json --markdown absent.md", false}}, input));
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("q.md:2: promised output absent.md is missing"));
}

TEST_CASE("A server the guide starts in the background is stopped when its page ends", "[guide]") {
  TempDir dir;
  const auto input = dir.Write("typed", "");
  const int port = FreePort();
  const std::string server = std::string(ETALON_BINARY) + " simulate --port " + std::to_string(port);
  const auto result = RunScript(dir, dir.path().string(),
                                GuidePageScript({{"p.md", 1, server, true}, {"p.md", 2, "false", false}}, input));
  INFO(result.err);
  CHECK_THAT(result.out, Catch::Contains("listening on 127.0.0.1:" + std::to_string(port)));
  CHECK(result.exit_code == 1);  // the page failed after its server started, and the server still went
  CHECK_FALSE(Listening(port));
}

TEST_CASE("Every shell command of the French guide runs, page by page", "[guide][guide-run][cli]") {
  TempDir dir;
  const auto scratch = dir.path() / "etalon";
  for (const char* part :
       {"plans", "suites", "datasets", "adapters/catalog", "docs/guide-fr", "ci/setup.sh", "README.md"}) {
    CopyInto(fs::path(kSourceDir) / part, scratch / part);
  }
  fs::create_directories(scratch / "build" / "release");
  fs::create_symlink(ETALON_BINARY, scratch / "build" / "release" / "etalon");
  const auto typed_input = dir.Write("typed-input", "cle-fictive-pour-le-test\ncle-fictive-pour-le-test\n");
  const auto readme_command = ReadmeFirstCommand();

  std::vector<std::pair<std::string, std::vector<GuideCommand>>> pages;
  std::vector<std::pair<std::string, std::string>> inline_commands;  // (page, `./build/release/etalon ...` in prose)
  std::map<int, int> ports;  // the guide's fixed port -> a free one
  for (const auto& page : GuidePages()) {
    const auto text = ReadFile(page.string());
    const std::regex inline_command("`(\\./build/release/etalon[^`]*)`");
    for (auto match = std::sregex_iterator(text.begin(), text.end(), inline_command); match != std::sregex_iterator();
         ++match) {
      inline_commands.emplace_back(page.filename().string(), (*match)[1].str());
    }
    auto commands = ExtractGuideCommands(page.filename().string(), text);
    for (auto& command : commands) {
      if (command.text.find("cmake") != std::string::npos) {
        INFO(command.page << ":" << command.line);
        REQUIRE(command.text == readme_command);
        command.text = etalon::testing::InstallCommandWithoutBuild(command.text);
      }
      if (command.background && ports.count(etalon::testing::ListeningPort(command.text)) == 0) {
        ports[etalon::testing::ListeningPort(command.text)] = FreePort();
      }
    }
    pages.emplace_back(page.filename().string(), std::move(commands));
  }
  // A command quoted in the prose is one the guide runs, so prose cannot show an untested command.
  for (const auto& [page, quoted] : inline_commands) {
    bool run = false;
    for (const auto& page_commands : pages) {
      for (const auto& command : page_commands.second) run = run || command.text.find(quoted) != std::string::npos;
    }
    INFO(page << ": `" << quoted << "`");
    CHECK(run);
  }
  for (auto& page_commands : pages) {
    for (auto& command : page_commands.second) command.text = etalon::testing::ReplacePorts(command.text, ports);
  }
  for (const auto& entry : fs::recursive_directory_iterator(scratch)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      const auto text = ReadFile(entry.path().string());
      const auto rewritten = etalon::testing::ReplacePorts(text, ports);
      if (rewritten != text) std::ofstream(entry.path(), std::ios::binary) << rewritten;
    }
  }

  // Each numbered page shows at least one command: an empty extraction would pass vacuously.
  std::size_t numbered_pages = 0;
  for (const auto& [page, commands] : pages) {
    if (std::isdigit(static_cast<unsigned char>(page[0])) != 0) {
      ++numbered_pages;
      INFO(page);
      CHECK_FALSE(commands.empty());
    }
  }
  CHECK(numbered_pages == 6);

  for (const auto& [page, commands] : pages) {
    if (commands.empty()) continue;
    const auto started = std::chrono::steady_clock::now();
    const auto result = RunScript(dir, scratch.string(), GuidePageScript(commands, typed_input),
                                  {"ETALON_HOME=" + scratch.string()});
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // The commands' output, for whoever reads the test log.
    std::cout << "== " << page << ": " << commands.size() << " commands, " << seconds << " s\n" << result.out;
    INFO(page << " output:\n" << result.out << "\nerrors:\n" << result.err);
    REQUIRE(result.exit_code == 0);
  }
}
