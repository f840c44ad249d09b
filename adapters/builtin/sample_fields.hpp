// Reading a sample's text field from a request, with the error response
// every builtin baseline gives when the field is absent.
#pragma once

#include <string>

#include "etalon/core/request.hpp"
#include "etalon/core/response.hpp"

namespace etalon::adapters {

// The field's text, or nullptr after setting `response.error` (naming the field).
const std::string* TextField(const core::Request& request, const std::string& field, core::Response& response);

}  // namespace etalon::adapters
