// `etalon import csv FILE --map FIELD=COLUMN,... --out DIR`: a spreadsheet
// export becomes a dataset folder (data.jsonl and a datasheet to fill in).
#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

int RunImportCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
