// Reads horolog's NDJSON lines into ReportEvents with simdjson, and tells whether a line looks like
// horolog's output at all (how the report decides that a file needs parsing first).
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "agent/commands/report/report_event.h"
#include "normalizer/event.h"
#include "normalizer/time_resolver.h"

namespace horolog::report {

class NdjsonEventReader {
 public:
  NdjsonEventReader();

  // Fills `event` from one line (dotted member names, flat or nested as objects). False when the
  // line is not a JSON object; `event` then holds nothing.
  bool read(std::string_view line, ReportEvent& event);

  // A JSON object with `@timestamp` and horolog's `horolog` or `event.dataset` members.
  static bool looks_like_horolog(std::string_view line);

 private:
  void walk(simdjson::dom::object object, ReportEvent& event);
  void take(std::string_view name, simdjson::dom::element value, ReportEvent& event);
  std::optional<double> seconds_of(std::string_view rfc3339);

  simdjson::dom::parser parser_;
  std::string name_;  // dotted name of the member being read
  TimeResolver utc_;  // RFC 3339 text to instants, with scratch space kept
  Event scratch_;
};

}  // namespace horolog::report
