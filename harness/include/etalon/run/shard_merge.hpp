// Joins the run folders of a plan's shards (docs/sharding.md) into one run
// folder: every shard must carry the same fingerprint, etalon version, shard
// count and selection; every planned key must be found exactly once. The
// merged results.jsonl lists the results sorted by key (adapter, suite,
// sample, repeat, in byte order), so the same shards always merge to the
// same bytes; the merged run.json records the shards it was built from.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "etalon/core/run_key.hpp"

namespace etalon::run {

// Shards that do not belong together or are not shards at all: the user's to fix.
class ShardMergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ShardSet {
  std::vector<std::string> folders;
  std::vector<nlohmann::json> records;  // each folder's run.json
  std::string fingerprint;
  int shard_count = 0;
  nlohmann::json selection;             // the shards' common selection, "shard" removed
  std::vector<int> missing_shards;      // indices of the N shards that no folder holds
};

// Reads and checks every folder's run.json. Throws ShardMergeError.
ShardSet ReadShardSet(const std::vector<std::string>& folders, const std::string& etalon_version);

struct MergedResults {
  std::map<core::RunKey, std::string> lines;  // result line by key
  std::vector<core::RunKey> missing;          // planned, in no shard
  std::vector<core::RunKey> doubled;          // in two shards, or twice in one
  std::vector<core::RunKey> unexpected;       // in a shard, not planned
};

// Reads every shard's results.jsonl and checks the keys against `planned`.
// Throws ShardMergeError when a results file cannot be read or holds a line
// that is not a result.
MergedResults CollectResults(const ShardSet& shards, const std::set<core::RunKey>& planned);

// results.jsonl of the merged run: `results.lines` in key order.
std::string MergedJournal(const MergedResults& results);

// run.json of the merged run: the shards' fingerprint, components and
// selection; the earliest start; every shard's attempts; and `merged_shards`
// ({folder, shard, started_at} each).
nlohmann::json MergedRunRecord(const ShardSet& shards);

}  // namespace etalon::run
