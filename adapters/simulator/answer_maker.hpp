// What the simulated model says: the first matching script line, else the
// profile's mode (echo, first-words, fixed); then stop sequences and
// max_tokens applied, as a vendor would.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chat_turn.hpp"
#include "etalon/simulator/simulator_config.hpp"

namespace etalon::simulator {

enum class FinishReason { kStop, kStopSequence, kLength };

struct Answer {
  std::vector<std::string> tokens;  // concatenated, they are the answer's text
  FinishReason finish = FinishReason::kStop;
  std::optional<std::string> stop_sequence;  // the one that cut the answer
  std::string source;                        // "script:LINE", "echo", "first-words" or "fixed"

  std::string Text() const;
};

Answer MakeAnswer(const Profile& profile, const ChatTurn& turn);

// The transcript of an uploaded file: a script line with its file_sha256, else
// a fixed sentence naming the hash's first 12 digits. `source` as in Answer.
std::string MakeTranscript(const Profile& profile, const std::string& file_sha256, std::string& source);

}  // namespace etalon::simulator
