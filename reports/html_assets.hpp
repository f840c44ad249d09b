// The HTML scorecard's own style sheet and filter script: constants etalon
// wrote, inlined so the page makes no request. The script's sha256 goes into
// the page's Content-Security-Policy, so no other script can run there.
#pragma once

#include <string_view>

namespace etalon::reports {

// Colours meet WCAG AA contrast (4.5:1 for text) on white; focus stays
// visible; a print style sheet shows every row and hides the controls.
extern const std::string_view kHtmlStyle;

// Filters the per-sample table by suite, adapter, failures and free text.
// The table is complete without it: the controls stay hidden until it runs.
extern const std::string_view kHtmlFilterScript;

}  // namespace etalon::reports
