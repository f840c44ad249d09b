// Named OpenAI-compatible services: where they listen and which environment
// variable holds their key (none for the local servers).
#pragma once

#include <string>

namespace etalon::adapters::openai {

struct OpenAiPreset {
  std::string name;
  std::string base_url;
  std::string key_variable;  // empty: no key
};

const OpenAiPreset* FindOpenAiPreset(const std::string& name);
std::string OpenAiPresetNames();

}  // namespace etalon::adapters::openai
