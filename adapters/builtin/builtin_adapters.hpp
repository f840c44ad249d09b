// In-process baselines that need no model: the floor every model must beat,
// and the engine's own test instruments.
//   builtin:echo          returns the rendered prompt (harness self-test; with delay_ms, a null model),
//                         or a sample field unchanged (the copy-the-source floor of translation)
//   builtin:lead          the first k sentences of a text field (summarisation baseline)
//   builtin:bm25-extract  the context sentence that best matches the question (extractive QA baseline)
#pragma once

#include <chrono>
#include <string>

#include "builtin/bm25_ranker.hpp"
#include "local/pooled_adapter.hpp"

namespace etalon::adapters {

class EchoAdapter final : public PooledAdapter {
 public:
  // `field` empty: answers the prompt; else answers that sample field (a
  // copy-the-source floor for translation).
  EchoAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay, std::string field);
  core::Capabilities GetCapabilities() const override { return {}; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  std::string field_;
};

class LeadAdapter final : public PooledAdapter {
 public:
  LeadAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay, std::size_t sentences,
              std::string field);
  core::Capabilities GetCapabilities() const override { return {}; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  std::size_t sentences_;
  std::string field_;
};

class Bm25ExtractAdapter final : public PooledAdapter {
 public:
  Bm25ExtractAdapter(std::string id, std::size_t threads, std::chrono::milliseconds delay,
                     std::string context_field, std::string question_field, Bm25Parameters parameters);
  core::Capabilities GetCapabilities() const override { return {}; }

 protected:
  core::Response Compute(const core::Request& request) override;

 private:
  std::string context_field_;
  std::string question_field_;
  Bm25Parameters parameters_;
};

}  // namespace etalon::adapters
