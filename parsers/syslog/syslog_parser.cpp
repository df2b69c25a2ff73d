// Per-line choice between the RFC 5424 and BSD header shapes and ntpd's own log lines, with one
// continuation state.
#include "parsers/syslog/syslog_parser.h"

#include "parsers/ntp/ntpd_log_parser.h"
#include "parsers/syslog/rfc3164_parser.h"
#include "parsers/syslog/rfc5424_parser.h"

namespace horolog {
namespace {

bool parse_line(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  if (looks_like_rfc5424(record)) return parse_rfc5424(record, ctx, event);
  if (parse_bsd_syslog(record, ctx, event)) return true;
  // ntpd's logfile (`26 Nov 12:00:00 ntpd[1]: …`, ` 7 Dec …`) sits beside the syslog files.
  discard_parse(event);
  return parse_ntpd_log_line(record, ctx, event);
}

}  // namespace

ParseStatus SyslogParser::parse(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  if (parse_line(record, ctx, event)) {
    continuation_.remember(event);
    return ParseStatus::ok;
  }
  discard_parse(event);
  if (continuation_.apply(record, ctx, event)) return ParseStatus::ok;
  mark_unparsed(record, "not a syslog line", event);
  event.host = ctx.host;
  return ParseStatus::error;
}

}  // namespace horolog
