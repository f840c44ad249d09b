// Ready-made settings of the command adapter for the local engines Debian
// packages (a plan entry's `preset`). Each is a starting point: any option
// given in the plan overrides the preset's value. docs/command-adapter.md
// shows the command line each one runs and templates for engines users
// install themselves (llama.cpp, whisper.cpp).
//   tesseract     OCR of the sample's `image`, French model (tesseract-ocr-fra)
//   apertium      rule-based translation of `input`, direction from source_lang/target_lang
//   pocketsphinx  speech to text of the sample's 16 kHz mono `audio`; Debian 12 ships
//                 only the US English model, recorded as the served model
#pragma once

#include <string>
#include <vector>

namespace etalon::adapters {

struct CommandPreset {
  std::string name;
  std::vector<std::string> command;
  std::string input_field;               // the sample field sent as input; empty: the rendered prompt
  std::string media_field;               // the sample field {{media}} reads
  bool stdin_input = true;               // the input text goes to the program's stdin
  std::string served_model;              // recorded in every response
  std::string packages;                  // the Debian packages that provide it, for error messages
  std::vector<std::string> environment;  // "NAME=value" added to the program's environment
  // A program that lists the directions the engine has, one word each
  // (apertium -l); empty when the engine has no directions.
  std::vector<std::string> list_directions;
};

// The preset called `name`, or nullptr.
const CommandPreset* FindCommandPreset(const std::string& name);
// "tesseract, apertium, pocketsphinx", for error messages.
std::string CommandPresetNames();

}  // namespace etalon::adapters
