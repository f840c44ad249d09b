// Inline SVG charts for the HTML scorecard: no script, no external file.
// Each chart is an <svg role="img"> with a <title> and a <desc> that states
// its data in words, for screen readers (RGAA 1.3, WCAG 1.1.1); the figures
// also sit in a table beside it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "etalon/reports/reporter.hpp"
#include "markup_writer.hpp"

namespace etalon::reports {

struct ChartPoint {
  std::string label;
  double x = 0;
  double y = 0;
};

struct ScatterChart {
  std::string id;  // unique in the page; ids of title and desc derive from it
  std::string title;
  std::string description;
  std::string x_label;
  std::string y_label;
  std::vector<ChartPoint> points;
  bool higher_is_better = true;  // of y; x is a cost (lower is better)
  bool log_x = false;
};

struct LatencyRow {
  std::string label;
  double p50 = 0, p90 = 0, p95 = 0, p99 = 0;
};

struct LatencyChart {
  std::string id;
  std::string title;
  std::string description;
  std::vector<LatencyRow> rows;
};

// Indices of the points no other point beats on both axes (lower x and
// better y), sorted by x: the Pareto front.
std::vector<std::size_t> ParetoFront(const std::vector<ChartPoint>& points, bool higher_is_better);

// A mean's position between `low` and `high`, with its 95% interval as a
// whisker. Decorative (aria-hidden): the cell's text gives the numbers.
void WriteIntervalBar(MarkupWriter& out, double value, std::optional<std::pair<double, double>> interval, double low,
                      double high);

void WriteScatterChart(MarkupWriter& out, const ScatterChart& chart, Language language);

// p50 to p99 per row on a log scale, ticks at p90 and p95.
void WriteLatencyChart(MarkupWriter& out, const LatencyChart& chart, Language language);

}  // namespace etalon::reports
