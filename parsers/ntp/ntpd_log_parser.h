// Format `ntpd`: the daemons' own log files and their lines inside syslog — classic ntpd
// `26 Nov 12:00:00 ntpd[123]: msg` (no year), ntpsec `2026-11-26T08:07:48 ntpd[123]: CLASS: msg`
// (local time, no offset), chronyd `2026-11-26T13:07:51Z msg`, and any syslog line. Clock
// events are tagged (clock_events.h).
// Buffer lifetime: the Event views into the record.
#pragma once

#include <string_view>

#include "parsers/parser.h"

namespace horolog {

inline constexpr std::string_view kDatasetNtpdLog = "ntp.log";

class NtpdLogParser final : public Parser {
 public:
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;
};

}  // namespace horolog
