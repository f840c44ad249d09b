#include "html_assets.hpp"

namespace etalon::reports {

const std::string_view kHtmlStyle = R"css(
:root { --ink: #1e1e1e; --muted: #4a4a4a; --accent: #000091; --line: #c8c8c8; --band: #f3f3f8; --bad: #a4141b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 12px; }
h1 { font-size: 1.7rem; margin: 20px 0 4px; }
h2 { font-size: 1.35rem; margin: 36px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.1rem; margin: 24px 0 6px; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, summary:focus { outline: 3px solid #0a76f6; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
nav ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.note { color: var(--muted); font-size: 0.93rem; }
.status-complete { color: #18753c; font-weight: 600; }
.status-incomplete, .status-cancelled, .failed { color: var(--bad); font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.93rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--band); }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
.label-measured, .label-estimated { display: inline-block; border-radius: 3px; padding: 0 5px; font-size: 0.8rem; font-weight: 600; }
.label-measured { background: #dff5e6; color: #0f4d25; }
.label-estimated { background: #fdf0d9; color: #6b3e00; }
svg.ci { display: block; margin-top: 2px; }
svg.ci .track { fill: #e3e3eb; }
svg.ci .bar { fill: var(--accent); }
svg.ci .whisker, svg.chart .whisker { stroke: var(--ink); stroke-width: 1.5; }
svg.chart { width: 100%; max-width: 640px; height: auto; font-size: 12px; fill: var(--ink); }
svg.chart .axis { stroke: var(--ink); }
svg.chart .grid { stroke: #e0e0e0; }
svg.chart .label { font-weight: 600; }
svg.chart .point { fill: var(--accent); }
svg.chart .front { fill: none; stroke: #b34000; stroke-width: 2; stroke-dasharray: 6 4; }
svg.chart .range { stroke: var(--accent); stroke-width: 3; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.charts figure { margin: 0; flex: 1 1 480px; }
figcaption { font-size: 0.9rem; color: var(--muted); }
.samples td { max-width: 320px; white-space: pre-wrap; overflow-wrap: anywhere; }
.samples td.scores { white-space: pre; text-align: right; font-variant-numeric: tabular-nums; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: end; margin: 8px 0; }
.filters label { display: block; font-size: 0.9rem; font-weight: 600; }
.filters select, .filters input[type=search] { font: inherit; padding: 2px 4px; }
footer { margin-top: 40px; border-top: 1px solid var(--line); padding: 12px 24px 24px; color: var(--muted); font-size: 0.9rem; }
@media print {
  body { font-size: 10pt; }
  nav, .filters, .skip { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  .samples tr[hidden] { display: table-row; }
  a { color: inherit; text-decoration: none; }
}
)css";

const std::string_view kHtmlFilterScript = R"js(
(function () {
  var form = document.getElementById('sample-filters');
  var rows = document.querySelectorAll('#sample-table tbody tr');
  var counter = document.getElementById('sample-count');
  function apply() {
    var suite = form.elements.suite.value, adapter = form.elements.adapter.value;
    var failures = form.elements.failures.checked, text = form.elements.text.value.toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var keep = (!suite || row.dataset.suite === suite) && (!adapter || row.dataset.adapter === adapter) &&
                 (!failures || row.dataset.ok === 'false') && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !keep;
      if (keep) shown++;
    }
    counter.textContent = String(shown);
  }
  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(); });
})();
)js";

}  // namespace etalon::reports
