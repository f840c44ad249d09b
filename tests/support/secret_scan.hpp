// Looking for an API key where it must never be: every file under a folder,
// in the forms a key leaks in (plain, base64, base64url).
#pragma once

#include <string>
#include <vector>

namespace etalon::testing {

// `secret` plain, in base64 and in base64url, without padding (so a form
// inside a longer encoded text is found too).
std::vector<std::string> SecretForms(const std::string& secret);

// "path: form" for every file under `folder` (recursively) holding a form of
// `secret`; `files_scanned` counts the regular files read.
std::vector<std::string> FindSecret(const std::string& folder, const std::string& secret, std::size_t& files_scanned);

}  // namespace etalon::testing
