// The French guide (docs/guide-fr/) as something a test can run: its shell
// commands, taken from the ```sh blocks of each page with the page and line
// they start on, and a bash script per page that runs them in order and stops
// at the first one that fails or does not leave the output it promises.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace etalon::testing {

struct GuideCommand {
  std::string page;  // file name, e.g. 02-lancer-la-demo.md
  std::size_t line = 0;  // of the command's first line in the page
  std::string text;      // continuation lines joined, without a trailing " &"
  bool background = false;  // shown ending in " &": a server left running
};

// Every command of the page's ```sh blocks (comments and blank lines are not
// commands). Throws std::runtime_error naming page and line for a block the
// test would not run: a fence marked bash, shell, console or unmarked, or a
// non-shell block with a line that calls etalon, so no command can hide
// from the test in a block of another kind.
std::vector<GuideCommand> ExtractGuideCommands(const std::string& page, const std::string& markdown);

// The files and folders a command says it writes: the value of --out,
// --markdown, --json, --html and --site, and the target of a > redirection.
std::vector<std::string> PromisedOutputs(const std::string& command);

// The port a background command listens on (its --port value); 0 when it names none.
int ListeningPort(const std::string& command);

// A bash script that runs `commands` in order in its working folder, with
// standard input from `typed_input` (what a person would type at a prompt).
// Each command is echoed first; the first that exits non-zero, or after which
// a promised output is missing, ends the script with exit code 1 and
// "PAGE:LINE: ..." on standard error. A background command must name its
// port and be listening on 127.0.0.1 within 10 s. Background
// servers are stopped when the script ends, however it ends.
std::string GuidePageScript(const std::vector<GuideCommand>& commands, const std::string& typed_input);

// The install page shows the README's first command verbatim: set up,
// build, run the demo. A test runs inside the build, so it cannot build
// again (a nested `cmake --workflow` would recurse): it runs that command
// without its build step, checked to be exactly `cmake --workflow --preset
// release` between the set-up and the demo. Throws std::runtime_error when
// the README's command has another shape.
std::string InstallCommandWithoutBuild(const std::string& readme_command);

// `text` with every whole-number occurrence of each key replaced by its value.
std::string ReplacePorts(std::string text, const std::map<int, int>& ports);

// 'text' for bash, whatever it holds.
std::string ShellQuote(const std::string& text);

}  // namespace etalon::testing
