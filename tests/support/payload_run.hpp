// A finished run folder whose outputs and dataset hold hostile text: script
// tags, event-handler attributes, javascript: links and (in results.jsonl,
// as a journal from another tool could) bytes that are not UTF-8. Made by the
// real etalon binary (builtin:echo answers with the sample's input), for
// report tests.
#pragma once

#include <string>

#include "support/temp_dir.hpp"

namespace etalon::testing {

// What a payload does if the browser runs it: sets the page title or this attribute.
inline constexpr const char* kPayloadTitle = "etalon-payload-ran";
inline constexpr const char* kPayloadAttribute = "data-payload=\"ran\"";

struct PayloadRun {
  TempDir dir;
  std::string folder;  // the run folder

  // `samples` samples (the payloads first, then plain ones), one echo adapter,
  // one suite; the run is finished and its reports written.
  explicit PayloadRun(int samples = 8);
};

}  // namespace etalon::testing
