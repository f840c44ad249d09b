// An API key kept in a file (the `api_key_file` option), for machines where
// a secret store mounts keys as files rather than setting variables. The
// file must be private: a regular file owned by the user running etalon,
// readable by no one else (mode 0600 or stricter), holding the key alone.
#pragma once

#include <string>
#include <variant>

namespace etalon::adapters::http {

struct KeyFileProblem {
  std::string message;  // names the file, never its content
};

// The key in `path`, without its trailing line break.
std::variant<std::string, KeyFileProblem> ReadKeyFile(const std::string& path);

}  // namespace etalon::adapters::http
