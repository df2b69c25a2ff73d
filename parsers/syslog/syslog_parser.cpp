// Per-line choice between the RFC 5424 and BSD header shapes, with one continuation state.
#include "parsers/syslog/syslog_parser.h"

#include "parsers/syslog/rfc3164_parser.h"
#include "parsers/syslog/rfc5424_parser.h"

namespace horolog {

ParseStatus SyslogParser::parse(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  const bool is_5424 = looks_like_rfc5424(record);
  if (is_5424 ? parse_rfc5424(record, ctx, event) : parse_bsd_syslog(record, ctx, event)) {
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
