#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "report_text.hpp"

namespace etalon::reports {

namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 340;
constexpr double kLeft = 72;
constexpr double kRight = 24;
constexpr double kTop = 16;
constexpr double kBottom = 56;

// Coordinates are layout, not figures for people: always a decimal point.
std::string Coordinate(double value) { return fmt::format("{:.1f}", value); }

// A power of ten as people write it: 0,01, 1, 1 000 as numbers; beyond, 10⁻⁶ or 10⁶.
std::string PowerOfTen(int exponent, Language language) {
  if (exponent >= -2 && exponent <= 4) {
    return FormatNumber(std::pow(10.0, exponent), exponent < 0 ? -exponent : 0, language);
  }
  static const char* const kSuperscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string text = exponent < 0 ? "10⁻" : "10";
  for (const char digit : std::to_string(std::abs(exponent))) text += kSuperscripts[digit - '0'];
  return text;
}

// Maps data values onto a pixel range, linearly or on log10.
class Axis {
 public:
  Axis(double low, double high, double pixel_low, double pixel_high, bool log)
      : log_(log), pixel_low_(pixel_low), pixel_high_(pixel_high) {
    if (log_) {
      low = std::max(low, 1e-6);
      high = std::max(high, low);
      low_ = std::floor(std::log10(low));
      high_ = std::ceil(std::log10(high));
      if (high_ <= low_) high_ = low_ + 1;
    } else {
      // At least 2% of the values' magnitude, so near-equal values get distinct ticks.
      const double pad = std::max((high - low) * 0.08, 0.02 * std::max({std::abs(low), std::abs(high), 1.0}));
      low_ = low - pad;
      high_ = high + pad;
    }
  }

  double Pixel(double value) const {
    const double position = log_ ? std::log10(std::max(value, 1e-6)) : value;
    return pixel_low_ + (position - low_) / (high_ - low_) * (pixel_high_ - pixel_low_);
  }

  std::vector<double> Ticks() const {
    std::vector<double> ticks;
    if (log_) {
      for (double exponent = low_; exponent <= high_; ++exponent) {
        ticks.push_back(std::pow(10.0, exponent));
      }
    } else {
      for (int i = 0; i <= 4; ++i) {
        ticks.push_back(low_ + (high_ - low_) * i / 4.0);
      }
    }
    return ticks;
  }

  std::string TickText(double tick, Language language) const {
    if (log_) return PowerOfTen(static_cast<int>(std::lround(std::log10(tick))), language);
    const double span = high_ - low_;
    return FormatNumber(tick, span >= 50 ? 0 : span >= 5 ? 1 : span >= 0.5 ? 2 : 3, language);
  }

 private:
  bool log_;
  double low_ = 0;
  double high_ = 1;
  double pixel_low_;
  double pixel_high_;
};

void OpenChart(MarkupWriter& out, const std::string& id, const std::string& title, const std::string& description,
               double height) {
  out.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"class", "chart"},
                   {"viewBox", fmt::format("0 0 {} {}", kWidth, height)},
                   {"role", "img"},
                   {"aria-labelledby", id + "-title " + id + "-desc"}});
  out.Element("title", {{"id", id + "-title"}}, title);
  out.Element("desc", {{"id", id + "-desc"}}, description);
}

void WriteXAxis(MarkupWriter& out, const Axis& axis, const std::string& label, double plot_bottom, Language language) {
  out.Empty("line", {{"class", "axis"}, {"x1", Coordinate(kLeft)}, {"y1", Coordinate(plot_bottom)},
                     {"x2", Coordinate(kWidth - kRight)}, {"y2", Coordinate(plot_bottom)}}, true);
  for (const double tick : axis.Ticks()) {
    const auto x = Coordinate(axis.Pixel(tick));
    out.Empty("line", {{"class", "grid"}, {"x1", x}, {"y1", Coordinate(kTop)}, {"x2", x}, {"y2", Coordinate(plot_bottom)}},
              true);
    out.Element("text", {{"x", x}, {"y", Coordinate(plot_bottom + 16)}, {"text-anchor", "middle"}},
                axis.TickText(tick, language));
  }
  out.Element("text", {{"class", "label"}, {"x", Coordinate((kLeft + kWidth - kRight) / 2)},
                       {"y", Coordinate(plot_bottom + 40)}, {"text-anchor", "middle"}},
              label);
}

}  // namespace

std::vector<std::size_t> ParetoFront(const std::vector<ChartPoint>& points, bool higher_is_better) {
  const auto better = [&](double a, double b) { return higher_is_better ? a > b : a < b; };
  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < points.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) {
      const bool no_worse = points[j].x <= points[i].x && !better(points[i].y, points[j].y);
      const bool strictly_better = points[j].x < points[i].x || better(points[j].y, points[i].y);
      dominated = j != i && no_worse && strictly_better;
    }
    if (!dominated) {
      front.push_back(i);
    }
  }
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    return std::make_pair(points[a].x, points[a].label) < std::make_pair(points[b].x, points[b].label);
  });
  return front;
}

void WriteIntervalBar(MarkupWriter& out, double value, std::optional<std::pair<double, double>> interval, double low,
                      double high) {
  constexpr double kBarWidth = 96;
  const auto place = [&](double v) {
    const double span = high > low ? high - low : 1;
    return Coordinate(std::clamp((v - low) / span, 0.0, 1.0) * kBarWidth);
  };
  out.Open("svg", {{"xmlns", "http://www.w3.org/2000/svg"}, {"class", "ci"}, {"viewBox", "0 0 96 12"},
                   {"width", "96"}, {"height", "12"}, {"aria-hidden", "true"}, {"focusable", "false"}});
  out.Empty("rect", {{"class", "track"}, {"x", "0"}, {"y", "4"}, {"width", "96"}, {"height", "4"}}, true);
  out.Empty("rect", {{"class", "bar"}, {"x", "0"}, {"y", "4"}, {"width", place(value)}, {"height", "4"}}, true);
  if (interval) {
    out.Empty("line", {{"class", "whisker"}, {"x1", place(interval->first)}, {"y1", "6"}, {"x2", place(interval->second)},
                       {"y2", "6"}}, true);
    for (const double end : {interval->first, interval->second}) {
      out.Empty("line", {{"class", "whisker"}, {"x1", place(end)}, {"y1", "1"}, {"x2", place(end)}, {"y2", "11"}}, true);
    }
  }
  out.Close("svg");
}

void WriteScatterChart(MarkupWriter& out, const ScatterChart& chart, Language language) {
  const double plot_bottom = kHeight - kBottom;
  double x_low = chart.points.front().x, x_high = x_low, y_low = chart.points.front().y, y_high = y_low;
  for (const auto& point : chart.points) {
    x_low = std::min(x_low, point.x);
    x_high = std::max(x_high, point.x);
    y_low = std::min(y_low, point.y);
    y_high = std::max(y_high, point.y);
  }
  const Axis x_axis(x_low, x_high, kLeft, kWidth - kRight, chart.log_x);
  const Axis y_axis(y_low, y_high, plot_bottom, kTop, false);
  OpenChart(out, chart.id, chart.title, chart.description, kHeight);
  WriteXAxis(out, x_axis, chart.x_label, plot_bottom, language);
  out.Empty("line", {{"class", "axis"}, {"x1", Coordinate(kLeft)}, {"y1", Coordinate(kTop)}, {"x2", Coordinate(kLeft)},
                     {"y2", Coordinate(plot_bottom)}}, true);
  for (const double tick : y_axis.Ticks()) {
    out.Element("text", {{"x", Coordinate(kLeft - 6)}, {"y", Coordinate(y_axis.Pixel(tick) + 4)}, {"text-anchor", "end"}},
                y_axis.TickText(tick, language));
  }
  out.Element("text", {{"class", "label"}, {"x", "14"}, {"y", Coordinate((kTop + plot_bottom) / 2)},
                       {"text-anchor", "middle"},
                       {"transform", fmt::format("rotate(-90 14 {})", Coordinate((kTop + plot_bottom) / 2))}},
              chart.y_label);
  std::string front_path;
  for (const auto index : ParetoFront(chart.points, chart.higher_is_better)) {
    front_path += fmt::format("{}{},{}", front_path.empty() ? "" : " ", Coordinate(x_axis.Pixel(chart.points[index].x)),
                              Coordinate(y_axis.Pixel(chart.points[index].y)));
  }
  out.Empty("polyline", {{"class", "front"}, {"points", front_path}}, true);
  for (const auto& point : chart.points) {
    const auto x = x_axis.Pixel(point.x);
    const auto y = y_axis.Pixel(point.y);
    out.Empty("circle", {{"class", "point"}, {"cx", Coordinate(x)}, {"cy", Coordinate(y)}, {"r", "5"}}, true);
    const bool right_half = x > (kLeft + kWidth - kRight) / 2;
    out.Element("text", {{"x", Coordinate(right_half ? x - 8 : x + 8)}, {"y", Coordinate(y - 8)},
                         {"text-anchor", right_half ? "end" : "start"}},
                point.label);
  }
  out.Close("svg");
}

void WriteLatencyChart(MarkupWriter& out, const LatencyChart& chart, Language language) {
  constexpr double kRowHeight = 28;
  const double plot_bottom = kTop + kRowHeight * static_cast<double>(chart.rows.size()) + 8;
  double low = chart.rows.front().p50, high = chart.rows.front().p99;
  for (const auto& row : chart.rows) {
    low = std::min(low, row.p50);
    high = std::max(high, row.p99);
  }
  constexpr double kLabelWidth = 150;
  const Axis axis(low, high, kLabelWidth, kWidth - kRight, true);
  OpenChart(out, chart.id, chart.title, chart.description, plot_bottom + kBottom);
  out.Empty("line", {{"class", "axis"}, {"x1", Coordinate(kLabelWidth)}, {"y1", Coordinate(plot_bottom)},
                     {"x2", Coordinate(kWidth - kRight)}, {"y2", Coordinate(plot_bottom)}}, true);
  for (const double tick : axis.Ticks()) {
    const auto x = Coordinate(axis.Pixel(tick));
    out.Empty("line", {{"class", "grid"}, {"x1", x}, {"y1", Coordinate(kTop)}, {"x2", x}, {"y2", Coordinate(plot_bottom)}},
              true);
    out.Element("text", {{"x", x}, {"y", Coordinate(plot_bottom + 16)}, {"text-anchor", "middle"}},
                axis.TickText(tick, language));
  }
  out.Element("text", {{"class", "label"}, {"x", Coordinate((kLabelWidth + kWidth - kRight) / 2)},
                       {"y", Coordinate(plot_bottom + 40)}, {"text-anchor", "middle"}},
              Say(language, "millisecondes (échelle logarithmique) : p50 ● — p90, p95 | — p99",
                  "milliseconds (log scale): p50 ● — p90, p95 | — p99"));
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const auto& row = chart.rows[i];
    const double y = kTop + kRowHeight * (static_cast<double>(i) + 0.5);
    out.Element("text", {{"x", Coordinate(kLabelWidth - 8)}, {"y", Coordinate(y + 4)}, {"text-anchor", "end"}}, row.label);
    out.Empty("line", {{"class", "range"}, {"x1", Coordinate(axis.Pixel(row.p50))}, {"y1", Coordinate(y)},
                       {"x2", Coordinate(axis.Pixel(row.p99))}, {"y2", Coordinate(y)}}, true);
    for (const double tick : {row.p90, row.p95, row.p99}) {
      const auto x = Coordinate(axis.Pixel(tick));
      out.Empty("line", {{"class", "whisker"}, {"x1", x}, {"y1", Coordinate(y - 6)}, {"x2", x}, {"y2", Coordinate(y + 6)}},
                true);
    }
    out.Empty("circle", {{"class", "point"}, {"cx", Coordinate(axis.Pixel(row.p50))}, {"cy", Coordinate(y)}, {"r", "5"}},
              true);
  }
  out.Close("svg");
}

}  // namespace etalon::reports
