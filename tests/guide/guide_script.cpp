#include "guide/guide_script.hpp"

#include <cctype>
#include <sstream>
#include <stdexcept>

namespace etalon::testing {

namespace {

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string Where(const std::string& page, std::size_t line) { return page + ":" + std::to_string(line); }

// Whitespace-separated words with their quotes removed (the guide's commands
// quote whole values only, as in reference="Réponse attendue").
std::vector<std::string> Words(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  char quote = 0;
  bool in_word = false;
  for (const char c : command) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

}  // namespace

std::vector<GuideCommand> ExtractGuideCommands(const std::string& page, const std::string& markdown) {
  std::vector<GuideCommand> commands;
  std::istringstream in(markdown);
  std::string line;
  std::size_t number = 0;
  enum class Block { kNone, kShell, kOther } block = Block::kNone;
  GuideCommand pending;
  bool continuing = false;
  while (std::getline(in, line)) {
    ++number;
    const auto trimmed = Trim(line);
    if (StartsWith(trimmed, "```")) {
      if (block != Block::kNone) {
        if (continuing) throw std::runtime_error(Where(page, pending.line) + ": command continued past its block");
        block = Block::kNone;
        continue;
      }
      const auto info = Trim(trimmed.substr(3));
      if (info == "sh") {
        block = Block::kShell;
      } else if (info == "yaml" || info == "csv" || info == "text" || info == "json") {
        block = Block::kOther;
      } else {
        throw std::runtime_error(Where(page, number) + ": code block marked '" + info +
                                 "': commands go in ```sh blocks, which the test runs; other blocks are "
                                 "yaml, csv, text or json");
      }
      continue;
    }
    if (block == Block::kOther) {
      if (trimmed.find("etalon ") != std::string::npos && (StartsWith(trimmed, "./") || StartsWith(trimmed, "etalon"))) {
        throw std::runtime_error(Where(page, number) + ": a command outside a ```sh block would not be run: " + trimmed);
      }
      continue;
    }
    if (block != Block::kShell) continue;
    if (!continuing) {
      if (trimmed.empty() || trimmed[0] == '#') continue;
      pending = GuideCommand{page, number, "", false};
    }
    const bool continues = !trimmed.empty() && trimmed.back() == '\\';
    pending.text += continues ? trimmed.substr(0, trimmed.size() - 1) : trimmed;
    continuing = continues;
    if (continuing) continue;
    pending.text = Trim(pending.text);
    if (pending.text.size() >= 2 && pending.text.back() == '&' && pending.text[pending.text.size() - 2] != '&') {
      pending.background = true;
      pending.text = Trim(pending.text.substr(0, pending.text.size() - 1));
    }
    commands.push_back(pending);
  }
  if (block != Block::kNone) throw std::runtime_error(page + ": a code block is never closed");
  return commands;
}

std::vector<std::string> PromisedOutputs(const std::string& command) {
  std::vector<std::string> outputs;
  const auto words = Words(command);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const auto& word = words[i];
    if (word == "--out" || word == "--markdown" || word == "--json" || word == "--html" || word == "--site" ||
        word == ">") {
      outputs.push_back(words[i + 1]);
    }
  }
  return outputs;
}

int ListeningPort(const std::string& command) {
  const auto words = Words(command);
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "--port") return std::stoi(words[i + 1]);
  }
  return 0;
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

std::string InstallCommandWithoutBuild(const std::string& readme_command) {
  const std::string build = " && cmake --workflow --preset release && ";
  const auto at = readme_command.find(build);
  if (!StartsWith(readme_command, "bash ci/setup.sh") || at == std::string::npos ||
      readme_command.find("cmake", at + build.size()) != std::string::npos) {
    throw std::runtime_error("the README's first command is not 'bash ci/setup.sh && cmake --workflow --preset "
                             "release && ...': " + readme_command);
  }
  return readme_command.substr(0, at) + " && " + readme_command.substr(at + build.size());
}

std::string ReplacePorts(std::string text, const std::map<int, int>& ports) {
  for (const auto& [from, to] : ports) {
    const auto old_port = std::to_string(from);
    const auto new_port = std::to_string(to);
    for (auto at = text.find(old_port); at != std::string::npos; at = text.find(old_port, at + new_port.size())) {
      const bool starts = at == 0 || !std::isdigit(static_cast<unsigned char>(text[at - 1]));
      const auto end = at + old_port.size();
      const bool ends = end == text.size() || !std::isdigit(static_cast<unsigned char>(text[end]));
      if (starts && ends) {
        text.replace(at, old_port.size(), new_port);
      }
    }
  }
  return text;
}

std::string GuidePageScript(const std::vector<GuideCommand>& commands, const std::string& typed_input) {
  std::string script =
      "exec 0<" + ShellQuote(typed_input) +
      "\n"
      "guide_stop_servers() {\n"
      "  local pids\n"
      "  pids=$(jobs -p)\n"
      "  if [ -n \"$pids\" ]; then kill $pids 2>/dev/null; wait $pids 2>/dev/null; fi\n"
      "}\n"
      "trap guide_stop_servers EXIT\n"
      "trap 'exit 143' TERM INT\n"
      "guide_fail() { printf '%s\\n' \"$1\" >&2; exit 1; }\n"
      "guide_wait_port() {\n"
      "  local try\n"
      "  for try in $(seq 1 500); do\n"
      "    if (exec 3<>\"/dev/tcp/127.0.0.1/$1\") 2>/dev/null; then return 0; fi\n"
      "    sleep 0.02\n"
      "  done\n"
      "  return 1\n"
      "}\n";
  for (const auto& command : commands) {
    const auto where = Where(command.page, command.line);
    script += "printf '%s\\n' " + ShellQuote(">>> " + where + ": " + command.text + (command.background ? " &" : "")) + "\n";
    if (command.background) {
      const int port = ListeningPort(command.text);
      if (port == 0) throw std::runtime_error(where + ": a background command must name its --port");
      script += command.text + " &\n";
      script += "guide_wait_port " + std::to_string(port) + " || guide_fail " +
                ShellQuote(where + ": nothing listens on 127.0.0.1:" + std::to_string(port) + " after: " + command.text) +
                "\n";
      continue;
    }
    script += command.text + "\n";
    script += "guide_status=$?\n";
    script += "[ \"$guide_status\" -eq 0 ] || guide_fail " + ShellQuote(where + ": exit code ") + "\"$guide_status\"" +
              ShellQuote(": " + command.text) + "\n";
    for (const auto& output : PromisedOutputs(command.text)) {
      script += "[ -e " + ShellQuote(output) + " ] || guide_fail " +
                ShellQuote(where + ": promised output " + output + " is missing after: " + command.text) + "\n";
    }
  }
  return script;
}

}  // namespace etalon::testing
