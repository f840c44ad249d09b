// A chat request as the simulator needs it, read from an OpenAI Chat
// Completions body or an Anthropic Messages body. Validation failures are
// returned as a message for a 400 answer, never thrown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace etalon::simulator {

enum class ChatApi { kOpenAi, kAnthropic };

struct ChatTurn {
  std::string model;  // as asked by the client
  bool stream = false;
  bool include_usage = false;  // OpenAI stream_options.include_usage
  std::optional<std::int64_t> max_tokens;
  std::vector<std::string> stops;
  std::string last_user_text;  // text parts of the last user message, joined by "\n"
  // Word tokens (word_tokens.hpp) of every text part of every message, system included.
  std::size_t prompt_tokens = 0;
  std::size_t images = 0;  // image parts seen (their data is not decoded)
};

std::variant<ChatTurn, std::string> ParseChatTurn(ChatApi api, const nlohmann::json& body);

}  // namespace etalon::simulator
