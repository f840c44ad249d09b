// A static site over several finished runs: a leaderboard (index.html), one
// folder per run with its evidence files and its HTML report, and a manifest
// of every file's sha256, written last. Nothing in it makes a request, and
// the same runs always give the same bytes.
//
//   SITE/index.html                     leaderboard: run x adapter x suite
//   SITE/runs/<run-id>/index.html       the run's HTML report
//   SITE/runs/<run-id>/summary.json     evidence, copied byte for byte
//   SITE/runs/<run-id>/results.jsonl
//   SITE/runs/<run-id>/run.json
//   SITE/manifest.json                  see site_manifest.hpp
#pragma once

#include <string>
#include <vector>

#include "etalon/reports/reporter.hpp"

namespace etalon::reports {

// The run folder's own name made safe as one path component: characters
// other than letters, digits, '.', '_' and '-' become '-', leading dots and
// dashes go, so no id can name a parent folder or a hidden one. A folder
// given as "a/b/" or "a/b/.." is named by its last real component. Throws
// std::runtime_error when nothing usable is left.
std::string SiteRunId(const std::string& run_folder);

// The files copied from each run folder, in this order.
const std::vector<std::string>& SiteEvidenceFiles();

// Writes the site into `site` (created when absent). Throws std::invalid_argument
// naming the run folder when one is missing, unfinished (no summary.json),
// lacks an evidence file or shares its id with another; std::runtime_error
// when a file cannot be written.
void PublishSite(const std::vector<std::string>& run_folders, const std::string& site, Language language);

}  // namespace etalon::reports
