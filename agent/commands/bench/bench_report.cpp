// Both outputs derive every rate from the same measured seconds, events and bytes.
#include "agent/commands/bench/bench_report.h"

#include <cstdio>
#include <string_view>

#include "sinks/json_string.h"

namespace horolog {

namespace {

struct Rates {
  double mb_per_s = 0;
  double events_per_s = 0;
  double ns_per_event = 0;
};

Rates rates(std::uint64_t bytes, std::uint64_t events, double seconds) {
  if (seconds <= 0) return {};
  return {static_cast<double>(bytes) / 1e6 / seconds, static_cast<double>(events) / seconds,
          events == 0 ? 0.0 : seconds * 1e9 / static_cast<double>(events)};
}

std::string format_number(const char* format, double value) {
  char text[64];
  const int length = std::snprintf(text, sizeof text, format, value);
  return std::string(text, static_cast<std::size_t>(length > 0 ? length : 0));
}

std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

void print_rates_json(std::ostream& out, const Rates& r) {
  out << "\"mb_per_s\":" << format_number("%.2f", r.mb_per_s)
      << ",\"events_per_s\":" << format_number("%.0f", r.events_per_s)
      << ",\"ns_per_event\":" << format_number("%.1f", r.ns_per_event);
}

}  // namespace

void print_bench_table(std::ostream& out, const std::vector<BenchRow>& rows) {
  out << "                      input              |   one core (CPU time): parse, normalize, "
         "encode"
         "     |      pipeline: file -> file\n"
      << "format                   MB     events err |   MB/s   events/s  ns/ev  (parse  encode) |"
         "   MB/s   events/s  ns/ev\n";
  for (const BenchRow& row : rows) {
    const StageMeasurement& s = row.stages;
    const Rates core = rates(s.input_bytes, s.events, s.parse_seconds + s.encode_seconds);
    const Rates parse = rates(s.input_bytes, s.events, s.parse_seconds);
    const Rates encode = rates(s.input_bytes, s.events, s.encode_seconds);
    char line[256];
    std::snprintf(line, sizeof line,
                  "%-20s %7.1f %10llu %3llu | %6.0f %10.0f %6.0f  (%5.0f %7.0f) |",
                  row.name.c_str(), static_cast<double>(s.input_bytes) / 1e6,
                  static_cast<unsigned long long>(s.events),
                  static_cast<unsigned long long>(s.parse_errors), core.mb_per_s, core.events_per_s,
                  core.ns_per_event, parse.ns_per_event, encode.ns_per_event);
    out << line;
    if (row.pipeline) {
      const Rates p = rates(s.input_bytes, row.pipeline->events, row.pipeline->seconds);
      std::snprintf(line, sizeof line, " %6.0f %10.0f %6.0f", p.mb_per_s, p.events_per_s,
                    p.ns_per_event);
      out << line;
    } else {
      out << "      -          -      -";
    }
    out << '\n';
  }
  out << "MB = 10^6 bytes of input; ns/ev = nanoseconds per event. One core: CPU time of the "
         "measuring thread; pipeline: wall time.\n";
}

void print_bench_json(std::ostream& out, const std::vector<BenchRow>& rows,
                      const BenchMachine& machine) {
  out << "{\"horolog\":" << quoted(machine.version) << ",\"cpus\":" << machine.cpus
      << ",\"results\":[";
  bool first = true;
  for (const BenchRow& row : rows) {
    const StageMeasurement& s = row.stages;
    out << (first ? "" : ",") << "\n{\"format\":" << quoted(row.name)
        << ",\"parser\":" << quoted(row.format) << ",\"source\":" << quoted(row.source)
        << ",\"input_bytes\":" << s.input_bytes << ",\"events\":" << s.events
        << ",\"parse_errors\":" << s.parse_errors << ",\"one_core\":{\"seconds\":"
        << format_number("%.6f", s.parse_seconds + s.encode_seconds) << ",";
    print_rates_json(out, rates(s.input_bytes, s.events, s.parse_seconds + s.encode_seconds));
    out << ",\"parse_ns_per_event\":"
        << format_number("%.1f", rates(s.input_bytes, s.events, s.parse_seconds).ns_per_event)
        << ",\"encode_ns_per_event\":"
        << format_number("%.1f", rates(s.input_bytes, s.events, s.encode_seconds).ns_per_event)
        << ",\"output_bytes\":" << s.output_bytes << "}";
    if (row.pipeline) {
      const PipelineMeasurement& p = *row.pipeline;
      out << ",\"pipeline\":{\"seconds\":" << format_number("%.6f", p.seconds)
          << ",\"events\":" << p.events << ",";
      print_rates_json(out, rates(s.input_bytes, p.events, p.seconds));
      out << ",\"output_bytes\":" << p.output_bytes << "}";
    }
    out << "}";
    first = false;
  }
  out << "\n]}\n";
}

}  // namespace horolog
