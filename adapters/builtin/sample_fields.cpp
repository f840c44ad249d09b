#include "builtin/sample_fields.hpp"

#include <fmt/format.h>

namespace etalon::adapters {

const std::string* TextField(const core::Request& request, const std::string& field, core::Response& response) {
  if (request.fields != nullptr) {
    const auto found = request.fields->find(field);
    if (found != request.fields->end() && found->is_string()) {
      return &found->get_ref<const std::string&>();
    }
  }
  response.error = core::Error{core::ErrorKind::kAdapterFailure, 0, fmt::format("sample has no text field '{}'", field)};
  return nullptr;
}

}  // namespace etalon::adapters
