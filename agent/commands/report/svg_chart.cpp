// Plain SVG 1.1 elements only (no scripts, no external references), with <title> children for
// the details a reader wants on hover, so the page stays self-contained and static.
#include "agent/commands/report/svg_chart.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "agent/commands/report/xml_text.h"

namespace horolog::report {

namespace {

constexpr int kTimeTicks = 6;
constexpr int kValueTicks = 5;

// Tick spacings a reader recognises, in seconds: from a second to a year.
constexpr std::array<double, 20> kTimeSteps = {1,     2,     5,     10,    15,     30,     60,
                                               120,   300,   600,   900,   1800,   3600,   7200,
                                               10800, 21600, 43200, 86400, 604800, 2592000};

double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * magnitude >= raw) return factor * magnitude;
  }
  return 10 * magnitude;
}

std::string time_label(double time_s, bool with_date) {
  const auto seconds = static_cast<std::time_t>(std::floor(time_s));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, with_date ? "%Y-%m-%d %H:%M" : "%H:%M:%S", &tm);
  return text;
}

}  // namespace

double Scale::operator()(double value) const noexcept {
  return to_min + (value - from_min) * (to_max - to_min) / (from_max - from_min);
}

Scale time_scale(double first_s, double last_s, const ChartBox& box) {
  if (!(last_s > first_s)) {
    first_s -= 60;
    last_s += 60;
  }
  return {first_s, last_s, box.left, box.width - box.right};
}

Scale value_scale(double min, double max, const ChartBox& box) {
  if (!(max > min)) {
    min -= 1;
    max += 1;
  }
  return {min, max, box.height - box.bottom, box.top};
}

std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

SvgChart::SvgChart(std::string& out, const ChartBox& box, Scale x, Scale y,
                   std::string_view value_label)
    : out_(out), box_(box), x_(x), y_(y) {
  out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" +
          coordinate(box.width) + "\" height=\"" + coordinate(box.height) + "\" viewBox=\"0 0 " +
          coordinate(box.width) + " " + coordinate(box.height) + "\" role=\"img\">\n";
  axes(value_label);
}

SvgChart::~SvgChart() { out_ += "</svg>\n"; }

void SvgChart::axes(std::string_view value_label) {
  const double plot_bottom = box_.height - box_.bottom;
  const double plot_right = box_.width - box_.right;
  out_ += "<rect class=\"plot\" x=\"" + coordinate(box_.left) + "\" y=\"" + coordinate(box_.top) +
          "\" width=\"" + coordinate(plot_right - box_.left) + "\" height=\"" +
          coordinate(plot_bottom - box_.top) + "\"/>\n";

  const double span_s = x_.from_max - x_.from_min;
  double step_s = kTimeSteps.back();
  for (double candidate : kTimeSteps) {
    if (span_s / candidate <= kTimeTicks) {
      step_s = candidate;
      break;
    }
  }
  const bool with_date = span_s >= 86400;
  for (double t = std::ceil(x_.from_min / step_s) * step_s; t <= x_.from_max; t += step_s) {
    const std::string x = coordinate(x_(t));
    out_ += "<line class=\"tick\" x1=\"";
    out_ += x;
    out_ += "\" x2=\"";
    out_ += x;
    out_ += "\" y1=\"" + coordinate(box_.top) + "\" y2=\"" + coordinate(plot_bottom) + "\"/>";
    out_ += "<text class=\"tick-label\" x=\"";
    out_ += x;
    out_ += "\" y=\"" + coordinate(box_.height - 10) + "\" text-anchor=\"middle\">" +
            time_label(t, with_date) + "</text>\n";
  }

  const double step = nice_step(y_.from_max - y_.from_min, kValueTicks);
  for (double v = std::ceil(y_.from_min / step) * step; v <= y_.from_max + step * 1e-9; v += step) {
    const std::string y = coordinate(y_(v));
    char label[32];
    std::snprintf(label, sizeof label, "%g", std::abs(v) < step * 1e-9 ? 0.0 : v);
    out_ += "<line class=\"tick\" x1=\"" + coordinate(box_.left) + "\" x2=\"" +
            coordinate(plot_right) + "\" y1=\"";
    out_ += y;
    out_ += "\" y2=\"";
    out_ += y;
    out_ += "\"/><text class=\"tick-label\" x=\"" + coordinate(box_.left - 6) + "\" y=\"";
    out_ += y;
    out_ += "\" text-anchor=\"end\" dominant-baseline=\"middle\">";
    out_ += label;
    out_ += "</text>\n";
  }
  out_ += "<text class=\"axis-label\" x=\"12\" y=\"" + coordinate(box_.top + 4) +
          "\" dominant-baseline=\"hanging\">";
  append_xml_text(out_, value_label);
  out_ += "</text>\n";
}

void SvgChart::band(const std::vector<SeriesBucket>& buckets, std::string_view css_class) {
  bool has_width = false;
  for (const SeriesBucket& bucket : buckets)
    has_width |= bucket.high > bucket.max || bucket.low < bucket.min;
  if (!has_width) return;
  out_ += "<polygon class=\"";
  append_xml_text(out_, css_class);
  out_ += "\" points=\"";
  for (const SeriesBucket& bucket : buckets) {
    out_ += coordinate(x_(bucket.mid_s())) + "," + coordinate(y_(bucket.high)) + " ";
  }
  for (std::size_t i = buckets.size(); i-- > 0;) {  // back along the lower edge
    out_ += coordinate(x_(buckets[i].mid_s())) + "," + coordinate(y_(buckets[i].low)) + " ";
  }
  out_.back() = '"';
  out_ += "/>\n";
}

void SvgChart::line(const std::vector<SeriesBucket>& buckets, std::string_view css_class,
                    std::string_view title) {
  if (buckets.empty()) return;
  out_ += "<polyline class=\"";
  append_xml_text(out_, css_class);
  out_ += "\" points=\"";
  for (const SeriesBucket& bucket : buckets) {
    const std::string x = coordinate(x_(bucket.mid_s()));
    out_ += x + "," + coordinate(y_(bucket.min)) + " ";
    if (bucket.points > 1) out_ += x + "," + coordinate(y_(bucket.max)) + " ";
  }
  out_.back() = '"';
  out_ += "><title>";
  append_xml_text(out_, title);
  out_ += "</title></polyline>\n";
}

void SvgChart::mark(double time_s, std::string_view css_class, std::string_view title) {
  const std::string x = coordinate(x_(time_s));
  out_ += "<line class=\"";
  append_xml_text(out_, css_class);
  out_ += "\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + coordinate(box_.top) + "\" y2=\"" +
          coordinate(box_.height - box_.bottom) + "\"><title>";
  append_xml_text(out_, title);
  out_ += "</title></line>\n";
}

}  // namespace horolog::report
