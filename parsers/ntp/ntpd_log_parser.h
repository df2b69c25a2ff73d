// Format `ntpd`: the daemons' own log files and their lines inside syslog — classic ntpd
// `26 Nov 12:00:00 ntpd[123]: msg` (no year; days 1-9 padded with a space), ntpsec
// `2026-11-26T08:07:48 ntpd[123]: CLASS: msg` (local time, no offset), chronyd
// `2026-11-26T13:07:51Z msg`, and any syslog line. Clock events are tagged (clock_events.h). Buffer
// lifetime: the Event views into the record.
#pragma once

#include <string_view>

#include "parsers/parser.h"

namespace horolog {

inline constexpr std::string_view kDatasetNtpdLog = "ntp.log";

class NtpdLogParser final : public Parser {
 public:
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;
};

// Parses a line that starts with the daemon's own stamp (classic, ntpsec or chronyd; no syslog
// header), also for the `syslog` format, which meets ntpd's logfile among the other logs. False
// when `record` has no such stamp or its date is impossible.
bool parse_ntpd_log_line(std::string_view record, ParseContext& ctx, Event& event) noexcept;

}  // namespace horolog
