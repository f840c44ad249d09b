#include "etalon/run/shard_merge.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "etalon/core/line_reader.hpp"
#include "etalon/run/journal.hpp"
#include "etalon/run/run_folder.hpp"
#include "etalon/run/shard.hpp"

namespace etalon::run {

namespace fs = std::filesystem;

namespace {

nlohmann::json ReadRecord(const std::string& folder) {
  const auto path = (fs::path(folder) / "run.json").string();
  std::ifstream in(path);
  if (!in) {
    throw ShardMergeError(fmt::format("{}: cannot read: not a run folder", path));
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    throw ShardMergeError(fmt::format("{}: not a readable run record ({})", path, error.what()));
  }
}

}  // namespace

ShardSet ReadShardSet(const std::vector<std::string>& folders, const std::string& etalon_version) {
  if (folders.empty()) {
    throw ShardMergeError("no shard folder given");
  }
  ShardSet shards;
  shards.folders = folders;
  std::map<int, std::string> folder_of_index;
  for (const auto& folder : folders) {
    auto record = ReadRecord(folder);
    const auto path = (fs::path(folder) / "run.json").string();
    const auto selection = record.value("selection", nlohmann::json::object());
    if (!selection.contains("shard") || !selection.at("shard").is_string()) {
      throw ShardMergeError(fmt::format("{}: not a shard: the run was not started with --shard K/N", path));
    }
    std::string error;
    const auto shard = ParseShard(selection.at("shard").get<std::string>(), error);
    if (!shard) {
      throw ShardMergeError(fmt::format("{}: selection.shard: {}", path, error));
    }
    const auto version = record.value("etalon_version", "");
    if (version != etalon_version) {
      throw ShardMergeError(
          fmt::format("{}: written by etalon {}, this is etalon {}: merge with the version that ran the shards", path,
                      version, etalon_version));
    }
    auto common_selection = selection;
    common_selection.erase("shard");
    if (shards.records.empty()) {
      shards.fingerprint = record.value("fingerprint", "");
      shards.shard_count = shard->count;
      shards.selection = common_selection;
    } else if (record.value("fingerprint", "") != shards.fingerprint) {
      throw ShardMergeError(fmt::format("{}: fingerprint {} differs from {}'s {}: the shards ran different plans", path,
                                        record.value("fingerprint", ""), folders.front(), shards.fingerprint));
    } else if (shard->count != shards.shard_count) {
      throw ShardMergeError(fmt::format("{}: shard {} is one of {}, but {} is one of {}", path, shard->ToString(),
                                        shard->count, folders.front(), shards.shard_count));
    } else if (common_selection != shards.selection) {
      throw ShardMergeError(fmt::format("{}: selection {} differs from {}'s {}", path, common_selection.dump(),
                                        folders.front(), shards.selection.dump()));
    }
    if (const auto [existing, inserted] = folder_of_index.emplace(shard->index, folder); !inserted) {
      throw ShardMergeError(fmt::format("shard {} given twice: {} and {}", shard->ToString(), existing->second, folder));
    }
    shards.records.push_back(std::move(record));
  }
  for (int index = 1; index <= shards.shard_count; ++index) {
    if (folder_of_index.count(index) == 0) {
      shards.missing_shards.push_back(index);
    }
  }
  return shards;
}

MergedResults CollectResults(const ShardSet& shards, const std::set<core::RunKey>& planned) {
  MergedResults merged;
  std::set<core::RunKey> doubled;
  for (const auto& folder : shards.folders) {
    const auto results_path = (fs::path(folder) / "results.jsonl").string();
    core::LineReader reader(results_path);
    if (!reader.is_open()) {
      throw ShardMergeError(fmt::format("{}: cannot read the results", results_path));
    }
    std::string line;
    while (reader.Next(line)) {
      if (line.empty()) {
        continue;
      }
      core::RunKey key;
      try {
        key = Journal::KeyOf(nlohmann::json::parse(line));
      } catch (const nlohmann::json::exception& error) {
        throw ShardMergeError(
            fmt::format("{}:{}: not a result line ({})", results_path, reader.line_number(), error.what()));
      }
      if (planned.count(key) == 0) {
        merged.unexpected.push_back(key);
      } else if (!merged.lines.emplace(key, line).second) {
        doubled.insert(key);
      }
    }
  }
  merged.doubled.assign(doubled.begin(), doubled.end());
  for (const auto& key : planned) {
    if (merged.lines.count(key) == 0) {
      merged.missing.push_back(key);
    }
  }
  return merged;
}

std::string MergedJournal(const MergedResults& results) {
  std::string journal;
  for (const auto& [key, line] : results.lines) {
    journal += line;
    journal += '\n';
  }
  return journal;
}

nlohmann::json MergedRunRecord(const ShardSet& shards) {
  const auto& first = shards.records.front();
  nlohmann::json record = {{"schema", kRunRecordSchemaVersion},
                           {"etalon_version", first.value("etalon_version", "")},
                           {"git_sha", first.value("git_sha", "")},
                           {"started_at", first.value("started_at", "")},
                           {"fingerprint", shards.fingerprint},
                           {"components", first.value("components", nlohmann::json::object())},
                           {"selection", shards.selection},
                           {"attempts", nlohmann::json::array()},
                           {"merged_shards", nlohmann::json::array()}};
  for (std::size_t i = 0; i < shards.records.size(); ++i) {
    const auto& shard = shards.records[i];
    // ISO 8601 UTC strings of one format order as text does.
    record["started_at"] = std::min(record["started_at"].get<std::string>(), shard.value("started_at", ""));
    for (const auto& attempt : shard.value("attempts", nlohmann::json::array())) {
      record["attempts"].push_back(attempt);
    }
    record["merged_shards"].push_back({{"folder", shards.folders[i]},
                                       {"shard", shard.at("selection").at("shard")},
                                       {"started_at", shard.value("started_at", "")}});
  }
  return record;
}

}  // namespace etalon::run
