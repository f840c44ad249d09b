#include "etalon/judge/verdict_parser.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace etalon::judge {

std::string_view ToString(Position position) {
  switch (position) {
    case Position::kA:
      return "A";
    case Position::kB:
      return "B";
    case Position::kTie:
      return "tie";
  }
  return "tie";
}

namespace {

// Every balanced {...} span, strings and escapes respected, in order of their end.
std::vector<std::string_view> BraceSpans(std::string_view text) {
  std::vector<std::string_view> spans;
  std::vector<std::size_t> opens;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = !opens.empty();
    } else if (c == '{') {
      opens.push_back(i);
    } else if (c == '}' && !opens.empty()) {
      const auto start = opens.back();
      opens.pop_back();
      if (opens.empty()) {
        spans.push_back(text.substr(start, i - start + 1));
      }
    }
  }
  return spans;
}

std::string Lowered(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n.");
  if (first == std::string::npos) {
    return "";
  }
  const auto last = text.find_last_not_of(" \t\r\n.");
  return text.substr(first, last - first + 1);
}

const char* KeyFor(config::JudgeMode mode) {
  switch (mode) {
    case config::JudgeMode::kScore:
      return "note";
    case config::JudgeMode::kPassFail:
      return "verdict";
    case config::JudgeMode::kPairwise:
      return "gagnant";
  }
  return "note";
}

// The verdict value of `object`, or a problem.
std::string ReadValue(config::JudgeMode mode, const nlohmann::json& value, Verdict& verdict) {
  switch (mode) {
    case config::JudgeMode::kScore: {
      std::optional<double> number;
      if (value.is_number()) {
        number = value.get<double>();
      } else if (value.is_string()) {
        try {
          std::size_t used = 0;
          const auto text = Trimmed(value.get<std::string>());
          number = std::stod(text, &used);
          if (used != text.size()) {
            number.reset();
          }
        } catch (const std::exception&) {
          number.reset();
        }
      }
      if (!number || *number != std::floor(*number) || *number < 1 || *number > 5) {
        return fmt::format("\"note\" must be a whole number from 1 to 5, got {}", value.dump());
      }
      verdict.score = static_cast<int>(*number);
      return "";
    }
    case config::JudgeMode::kPassFail: {
      if (value.is_boolean()) {
        verdict.pass = value.get<bool>();
        return "";
      }
      const auto text = value.is_string() ? Lowered(Trimmed(value.get<std::string>())) : "";
      if (text == "oui") {
        verdict.pass = true;
      } else if (text == "non") {
        verdict.pass = false;
      } else {
        return fmt::format("\"verdict\" must be \"oui\" or \"non\", got {}", value.dump());
      }
      return "";
    }
    case config::JudgeMode::kPairwise: {
      const auto text = value.is_string() ? Lowered(Trimmed(value.get<std::string>())) : "";
      if (text == "a") {
        verdict.preferred = Position::kA;
      } else if (text == "b") {
        verdict.preferred = Position::kB;
      } else if (text == "égalité" || text == "egalite" || text == "Égalité") {
        verdict.preferred = Position::kTie;
      } else {
        return fmt::format("\"gagnant\" must be \"A\", \"B\" or \"égalité\", got {}", value.dump());
      }
      return "";
    }
  }
  return "unknown mode";
}

}  // namespace

ParsedVerdict ParseVerdict(config::JudgeMode mode, std::string_view text) {
  ParsedVerdict parsed;
  const char* key = KeyFor(mode);
  const auto spans = BraceSpans(text);
  for (auto span = spans.rbegin(); span != spans.rend(); ++span) {
    const auto object = nlohmann::json::parse(*span, nullptr, false);
    if (object.is_discarded() || !object.is_object() || !object.contains(key)) {
      continue;
    }
    Verdict verdict;
    if (auto problem = ReadValue(mode, object.at(key), verdict); !problem.empty()) {
      parsed.problem = std::move(problem);
      return parsed;
    }
    if (const auto reasoning = object.find("raisonnement");
        reasoning != object.end() && reasoning->is_string()) {
      verdict.reasoning = reasoning->get<std::string>();
    }
    parsed.verdict = std::move(verdict);
    return parsed;
  }
  parsed.problem = fmt::format("no JSON object with \"{}\" in the judge's answer", key);
  return parsed;
}

}  // namespace etalon::judge
