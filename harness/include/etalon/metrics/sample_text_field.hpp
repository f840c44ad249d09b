// Reading a text field of a sample for a scorer: the field's string, or the
// message for SampleScore::error when it is missing, not a string or not
// valid UTF-8 (dataset text is untrusted like model output).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "etalon/core/sample.hpp"

namespace etalon::metrics {

struct SampleText {
  std::optional<std::string> text;   // unset when the field is absent (and not required) or on error
  std::optional<std::string> error;  // for SampleScore::error
};

// `required`: a missing or null field is an error; otherwise it reads as no text.
SampleText SampleTextField(const core::Sample& sample, std::string_view name, bool required);

}  // namespace etalon::metrics
