// Line generators for the text log formats: syslog in its three shapes, ntpd's own log, JSON
// lines and web access lines (the benchmark's `regex` format).
#pragma once

#include <string>

#include "agent/commands/bench/generator_state.h"

namespace horolog {

// `Nov 26 12:00:01 web-01 sshd[1234]: ...` as syslog daemons write files (no <PRI>, no year).
void generate_rfc3164(GeneratorState& state, std::string& out);
// rsyslog's RSYSLOG_FileFormat: RFC 3339 stamp with microseconds and the host's offset.
void generate_syslog_iso(GeneratorState& state, std::string& out);
// `<PRI>1 STAMP HOST APP PID MSGID [SD] MSG`, structured data on about half the lines.
void generate_rfc5424(GeneratorState& state, std::string& out);
// ntpsec's log file: `2026-11-26T08:07:48 ntpd[12198]: CLOCK: ...`.
void generate_ntpd_log(GeneratorState& state, std::string& out);
// One JSON object per line with `@timestamp`, `message` and a few typed members.
void generate_json_lines(GeneratorState& state, std::string& out);
// Common Log Format access lines, matched by kAccessLogPattern.
void generate_access_log(GeneratorState& state, std::string& out);

// The RE2 pattern and time format the benchmark's `regex` parser uses for generate_access_log.
inline constexpr const char* kAccessLogPattern =
    R"(^(?P<client>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<method>\S+) (?P<path>\S+) )"
    R"([^"]*" (?P<status>\d+) (?P<bytes>\d+))";
inline constexpr const char* kAccessLogTimeFormat = "%d/%b/%Y:%H:%M:%S %z";

}  // namespace horolog
