// Which adapters are classical baselines: the simple methods a model must
// beat before anyone pays for it (docs/frugality.md). Kept apart from the
// floor computation so the plan loader can record the flag without the
// comparison engine.
#pragma once

#include <optional>
#include <string>

namespace etalon::frugality {

// Every `builtin:*` kind and the `command` presets tesseract, apertium and
// pocketsphinx, unless the plan's `baseline:` says otherwise (`declared`).
bool IsClassicalBaseline(const std::string& kind, const std::string& preset, std::optional<bool> declared);

}  // namespace etalon::frugality
