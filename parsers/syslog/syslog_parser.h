// Format `syslog`: RFC 5424 or BSD (RFC 3164 / high-precision) chosen per line, for files and
// streams that mix both (logger, relays), and the lines of ntpd's own logfile (dataset ntp.log).
// Buffer lifetime: as for Rfc3164Parser and Rfc5424Parser.
#pragma once

#include <string_view>

#include "parsers/parser.h"
#include "parsers/syslog/continuation.h"

namespace horolog {

class SyslogParser final : public Parser {
 public:
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

 private:
  syslog::ContinuationMemory continuation_;
};

}  // namespace horolog
