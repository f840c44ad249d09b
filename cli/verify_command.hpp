#pragma once

#include <string>
#include <vector>

namespace etalon::cli {

// etalon verify DIR
// Checks a published site against its manifest.json: hashes every listed
// file again and prints each one altered or missing and each file present
// but not listed. Returns 0 when everything matches, 1 when anything
// differs (the evidence was altered), 2 on a usage or input error (no
// manifest, or a malformed one: the file and field are named).
int RunVerifyCommand(const std::vector<std::string>& args);

}  // namespace etalon::cli
