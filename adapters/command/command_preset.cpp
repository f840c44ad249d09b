#include "command/command_preset.hpp"

namespace etalon::adapters {

namespace {

const std::vector<CommandPreset>& Presets() {
  static const std::vector<CommandPreset> presets = {
      // stdout as the output base makes tesseract print the text instead of
      // writing a file. One OpenMP thread: the pool already runs pages in
      // parallel, and tesseract's threads fighting over the same cores made
      // a page 3 to 4 times slower on a 2-core machine.
      {"tesseract",
       {"tesseract", "{{media}}", "stdout", "-l", "fra"},
       "",
       "image",
       false,
       "tesseract fra",
       "tesseract-ocr tesseract-ocr-fra",
       {"OMP_THREAD_LIMIT=1"},
       {}},
      // -u: no '*' marks on unknown words; they are not part of a translation
      // and every metric would count them as errors.
      {"apertium",
       {"apertium", "-u", "{{source_lang}}-{{target_lang}}"},
       "input",
       "",
       true,
       "apertium",
       "apertium apertium-fr-es",
       {},
       {"apertium", "-l"}},
      {"pocketsphinx",
       {"pocketsphinx_continuous", "-infile", "{{media}}"},
       "",
       "audio",
       false,
       "pocketsphinx en-us (US English model: no French model in Debian 12, whatever the audio's language)",
       "pocketsphinx pocketsphinx-en-us",
       {},
       {}},
  };
  return presets;
}

}  // namespace

const CommandPreset* FindCommandPreset(const std::string& name) {
  for (const auto& preset : Presets()) {
    if (preset.name == name) {
      return &preset;
    }
  }
  return nullptr;
}

std::string CommandPresetNames() {
  std::string names;
  for (const auto& preset : Presets()) {
    names += (names.empty() ? "" : ", ") + preset.name;
  }
  return names;
}

}  // namespace etalon::adapters
