#include "command/command_template.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace etalon::adapters {

namespace {

constexpr std::array<std::string_view, kPlaceholderCount> kNames = {
    "input_file", "text", "lang", "source_lang", "target_lang", "output_file", "media", "model"};

std::optional<Placeholder> FindPlaceholder(std::string_view name) {
  const auto found = std::find(kNames.begin(), kNames.end(), name);
  if (found == kNames.end()) {
    return std::nullopt;
  }
  return static_cast<Placeholder>(found - kNames.begin());
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view PlaceholderName(Placeholder placeholder) { return kNames[static_cast<std::size_t>(placeholder)]; }

std::optional<CommandTemplate> CommandTemplate::Parse(const std::vector<std::string>& arguments, std::string& problem) {
  if (arguments.empty() || arguments.front().empty()) {
    problem = "the command is empty: give the program and its arguments";
    return std::nullopt;
  }
  CommandTemplate parsed;
  parsed.program_ = arguments.front();
  if (parsed.program_.find("{{") != std::string::npos) {
    problem = fmt::format("the program '{}' cannot hold a placeholder: the plan must fix which program runs",
                          parsed.program_);
    return std::nullopt;
  }
  for (std::size_t index = 1; index < arguments.size(); ++index) {
    std::string_view rest = arguments[index];
    std::vector<Piece> pieces;
    for (;;) {
      const auto open = rest.find("{{");
      if (open == std::string_view::npos) {
        pieces.push_back({std::string(rest), std::nullopt});
        break;
      }
      const auto close = rest.find("}}", open + 2);
      if (close == std::string_view::npos) {
        problem = fmt::format("argument {} ('{}') opens a placeholder with {{{{ and never closes it", index,
                              arguments[index]);
        return std::nullopt;
      }
      const auto name = TrimSpaces(rest.substr(open + 2, close - open - 2));
      const auto placeholder = FindPlaceholder(name);
      if (!placeholder) {
        std::string known;
        for (const auto& candidate : kNames) {
          known += fmt::format("{}{{{{{}}}}}", known.empty() ? "" : ", ", candidate);
        }
        problem = fmt::format("argument {} ('{}'): unknown placeholder {{{{{}}}}} (known: {})", index, arguments[index],
                              name, known);
        return std::nullopt;
      }
      pieces.push_back({std::string(rest.substr(0, open)), placeholder});
      rest.remove_prefix(close + 2);
    }
    parsed.arguments_.push_back(std::move(pieces));
  }
  return parsed;
}

bool CommandTemplate::Uses(Placeholder placeholder) const {
  return std::any_of(arguments_.begin(), arguments_.end(), [placeholder](const std::vector<Piece>& pieces) {
    return std::any_of(pieces.begin(), pieces.end(),
                       [placeholder](const Piece& piece) { return piece.placeholder == placeholder; });
  });
}

std::vector<std::string> CommandTemplate::Expand(const PlaceholderValues& values) const {
  std::vector<std::string> argv = {program_};
  for (const auto& pieces : arguments_) {
    std::string argument;
    for (const auto& piece : pieces) {
      argument += piece.literal;
      if (piece.placeholder) {
        argument += values[static_cast<std::size_t>(*piece.placeholder)];
      }
    }
    argv.push_back(std::move(argument));
  }
  return argv;
}

}  // namespace etalon::adapters
