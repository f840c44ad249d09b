#include "answer_maker.hpp"

#include "etalon/core/sha256.hpp"
#include "word_tokens.hpp"

namespace etalon::simulator {

namespace {

const ScriptEntry* FindScripted(const Profile& profile, const std::string& text, const std::string& text_sha256) {
  for (const auto& entry : profile.script) {
    if ((!entry.match.empty() && text.find(entry.match) != std::string::npos) ||
        (!entry.prompt_sha256.empty() && entry.prompt_sha256 == text_sha256)) {
      return &entry;
    }
  }
  return nullptr;
}

std::string FirstWords(const std::string& text, int count) {
  std::string words;
  std::size_t at = 0;
  for (int i = 0; i < count; ++i) {
    const std::size_t start = text.find_first_not_of(" \t\r\n", at);
    if (start == std::string::npos) {
      break;
    }
    at = text.find_first_of(" \t\r\n", start);
    words += words.empty() ? "" : " ";
    words += text.substr(start, at == std::string::npos ? std::string::npos : at - start);
    if (at == std::string::npos) {
      break;
    }
  }
  return words;
}

}  // namespace

std::string Answer::Text() const {
  std::string text;
  for (const auto& token : tokens) {
    text += token;
  }
  return text;
}

Answer MakeAnswer(const Profile& profile, const ChatTurn& turn) {
  Answer answer;
  std::string text;
  if (const auto* entry = FindScripted(profile, turn.last_user_text, core::Sha256Hex(turn.last_user_text))) {
    text = entry->answer;
    answer.source = "script:" + std::to_string(entry->line);
  } else {
    switch (profile.mode) {
      case AnswerMode::kEcho:
        text = turn.last_user_text;
        answer.source = "echo";
        break;
      case AnswerMode::kFirstWords:
        text = FirstWords(turn.last_user_text, profile.first_words);
        answer.source = "first-words";
        break;
      case AnswerMode::kFixed:
        text = profile.fixed_text;
        answer.source = "fixed";
        break;
    }
  }
  std::size_t cut = std::string::npos;
  for (const auto& stop : turn.stops) {
    const std::size_t at = text.find(stop);
    if (at < cut) {
      cut = at;
      answer.stop_sequence = stop;
    }
  }
  if (cut != std::string::npos) {
    text.resize(cut);
    answer.finish = FinishReason::kStopSequence;
  }
  answer.tokens = SplitWordTokens(text);
  if (turn.max_tokens && answer.tokens.size() > static_cast<std::size_t>(*turn.max_tokens)) {
    answer.tokens.resize(static_cast<std::size_t>(*turn.max_tokens));
    answer.finish = FinishReason::kLength;
    answer.stop_sequence.reset();
  }
  return answer;
}

std::string MakeTranscript(const Profile& profile, const std::string& file_sha256, std::string& source) {
  for (const auto& entry : profile.script) {
    if (entry.file_sha256 == file_sha256) {
      source = "script:" + std::to_string(entry.line);
      return entry.answer;
    }
  }
  source = "fallback";
  return "Transcription simulée du fichier " + file_sha256.substr(0, 12) + ".";
}

}  // namespace etalon::simulator
