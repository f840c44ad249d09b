#include "openai/openai_preset.hpp"

#include <vector>

namespace etalon::adapters::openai {

namespace {

const std::vector<OpenAiPreset>& Presets() {
  static const std::vector<OpenAiPreset> presets = {
      {"albert", "https://albert.api.etalab.gouv.fr/v1", "ALBERT_API_KEY"},
      {"mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY"},
      {"openai", "https://api.openai.com/v1", "OPENAI_API_KEY"},
      {"vllm", "http://127.0.0.1:8000/v1", ""},
      {"ollama", "http://127.0.0.1:11434/v1", ""},
      {"llamacpp", "http://127.0.0.1:8080/v1", ""},
  };
  return presets;
}

}  // namespace

const OpenAiPreset* FindOpenAiPreset(const std::string& name) {
  for (const auto& preset : Presets()) {
    if (preset.name == name) {
      return &preset;
    }
  }
  return nullptr;
}

std::string OpenAiPresetNames() {
  std::string names;
  for (const auto& preset : Presets()) {
    names += (names.empty() ? "" : ", ") + preset.name;
  }
  return names;
}

}  // namespace etalon::adapters::openai
