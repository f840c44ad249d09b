#include "etalon/metrics/rouge.hpp"

#include <algorithm>
#include <span>

#include "etalon/metrics/decoded_sample.hpp"
#include "etalon/text/intern_tokens.hpp"
#include "etalon/text/ngram_overlap.hpp"
#include "etalon/text/porter_stemmer.hpp"
#include "etalon/text/python_str.hpp"
#include "etalon/text/unicode_properties.hpp"
#include "etalon/text/utf8.hpp"

namespace etalon::metrics {

namespace {

// rouge_score stems only tokens longer than this.
constexpr std::size_t kShortestStemmed = 4;

using TokenIds = std::vector<std::uint32_t>;

const char* TypeName(RougeType type) {
  switch (type) {
    case RougeType::kRouge1:
      return "rouge1";
    case RougeType::kRouge2:
      return "rouge2";
    case RougeType::kRougeL:
      return "rougeL";
    case RougeType::kRougeLsum:
      return "rougeLsum";
  }
  return "rouge1";
}

const char* TypeDescription(RougeType type) {
  switch (type) {
    case RougeType::kRouge1:
      return "ROUGE-1 F-measure (unigram overlap)";
    case RougeType::kRouge2:
      return "ROUGE-2 F-measure (bigram overlap)";
    case RougeType::kRougeL:
      return "ROUGE-L F-measure (longest common subsequence)";
    case RougeType::kRougeLsum:
      return "ROUGE-Lsum F-measure (union LCS over newline-separated sentences)";
  }
  return "";
}

MetricInfo MakeInfo(RougeType type, RougeTokenizer tokenizer, bool use_stemmer) {
  std::string name = TypeName(type);
  std::string description = TypeDescription(type);
  std::string reference;
  if (tokenizer == RougeTokenizer::kUnicode) {
    description += " on Unicode word tokens (French-safe), mean over samples.";
  } else {
    name += use_stemmer ? "_rouge_score_stemmed" : "_rouge_score";
    description += use_stemmer ? " as rouge_score 0.1.2 with the Porter stemmer ([a-z0-9] tokens), mean over samples."
                               : " as rouge_score 0.1.2 ([a-z0-9] tokens), mean over samples.";
    reference = use_stemmer ? "rouge_score 0.1.2, nltk 3.8" : "rouge_score 0.1.2";
  }
  return {name, description, 0, 1, true, Aggregation::kMean, reference};
}

double FMeasure(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

// The LCS table of rouge_scorer._lcs_table, row-major (rows + 1) x (cols + 1).
std::vector<std::uint32_t> LcsTable(std::span<const std::uint32_t> reference, std::span<const std::uint32_t> candidate) {
  const std::size_t columns = candidate.size() + 1;
  std::vector<std::uint32_t> table((reference.size() + 1) * columns, 0);
  for (std::size_t i = 1; i <= reference.size(); ++i) {
    for (std::size_t j = 1; j <= candidate.size(); ++j) {
      table[i * columns + j] = reference[i - 1] == candidate[j - 1]
                                   ? table[(i - 1) * columns + j - 1] + 1
                                   : std::max(table[(i - 1) * columns + j], table[i * columns + j - 1]);
    }
  }
  return table;
}

// rouge_scorer._backtrack_norec: the reference positions of one LCS, chosen
// as rouge_score chooses it (left move only when strictly better), which
// matters for the union in ROUGE-Lsum.
std::vector<std::size_t> LcsPositions(std::span<const std::uint32_t> reference,
                                      std::span<const std::uint32_t> candidate) {
  const std::vector<std::uint32_t> table = LcsTable(reference, candidate);
  const std::size_t columns = candidate.size() + 1;
  std::vector<std::size_t> positions;
  std::size_t i = reference.size();
  std::size_t j = candidate.size();
  while (i > 0 && j > 0) {
    if (reference[i - 1] == candidate[j - 1]) {
      positions.push_back(i - 1);
      --i;
      --j;
    } else if (table[i * columns + j - 1] > table[(i - 1) * columns + j]) {
      --j;
    } else {
      --i;
    }
  }
  return positions;
}

RougeScore ScoreNgrams(const TokenIds& target, const TokenIds& prediction, int order) {
  const std::span<const std::uint32_t> targets[] = {target};
  const auto overlap = static_cast<double>(text::NgramMatches(prediction, targets, order).back());
  RougeScore score;
  score.precision = overlap / static_cast<double>(std::max<std::size_t>(text::NgramCount(prediction, order), 1));
  score.recall = overlap / static_cast<double>(std::max<std::size_t>(text::NgramCount(target, order), 1));
  score.fmeasure = FMeasure(score.precision, score.recall);
  return score;
}

RougeScore ScoreLcs(const TokenIds& target, const TokenIds& prediction) {
  RougeScore score;
  if (target.empty() || prediction.empty()) {
    return score;
  }
  const auto length = static_cast<double>(LcsTable(target, prediction).back());
  score.precision = length / static_cast<double>(prediction.size());
  score.recall = length / static_cast<double>(target.size());
  score.fmeasure = FMeasure(score.precision, score.recall);
  return score;
}

// rouge_scorer._summary_level_lcs, with ROUGE 1.5.5's guard against counting
// a token more often than it occurs on either side.
RougeScore ScoreSummaryLcs(std::span<const TokenIds> target_sentences, std::span<const TokenIds> prediction_sentences,
                           std::uint32_t id_count) {
  RougeScore score;
  if (target_sentences.empty() || prediction_sentences.empty()) {
    return score;
  }
  std::vector<int> target_counts(id_count + 1, 0);
  std::vector<int> prediction_counts(id_count + 1, 0);
  std::size_t target_length = 0;
  std::size_t prediction_length = 0;
  for (const TokenIds& sentence : target_sentences) {
    target_length += sentence.size();
    for (const std::uint32_t token : sentence) {
      ++target_counts[token];
    }
  }
  for (const TokenIds& sentence : prediction_sentences) {
    prediction_length += sentence.size();
    for (const std::uint32_t token : sentence) {
      ++prediction_counts[token];
    }
  }
  if (target_length == 0 || prediction_length == 0) {
    return score;
  }
  std::size_t hits = 0;
  for (const TokenIds& reference : target_sentences) {
    std::vector<std::size_t> union_positions;
    for (const TokenIds& candidate : prediction_sentences) {
      const auto positions = LcsPositions(reference, candidate);
      union_positions.insert(union_positions.end(), positions.begin(), positions.end());
    }
    std::sort(union_positions.begin(), union_positions.end());
    union_positions.erase(std::unique(union_positions.begin(), union_positions.end()), union_positions.end());
    for (const std::size_t position : union_positions) {
      const std::uint32_t token = reference[position];
      if (prediction_counts[token] > 0 && target_counts[token] > 0) {
        ++hits;
        --prediction_counts[token];
        --target_counts[token];
      }
    }
  }
  score.recall = static_cast<double>(hits) / static_cast<double>(target_length);
  score.precision = static_cast<double>(hits) / static_cast<double>(prediction_length);
  score.fmeasure = FMeasure(score.precision, score.recall);
  return score;
}

bool IsRougeScoreTokenChar(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9'); }

bool IsUnicodeTokenChar(char32_t c) { return text::IsLetter(c) || text::IsNumber(c) || text::IsMark(c); }

template <typename InToken>
std::vector<std::u32string> Runs(std::u32string_view text, InToken in_token) {
  std::vector<std::u32string> tokens;
  std::u32string current;
  for (const char32_t c : text) {
    if (in_token(c)) {
      current.push_back(c);
    } else if (!current.empty()) {
      tokens.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) {
    tokens.push_back(std::move(current));
  }
  return tokens;
}

// rouge_score splits sentences on "\n" only and drops empty ones.
std::vector<std::u32string_view> Sentences(std::u32string_view text) {
  std::vector<std::u32string_view> sentences;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == U'\n') {
      if (i > start) {
        sentences.push_back(text.substr(start, i - start));
      }
      start = i + 1;
    }
  }
  return sentences;
}

std::vector<std::u32string> TokenizeText(std::u32string_view text, RougeTokenizer tokenizer, bool use_stemmer) {
  if (tokenizer == RougeTokenizer::kUnicode) {
    // Below U+0300 (the first combining mark) every character is already in
    // NFC, so most French text skips the normalisation.
    if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < 0x300; })) {
      return Runs(text::PythonLower(text), IsUnicodeTokenChar);
    }
    const auto composed = text::DecodeUtf8(text::NormalizeNfc(text::EncodeUtf8(text))).value_or(std::u32string());
    return Runs(text::PythonLower(composed), IsUnicodeTokenChar);
  }
  // rouge_score: lowercase, [^a-z0-9]+ as separators, then the stemmer.
  std::vector<std::u32string> tokens = Runs(text::PythonLower(text), IsRougeScoreTokenChar);
  if (use_stemmer) {
    const text::PorterStemmer stemmer;
    for (auto& token : tokens) {
      if (token.size() >= kShortestStemmed) {
        const std::string stemmed = stemmer.Stem(std::string(token.begin(), token.end()));
        token.assign(stemmed.begin(), stemmed.end());
      }
    }
    std::erase_if(tokens, [](const std::u32string& token) { return token.empty(); });
  }
  return tokens;
}

}  // namespace

Rouge::Rouge(RougeType type, RougeTokenizer tokenizer, bool use_stemmer)
    : type_(type),
      tokenizer_(tokenizer),
      use_stemmer_(use_stemmer && tokenizer == RougeTokenizer::kRougeScore),
      info_(MakeInfo(type, tokenizer, use_stemmer_)) {}

std::vector<std::string> Rouge::Tokenize(std::u32string_view text) const {
  std::vector<std::string> encoded;
  for (const auto& token : TokenizeText(text, tokenizer_, use_stemmer_)) {
    encoded.push_back(text::EncodeUtf8(token));
  }
  return encoded;
}

RougeScore Rouge::ScorePair(std::u32string_view target, std::u32string_view prediction) const {
  // Tokenize every piece first, then give the tokens shared ids.
  std::vector<std::vector<std::u32string>> pieces;
  std::size_t target_pieces = 1;
  if (type_ == RougeType::kRougeLsum) {
    const auto target_sentences = Sentences(target);
    target_pieces = target_sentences.size();
    for (const auto sentence : target_sentences) {
      pieces.push_back(TokenizeText(sentence, tokenizer_, use_stemmer_));
    }
    for (const auto sentence : Sentences(prediction)) {
      pieces.push_back(TokenizeText(sentence, tokenizer_, use_stemmer_));
    }
  } else {
    pieces.push_back(TokenizeText(target, tokenizer_, use_stemmer_));
    pieces.push_back(TokenizeText(prediction, tokenizer_, use_stemmer_));
  }
  std::vector<std::vector<std::u32string_view>> views(pieces.size());
  std::size_t token_count = 0;
  for (std::size_t p = 0; p < pieces.size(); ++p) {
    views[p].assign(pieces[p].begin(), pieces[p].end());
    token_count += pieces[p].size();
  }
  const auto ids = text::InternTokens(views);
  switch (type_) {
    case RougeType::kRouge1:
      return ScoreNgrams(ids[0], ids[1], 1);
    case RougeType::kRouge2:
      return ScoreNgrams(ids[0], ids[1], 2);
    case RougeType::kRougeL:
      return ScoreLcs(ids[0], ids[1]);
    case RougeType::kRougeLsum: {
      const std::span<const TokenIds> all(ids);
      return ScoreSummaryLcs(all.first(target_pieces), all.subspan(target_pieces),
                             static_cast<std::uint32_t>(token_count));
    }
  }
  return {};
}

SampleScore Rouge::Score(std::string_view output, const core::Sample& sample) const {
  SampleScore score;
  auto decoded = DecodedSample::Make(output, sample);
  if (auto* message = std::get_if<std::string>(&decoded)) {
    score.error = std::move(*message);
    return score;
  }
  const auto& text = std::get<DecodedSample>(decoded);
  for (const auto& reference : text.references()) {
    score.value = std::max(score.value, ScorePair(reference, text.output()).fmeasure);
  }
  return score;
}

}  // namespace etalon::metrics
