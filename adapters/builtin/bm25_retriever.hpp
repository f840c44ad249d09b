// builtin:bm25 — the retrieval baseline over a JSONL corpus ({"id", "title",
// "text"} a line), indexed once when the adapter is built.
//   mode: retrieve  answers the ids of the k best passages, as a JSON array
//   mode: answer    answers the sentence of the best passages' texts (titles
//                   excluded) that best matches the question (an extractive RAG baseline)
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "builtin/bm25_ranker.hpp"
#include "local/pooled_adapter.hpp"

namespace etalon::adapters {

struct Passage {
  std::string id;
  std::string title;
  std::string text;
};

// Reads a corpus file; an error message (file:line: field) on failure.
std::variant<std::vector<Passage>, std::string> LoadCorpus(const std::string& path);

class Bm25RetrieverAdapter final : public PooledAdapter {
 public:
  enum class Mode { kRetrieve, kAnswer };

  Bm25RetrieverAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay,
                       std::vector<Passage> corpus, Mode mode, std::size_t k, std::string question_field,
                       Bm25Parameters parameters);
  core::Capabilities GetCapabilities() const override { return {}; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  std::vector<Passage> corpus_;
  Bm25Index index_;
  Mode mode_;
  std::size_t k_;
  std::string question_field_;
  Bm25Parameters parameters_;
};

}  // namespace etalon::adapters
