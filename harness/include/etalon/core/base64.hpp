// Base64 (RFC 4648, with padding) through OpenSSL: images sent as data URLs,
// and the forms of a secret looked for in vendors' answers.
#pragma once

#include <string>
#include <string_view>

namespace etalon::core {

std::string Base64(std::string_view bytes);

}  // namespace etalon::core
