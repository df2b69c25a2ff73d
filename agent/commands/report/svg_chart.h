// Inline SVG charts on a time axis: scales from values to coordinates (public, so tests can check
// where a point was drawn), the axes with their ticks, series as bands and lines, and marks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "agent/commands/report/decimated_series.h"

namespace horolog::report {

// A linear mapping of [from_min, from_max] onto [to_min, to_max] (to_min may exceed to_max, as on
// a y axis that grows upwards).
struct Scale {
  double from_min = 0;
  double from_max = 1;
  double to_min = 0;
  double to_max = 1;

  double operator()(double value) const noexcept;
};

// The chart's size in pixels and the margins the axis labels sit in.
struct ChartBox {
  double width = 960;
  double height = 220;
  double left = 90;
  double right = 16;
  double top = 12;
  double bottom = 30;
};

// The time axis over [first_s, last_s]; a single instant gets a minute either side.
Scale time_scale(double first_s, double last_s, const ChartBox& box);
// The value axis over [min, max], upwards; a single value gets one unit either side.
Scale value_scale(double min, double max, const ChartBox& box);

// The same number as the chart writes it in coordinates ("%.2f").
std::string coordinate(double value);

class SvgChart {
 public:
  // Writes the opening <svg> with its frame, ticks and `value_label` on the y axis.
  SvgChart(std::string& out, const ChartBox& box, Scale x, Scale y, std::string_view value_label);
  SvgChart(const SvgChart&) = delete;
  SvgChart& operator=(const SvgChart&) = delete;
  ~SvgChart();  // writes </svg>

  // The error band of the buckets (low to high), as one polygon; nothing when it has no width.
  void band(const std::vector<SeriesBucket>& buckets, std::string_view css_class);
  // A polyline through the buckets: one point per single-point bucket, two (min and max) at the
  // time of a merged one. `title` shows when pointed at.
  void line(const std::vector<SeriesBucket>& buckets, std::string_view css_class,
            std::string_view title);
  // A vertical line across the plot at `time_s`, with `title` to point at.
  void mark(double time_s, std::string_view css_class, std::string_view title);

 private:
  void axes(std::string_view value_label);

  std::string& out_;
  ChartBox box_;
  Scale x_;
  Scale y_;
};

}  // namespace horolog::report
