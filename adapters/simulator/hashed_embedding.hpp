// Deterministic embeddings that carry some meaning: each lower-cased,
// accent-folded word adds +1 or -1 (by its hash) to one of `dimensions`
// coordinates (also by its hash); the vector is L2-normalised. Texts sharing
// words get a positive cosine, so retrieval over them behaves sensibly.
#pragma once

#include <string_view>
#include <vector>

namespace etalon::simulator {

std::vector<double> HashedEmbedding(std::string_view text, int dimensions);

}  // namespace etalon::simulator
