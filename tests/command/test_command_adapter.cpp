// Tests for adapters/command/ through the registry, with small system
// programs (printf, cat, sh, awk) standing in for engines: no shell between
// a dataset and a program, failures recorded with their exit and stderr,
// timeouts that kill the process group, persistent programs, media paths,
// energy estimates, and validation messages.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "command/command_requests.hpp"
#include "support/temp_dir.hpp"

using etalon::core::Diagnostics;
using etalon::core::ErrorKind;
using etalon::testing::Ask;
using etalon::testing::MakeCommandAdapter;
using etalon::testing::TempDir;

namespace {

// Text a shell would act on: each line would create a file in `dir` (or
// worse) if any shell ever read it.
std::string HostileText(const TempDir& dir) {
  const auto mark = [&dir](const char* name) { return dir.Path(name); };
  return "; rm -rf /tmp/x; touch " + mark("semicolon") + "\n$(touch " + mark("dollar") + ")\n`touch " +
         mark("backtick") + "`\n&& touch " + mark("and") + " | touch " + mark("pipe") + "\ntouch " + mark("newline") +
         "\n' \" '\"'\"' \\ $HOME * -n --version > " + mark("redirect");
}

void CheckNoMarkFile(const TempDir& dir) {
  for (const char* name : {"semicolon", "dollar", "backtick", "and", "pipe", "newline", "redirect"}) {
    INFO(name);
    CHECK_FALSE(std::filesystem::exists(dir.Path(name)));
  }
}

// True once `pid` has gone (or is a zombie waiting for a parent that never reaps).
bool ProcessGone(pid_t pid) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    if (kill(pid, 0) != 0 && errno == ESRCH) {
      return true;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto state = line.rfind(')');
    if (state != std::string::npos && line.size() > state + 2 && line[state + 2] == 'Z') {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

pid_t ReadPid(const std::string& path) {
  std::ifstream in(path);
  pid_t pid = 0;
  in >> pid;
  return pid;
}

}  // namespace

TEST_CASE("Hostile sample text never reaches a shell, whichever way it is passed", "[command]") {
  TempDir dir;
  const auto text = HostileText(dir);
  const nlohmann::json fields = {{"input", text}, {"lang", text}};
  Diagnostics diagnostics;

  SECTION("as one argument: {{text}}") {
    // printf repeats its format once per argument: one pair of brackets proves one argument.
    auto adapter =
        MakeCommandAdapter({{"command", {"printf", "[%s]", "{{text}}"}}, {"input_field", "input"}}, diagnostics);
    REQUIRE(adapter);
    const auto response = Ask(*adapter, fields);
    REQUIRE_FALSE(response.error);
    CHECK(response.text == "[" + text + "]");
  }
  SECTION("on stdin") {
    auto adapter = MakeCommandAdapter({{"command", "cat"}}, diagnostics);
    REQUIRE(adapter);
    CHECK(Ask(*adapter, fields, "«" + text + "»").text == "«" + text + "»");
  }
  SECTION("in {{input_file}}") {
    auto adapter = MakeCommandAdapter(
        {{"command", {"cat", "{{input_file}}"}}, {"input_field", "input"}, {"stdin", "none"}}, diagnostics);
    REQUIRE(adapter);
    CHECK(Ask(*adapter, fields).text == text);
  }
  SECTION("in a language field: {{lang}}") {
    auto adapter = MakeCommandAdapter({{"command", {"printf", "[%s]", "{{lang}}"}}, {"stdin", "none"}}, diagnostics);
    REQUIRE(adapter);
    CHECK(Ask(*adapter, fields).text == "[" + text + "]");
  }
  SECTION("to a persistent program") {
    auto adapter = MakeCommandAdapter(
        {{"command", {"awk", "{ print \"[\" $0 \"]\"; fflush() }"}}, {"mode", "persistent"}}, diagnostics);
    REQUIRE(adapter);
    const std::string line =
        "$(touch " + dir.Path("dollar") + "); touch " + dir.Path("semicolon") + " `touch " + dir.Path("backtick") + "`";
    CHECK(Ask(*adapter, nlohmann::json::object(), line).text == "[" + line + "]");
  }
  CHECK(diagnostics.empty());
  CheckNoMarkFile(dir);
}

TEST_CASE("The answer can come from {{output_file}}", "[command]") {
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter({{"command", {"cp", "{{input_file}}", "{{output_file}}"}}}, diagnostics);
  REQUIRE(adapter);
  CHECK(Ask(*adapter, nlohmann::json::object(), "  Réponse écrite dans un fichier.\n").text ==
        "Réponse écrite dans un fichier.");

  auto silent = MakeCommandAdapter({{"command", {"true", "{{output_file}}"}}}, diagnostics);
  REQUIRE(silent);
  const auto response = Ask(*silent, nlohmann::json::object(), "x");
  REQUIRE(response.error);
  CHECK(response.error->kind == ErrorKind::kInvalidOutput);
  CHECK(response.error->message == "true exited without writing {{output_file}}");
}

TEST_CASE("A failing program is recorded with its exit code and the end of its stderr", "[command]") {
  Diagnostics diagnostics;
  // 300 lines of about 20 bytes: well over the 2 KB kept.
  auto adapter = MakeCommandAdapter(
      {{"command",
        {"sh", "-c", "i=0; while [ $i -lt 300 ]; do echo \"ligne $i du journal\" >&2; i=$((i+1)); done; exit 4"}}},
      diagnostics);
  REQUIRE(adapter);
  const auto response = Ask(*adapter, nlohmann::json::object(), "entrée");
  REQUIRE(response.error);
  CHECK(response.error->kind == ErrorKind::kAdapterFailure);
  const auto& message = response.error->message;
  CHECK_THAT(message, Catch::StartsWith("sh exited with code 4; stderr (last "));
  CHECK_THAT(message, Catch::EndsWith("ligne 299 du journal"));
  CHECK_THAT(message, !Catch::Contains("ligne 0 du journal"));
  CHECK(message.size() < 2048 + 100);
  REQUIRE(response.energy);  // the work done before failing still used energy

  auto crashing = MakeCommandAdapter({{"command", {"sh", "-c", "kill -SEGV $$"}}}, diagnostics);
  REQUIRE(crashing);
  const auto crashed = Ask(*crashing, nlohmann::json::object(), "");
  REQUIRE(crashed.error);
  CHECK(crashed.error->message == "sh was killed by signal 11 (SIGSEGV)");
}

TEST_CASE("A timeout kills the program and everything it started", "[command]") {
  TempDir dir;
  const auto pid_file = dir.Path("grandchild.pid");
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter(
      {{"command", {"sh", "-c", "sleep 30 & echo $! > \"$0\"; wait", pid_file}}, {"timeout_s", 0.3}}, diagnostics);
  REQUIRE(adapter);
  const auto start = std::chrono::steady_clock::now();
  const auto response = Ask(*adapter, nlohmann::json::object(), "");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE(response.error);
  CHECK(response.error->kind == ErrorKind::kTimeout);
  CHECK(response.error->message == "sh gave no answer within 0.3 s; its process group was killed");
  const auto grandchild = ReadPid(pid_file);
  REQUIRE(grandchild > 0);
  CHECK(ProcessGone(grandchild));
}

TEST_CASE("What a program leaves running when it exits is killed, not waited for", "[command]") {
  TempDir dir;
  const auto pid_file = dir.Path("straggler.pid");
  Diagnostics diagnostics;
  // The background sleep inherits stdout: waiting for end of file would wait 30 s.
  auto adapter = MakeCommandAdapter(
      {{"command", {"sh", "-c", "sleep 30 & echo $! > \"$0\"; echo fini", pid_file}}, {"timeout_s", 20}}, diagnostics);
  REQUIRE(adapter);
  const auto start = std::chrono::steady_clock::now();
  const auto response = Ask(*adapter, nlohmann::json::object(), "");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE_FALSE(response.error);
  CHECK(response.text == "fini");
  CHECK(ProcessGone(ReadPid(pid_file)));
}

TEST_CASE("Each request gets a CPU-time energy estimate of its program", "[command]") {
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter(
      {{"command", {"sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo ok"}}}, diagnostics);
  REQUIRE(adapter);
  const auto response = Ask(*adapter, nlohmann::json::object(), "");
  REQUIRE_FALSE(response.error);
  REQUIRE(response.energy);
  CHECK_FALSE(response.energy->measured);
  CHECK(response.energy->method == "cpu-time-estimate");
  CHECK(response.energy->joules > 0);
  CHECK(*response.energy->low_joules <= response.energy->joules);
  CHECK(response.energy->joules <= *response.energy->high_joules);
}

TEST_CASE("At most `processes` programs run at once", "[command]") {
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter({{"command", {"sleep", "0.3"}}, {"processes", 2}, {"stdin", "none"}}, diagnostics);
  REQUIRE(adapter);
  const nlohmann::json fields = nlohmann::json::object();
  etalon::core::Request request;
  request.fields = &fields;
  std::atomic<int> done{0};
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) {
    adapter->Issue(request, [&done](etalon::core::Response) { ++done; });
  }
  adapter->Drain();
  CHECK(done == 4);
  // Four 0.3 s programs two at a time take two rounds.
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(580));
}

TEST_CASE("A persistent program answers line by line and is restarted when it dies", "[command]") {
  Diagnostics diagnostics;
  // NR counts the lines this program has read: it starts again at 1 after a restart.
  auto adapter = MakeCommandAdapter(
      {{"command", {"awk", "$0 == \"meurs\" { exit 3 } { print NR \": \" toupper($0); fflush() } NR == 3 { exit 0 }"}},
       {"mode", "persistent"},
       {"processes", 1},
       {"timeout_s", 2}},
      diagnostics);
  REQUIRE(adapter);
  const auto empty = nlohmann::json::object();
  CHECK(Ask(*adapter, empty, "bonjour").text == "1: BONJOUR");
  CHECK(Ask(*adapter, empty, "salut").text == "2: SALUT");

  const auto died = Ask(*adapter, empty, "meurs");
  REQUIRE(died.error);
  CHECK(died.error->kind == ErrorKind::kAdapterFailure);
  CHECK(died.error->message == "awk exited with code 3 before answering; a new program starts with the next request");
  CHECK(Ask(*adapter, empty, "encore").text == "1: ENCORE");

  // It exits after answering its third line: the next request, whether it
  // finds it dead or sees it die unanswered, gets a new program.
  CHECK(Ask(*adapter, empty, "deux").text == "2: DEUX");
  CHECK(Ask(*adapter, empty, "trois").text == "3: TROIS");
  const auto after_exit = Ask(*adapter, empty, "quatre");
  CHECK(after_exit.text == "1: QUATRE");
  REQUIRE(after_exit.energy);
  CHECK(after_exit.energy->method == "cpu-time-estimate");

  const auto line_break = Ask(*adapter, empty, "deux\nlignes");
  REQUIRE(line_break.error);
  CHECK(line_break.error->message == "the input holds a line break; a persistent program reads one line per request");
}

TEST_CASE("A persistent program that hangs is killed at the timeout and replaced", "[command]") {
  Diagnostics diagnostics;
  auto adapter = MakeCommandAdapter(
      {{"command", {"awk", "$0 == \"dors\" { system(\"sleep 30\") } { print NR \": \" $0; fflush() }"}},
       {"mode", "persistent"},
       {"processes", 1},
       {"timeout_s", 0.3}},
      diagnostics);
  REQUIRE(adapter);
  const auto empty = nlohmann::json::object();
  CHECK(Ask(*adapter, empty, "un").text == "1: un");
  const auto hung = Ask(*adapter, empty, "dors");
  REQUIRE(hung.error);
  CHECK(hung.error->kind == ErrorKind::kTimeout);
  CHECK(hung.error->message ==
        "awk gave no answer line within 0.3 s; its process group was killed and a new program starts with the next "
        "request");
  CHECK(Ask(*adapter, empty, "deux").text == "1: deux");
}

TEST_CASE("Media paths are resolved against the dataset's folder and must stay inside it", "[command]") {
  TempDir dataset;
  dataset.Write("scans/page-1.txt", "contenu du scan\n");
  Diagnostics diagnostics;
  auto adapter =
      MakeCommandAdapter({{"command", {"cat", "{{media}}"}}, {"media_field", "scan"}, {"stdin", "none"}}, diagnostics);
  REQUIRE(adapter);
  const auto dir = dataset.path().string();
  CHECK(Ask(*adapter, {{"scan", "scans/page-1.txt"}}, "", dir).text == "contenu du scan");

  const auto absolute = Ask(*adapter, {{"scan", "/etc/passwd"}}, "", dir);
  REQUIRE(absolute.error);
  CHECK(absolute.error->message == "field 'scan' must be a path inside the dataset's folder, got '/etc/passwd'");
  const auto escaping = Ask(*adapter, {{"scan", "scans/../../secret"}}, "", dir);
  REQUIRE(escaping.error);
  CHECK_THAT(escaping.error->message, Catch::StartsWith("field 'scan' must be a path inside the dataset's folder"));
  const auto missing = Ask(*adapter, {{"scan", "scans/page-2.txt"}}, "", dir);
  REQUIRE(missing.error);
  CHECK(missing.error->message == "media file '" + dir + "/scans/page-2.txt' (field 'scan') does not exist");
  const auto absent = Ask(*adapter, nlohmann::json::object(), "", dir);
  REQUIRE(absent.error);
  CHECK(absent.error->message == "sample has no text field 'scan' (the command uses {{media}})");

  auto rooted = MakeCommandAdapter(
      {{"command", {"cat", "{{media}}"}}, {"media_field", "scan"}, {"stdin", "none"}, {"media_root", dir + "/scans"}},
      diagnostics);
  REQUIRE(rooted);
  CHECK(Ask(*rooted, {{"scan", "page-1.txt"}}, "", "/elsewhere").text == "contenu du scan");
  CHECK(diagnostics.empty());
}

TEST_CASE("A broken command entry fails validation with located messages", "[command]") {
  const auto first_message = [](const nlohmann::json& options, const std::string& preset = "") {
    Diagnostics diagnostics;
    CHECK_FALSE(MakeCommandAdapter(options, diagnostics, preset));
    REQUIRE_FALSE(diagnostics.empty());
    return diagnostics.front().ToString();
  };
  const std::string at = "plan.yaml:7: field 'adapters.x.options.";
  CHECK_THAT(first_message(nlohmann::json::object()),
             Catch::StartsWith(at + "command': required: the program and its arguments (or a preset: tesseract, "
                                    "apertium, pocketsphinx)"));
  CHECK(first_message({{"command", "etalon-no-such-program --flag"}}) ==
        at + "command': program 'etalon-no-such-program' is not on PATH");
  CHECK(first_message({{"command", {"cat", 3}}}) ==
        at + "command': argument 1 must be a text value (in YAML, quote placeholders and numbers: \"{{media}}\", "
             "\"3\")");
  CHECK_THAT(first_message({{"command", "cat {{texte}}"}}), Catch::Contains("unknown placeholder {{texte}}"));
  CHECK(first_message({{"command", "cat"}, {"mode", "persistant"}}) ==
        at + "mode': must be per-request or persistent, got 'persistant'");
  CHECK(first_message({{"command", "cat"}, {"stdin", "file"}}) == at + "stdin': must be input or none, got 'file'");
  CHECK(first_message({{"command", "cat {{media}}"}}) ==
        at + "media_field': the command uses {{media}}: name the sample field holding the media path");
  CHECK(first_message({{"command", "cat {{text}}"}, {"mode", "persistent"}}) ==
        at + "mode': a persistent program is started once, so its command cannot use {{text}}: it reads each input "
             "as one line on stdin");
  CHECK_THAT(first_message({{"command", "cat"}, {"timeout", 3}}),
             Catch::StartsWith(at + "timeout': unknown option for kind 'command'"));
  CHECK(first_message(nlohmann::json::object(), "tessaract") ==
        "plan.yaml:7: field 'adapters.x.preset': unknown preset 'tessaract' for kind 'command' (known presets: tesseract, apertium, "
             "pocketsphinx)");
}
