#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon judge RUN_DIR --judge FILE.yaml [--out DIR] [--resume] [-q]
// Has a judge model grade a finished run's answers with a rubric
// (docs/judge.md): appends DIR/judgments.jsonl (DIR: --out, else RUN_DIR),
// one line per judgment, and writes DIR/judgments.json. Returns 0; 2 on a usage or input error
// (nothing judged); 3 when judging was cut short (resumable with --resume).
int RunJudgeCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
