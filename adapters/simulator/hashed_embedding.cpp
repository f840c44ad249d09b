#include "hashed_embedding.hpp"

#include <cmath>
#include <cstdint>

#include "builtin/folded_text.hpp"

namespace etalon::simulator {

namespace {

std::uint64_t Fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::vector<double> HashedEmbedding(std::string_view text, int dimensions) {
  std::vector<double> vector(static_cast<std::size_t>(dimensions), 0.0);
  const std::string folded = adapters::FoldForMatching(text);  // " mot mot " form
  std::size_t start = 0;
  while ((start = folded.find_first_not_of(' ', start)) != std::string::npos) {
    const std::size_t end = folded.find(' ', start);
    const std::uint64_t hash = Fnv1a(std::string_view(folded).substr(start, end - start));
    vector[hash % vector.size()] += (hash >> 63) != 0 ? 1.0 : -1.0;
    start = end;
  }
  double norm = 0;
  for (const double value : vector) {
    norm += value * value;
  }
  if (norm > 0) {
    norm = std::sqrt(norm);
    for (double& value : vector) {
      value /= norm;
    }
  }
  return vector;
}

}  // namespace etalon::simulator
