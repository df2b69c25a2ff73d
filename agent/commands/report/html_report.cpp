// Sections in the order a reader asks questions: which clocks could not be trusted, then per host
// how its offset moved, what the time service said, what changed the clock, and whom it heard.
#include "agent/commands/report/html_report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "agent/commands/report/svg_chart.h"
#include "agent/commands/report/xml_text.h"
#include "normalizer/rfc3339_format.h"

namespace horolog::report {

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
tr.alert td { background: #fde8e8; }
.chart .plot { fill: #fafafa; stroke: #999; }
.chart .tick { stroke: #e4e4e4; }
.chart .tick-label, .chart .axis-label { font-size: 11px; fill: #555; }
.chart .offset-band { fill: #9ecae1; fill-opacity: 0.5; stroke: none; }
.chart .offset { fill: none; stroke: #08519c; stroke-width: 1.5; }
.chart .ntp-band { fill: #fdd0a2; fill-opacity: 0.4; stroke: none; }
.chart .ntp { fill: none; stroke-width: 1.2; }
.chart .ntp-0 { stroke: #d94801; } .chart .ntp-1 { stroke: #238b45; } .chart .ntp-2 { stroke: #6a51a3; }
.chart .ntp-3 { stroke: #a50f15; } .chart .ntp-4 { stroke: #525252; } .chart .ntp-5 { stroke: #0570b0; }
.chart .clock-event { stroke: #31a354; stroke-width: 1.5; stroke-dasharray: 4 3; }
.chart .alert { stroke: #de2d26; stroke-width: 2.5; }
.legend { font-size: 0.85em; color: #555; }
)";

constexpr std::size_t kMarksListed = 200;  // rows of the clock-event table per host

void text(std::string& out, std::string_view value) { append_xml_text(out, value); }

std::string time_text(double time_s) {
  const auto instant =
      SysNanos(std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(time_s)));
  std::string out;
  append_rfc3339_utc(out, instant, 3);
  return out;
}

std::string number(double value, const char* format = "%.3f") {
  char out[48];
  std::snprintf(out, sizeof out, format, value);
  return out;
}

void cell(std::string& out, std::string_view value, bool numeric = false) {
  out += numeric ? "<td class=\"number\">" : "<td>";
  text(out, value);
  out += "</td>";
}

// What a mark says when pointed at, and in the table.
std::string mark_title(const ClockMark& mark) {
  std::string title = time_text(mark.time_s) + " " + (mark.alert ? "ALERT " : "") + mark.action;
  if (mark.step_s) title += " step " + number(*mark.step_s, "%+.6f") + " s";
  if (!mark.rule_name.empty()) title += " rule " + mark.rule_name;
  if (!mark.technique_id.empty()) title += " " + mark.technique_id;
  if (!mark.message.empty()) title += ": " + mark.message;
  return title;
}

void untrusted_table(std::string& out, const ClockStories& stories) {
  out += "<h2 id=\"untrusted\">Clocks that could not be trusted</h2>\n";
  out +=
      "<p class=\"legend\">From <code>host.clock.synchronized: false</code>, from a "
      "<code>sync_lost</code> to the next synchronization, from a tampering alert or a clock "
      "step by something other than the time service to the next synchronization, and while "
      "the measured offset is beyond " +
      number(kLargeOffsetMs, "%.0f") +
      " ms (where second-resolution stamps already name the wrong second).</p>\n";
  std::string rows;
  for (const auto& [host, story] : stories.hosts()) {
    for (const UntrustedPeriod& period : story.untrusted.periods()) {
      rows += "<tr>";
      cell(rows, host);
      cell(rows, time_text(period.start_s));
      cell(rows, period.end_s ? time_text(*period.end_s) : "still untrusted at the end");
      cell(rows, to_string(period.distrust));
      cell(rows, period.reason);
      rows += "</tr>\n";
    }
  }
  if (rows.empty()) {
    out += "<p>None: every clock seen was trusted throughout.</p>\n";
    return;
  }
  out +=
      "<table class=\"untrusted\"><thead><tr><th>host</th><th>from</th><th>until</th>"
      "<th>kind</th><th>reason</th></tr></thead><tbody>\n" +
      rows + "</tbody></table>\n";
}

// Both charts of a host share the host's time axis, and both carry its marks.
void draw_marks(SvgChart& chart, const HostStory& story) {
  for (const ClockMark& mark : story.marks) {
    chart.mark(mark.time_s, mark.alert ? "alert" : "clock-event", mark_title(mark));
  }
}

void offset_chart(std::string& out, const HostStory& story, const Scale& x, const ChartBox& box) {
  if (story.offset.empty()) return;
  const std::vector<SeriesBucket> buckets = story.offset.buckets();
  double low = buckets.front().low;
  double high = buckets.front().high;
  for (const SeriesBucket& bucket : buckets) {
    low = std::min(low, bucket.low);
    high = std::max(high, bucket.high);
  }
  out += "<h3>Measured clock offset</h3>\n<p class=\"legend\">" +
         std::to_string(story.offset.points()) +
         " measurements of <code>host.clock.offset_ms</code>, the band is ± "
         "<code>error_ms</code>; dashed green lines are clock events, red ones alerts.</p>\n";
  SvgChart chart(out, box, x, value_scale(low, high, box), "offset ms");
  chart.band(buckets, "offset-band");
  chart.line(buckets, "offset", "host clock offset (ms)");
  draw_marks(chart, story);
}

void ntp_chart(std::string& out, const HostStory& story, const Scale& x, const ChartBox& box) {
  if (story.ntp.empty()) return;
  std::vector<std::vector<SeriesBucket>> all;
  double low = 0;
  double high = 0;
  bool first = true;
  for (const auto& [name, series] : story.ntp) {
    all.push_back(series.buckets());
    for (const SeriesBucket& bucket : all.back()) {
      low = first ? bucket.min : std::min(low, bucket.min);
      high = first ? bucket.max : std::max(high, bucket.max);
      first = false;
    }
  }
  out +=
      "<h3>NTP statistics</h3>\n<p class=\"legend\">Offset column of the time service's "
      "statistics, in ms:";
  std::size_t index = 0;
  for (const auto& [name, series] : story.ntp) {
    out += " ";
    text(out, name);
    out += " (" + std::to_string(series.points()) + " records)" +
           (++index < story.ntp.size() ? ";" : ".");
  }
  out += "</p>\n";
  SvgChart chart(out, box, x, value_scale(low, high, box), "offset ms");
  index = 0;
  for (const auto& [name, series] : story.ntp) {
    chart.line(all[index], "ntp ntp-" + std::to_string(index % 6), name);
    ++index;
  }
  draw_marks(chart, story);
}

void marks_table(std::string& out, const HostStory& story) {
  if (story.marks.empty()) return;
  out +=
      "<h3>Clock changes and alerts</h3>\n<table class=\"marks\"><thead><tr><th>time</th>"
      "<th>action</th><th>step s</th><th>alert</th><th>rule</th><th>technique</th>"
      "<th>message</th></tr></thead><tbody>\n";
  std::vector<const ClockMark*> ordered;
  for (const ClockMark& mark : story.marks) ordered.push_back(&mark);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const ClockMark* a, const ClockMark* b) { return a->time_s < b->time_s; });
  for (std::size_t i = 0; i < ordered.size() && i < kMarksListed; ++i) {
    const ClockMark& mark = *ordered[i];
    out += mark.alert ? "<tr class=\"alert\">" : "<tr>";
    cell(out, time_text(mark.time_s));
    cell(out, mark.action);
    cell(out, mark.step_s ? number(*mark.step_s, "%+.6f") : "", true);
    cell(out, mark.alert ? "alert" : "");
    cell(out, mark.rule_name);
    cell(out, mark.technique_id);
    cell(out, mark.message);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  const std::uint64_t unlisted =
      story.marks_dropped + (ordered.size() > kMarksListed ? ordered.size() - kMarksListed : 0);
  if (unlisted > 0) {
    out += "<p class=\"legend\">" + std::to_string(unlisted) + " more not listed.</p>\n";
  }
}

void senders_table(std::string& out, const HostStory& story) {
  if (story.senders.empty()) return;
  out +=
      "<h3>Senders' clock skew</h3>\n<table class=\"senders\"><thead><tr><th>sender</th>"
      "<th>last offset ms</th><th>min ms</th><th>max ms</th><th>samples</th><th>events</th>"
      "</tr></thead><tbody>\n";
  for (const auto& [sender, skew] : story.senders) {
    out += "<tr>";
    cell(out, sender);
    cell(out, number(skew.last_offset_ms), true);
    cell(out, number(skew.min_offset_ms), true);
    cell(out, number(skew.max_offset_ms), true);
    cell(out, std::to_string(skew.samples), true);
    cell(out, std::to_string(skew.events), true);
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
}

void host_section(std::string& out, const std::string& host, const HostStory& story) {
  out += "<section class=\"host\">\n<h2>";
  text(out, host.empty() ? "(no host.name)" : host);
  out += "</h2>\n<p>";
  if (story.first_s) {
    out += "From " + time_text(*story.first_s) + " to " + time_text(*story.last_s) + ". ";
  }
  out += std::to_string(story.repaired) +
         " events had their time repaired after a clock change "
         "(<code>horolog.time.corrected</code>, source <code>time_change</code>).</p>\n";
  const ChartBox box;
  const Scale x = time_scale(story.first_s.value_or(0), story.last_s.value_or(0), box);
  offset_chart(out, story, x, box);
  ntp_chart(out, story, x, box);
  if (story.offset.empty() && story.ntp.empty() && !story.marks.empty()) {
    out += "<h3>Clock events</h3>\n";
    SvgChart chart(out, ChartBox{.height = 60, .bottom = 30}, x, value_scale(0, 1, {}), "");
    draw_marks(chart, story);
  }
  marks_table(out, story);
  senders_table(out, story);
  out += "</section>\n";
}

}  // namespace

std::string html_report(const ClockStories& stories, const ReportPage& page) {
  std::string out;
  // The namespace names are names, not addresses: nothing is fetched. With them the page is
  // XHTML proper, and an XML parser (or a browser given it as XHTML) draws the SVG too.
  out +=
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n<title>";
  text(out, page.title);
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<h1>";
  text(out, page.title);
  out += "</h1>\n<p>" + std::to_string(stories.events()) + " events read from ";
  for (std::size_t i = 0; i < page.inputs.size(); ++i) {
    if (i > 0) out += ", ";
    out += "<code>";
    text(out, page.inputs[i]);
    out += "</code>";
  }
  out += "; " + std::to_string(stories.hosts().size()) + " hosts with a clock story.";
  if (stories.hosts_dropped() > 0) {
    out += " Events of further hosts (" + std::to_string(stories.hosts_dropped()) +
           ") were left out past " + std::to_string(ClockStories::kMaxHosts) + " hosts.";
  }
  out += "</p>\n";
  untrusted_table(out, stories);
  for (const auto& [host, story] : stories.hosts()) host_section(out, host, story);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace horolog::report
