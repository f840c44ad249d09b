#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon score --metric NAME --hyp FILE --ref FILE [--ref FILE ...]
//              [--param KEY=VALUE ...] [--sentence]
// Scores a file of outputs, one a line, against one or more reference files
// (line i of each is a reference of output i) with a metric from the
// registry, without running a model. Prints JSON on stdout: one object for
// the corpus, or with --sentence one object a line per segment. Returns 0, or
// 2 on a usage or input error (unreadable file, different line counts,
// unknown metric or parameter), with the message on stderr.
int RunScoreCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
