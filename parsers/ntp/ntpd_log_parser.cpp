// The three stamp shapes of NTP daemon logs (the daemons' own, or a syslog header), then the BSD
// tag, the ntpsec message class and clock-event tagging.
#include "parsers/ntp/ntpd_log_parser.h"

#include "normalizer/timestamp_formats.h"
#include "parsers/ntp/clock_events.h"
#include "parsers/syslog/rfc3164_parser.h"
#include "parsers/syslog/syslog_header.h"

namespace horolog {
namespace {

// ntpsec prefixes its messages with an upper-case class: `PROTO: `, `INIT: `, `NTSc: `.
void add_message_class(std::string_view message, Event& event) {
  std::size_t i = 0;
  while (i < message.size() && i < 10 &&
         ((message[i] >= 'A' && message[i] <= 'Z') ||
          (i > 0 && message[i] >= 'a' && message[i] <= 'z') ||
          (i > 0 && message[i] >= '0' && message[i] <= '9'))) {
    ++i;
  }
  if (i >= 2 && i + 1 < message.size() && message[i] == ':' && message[i + 1] == ' ') {
    event.add("ntp.log.class", FieldValue::string(message.substr(0, i)));
  }
}

// The daemon's own stamp at the start of `record`, followed by a space: ISO (ntpsec, chronyd)
// or classic ntpd's. Returns its length, 0 when there is none.
std::size_t read_own_stamp(std::string_view record, CivilTime& civil) noexcept {
  std::size_t stamp = parse_rfc3339(record, civil);
  if (stamp == 0) {
    civil = CivilTime{};
    stamp = parse_ntpd_log_time(record, civil);
  }
  return stamp != 0 && stamp < record.size() && record[stamp] == ' ' ? stamp : 0;
}

}  // namespace

bool parse_ntpd_log_line(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  CivilTime civil;
  const std::size_t stamp = read_own_stamp(record, civil);
  if (stamp == 0) return false;
  event.time_original = record.substr(0, stamp);
  if (!ctx.time.resolve(civil, event)) return false;
  const syslog::BsdContent content =
      syslog::split_bsd_content(syslog::skip_spaces(record.substr(stamp)));
  event.host = ctx.host;
  event.app = content.app;
  event.pid = content.pid;
  event.message = content.message;
  event.stamped_by_host_clock = true;
  event.dataset = kDatasetNtpdLog;
  add_message_class(event.message, event);
  ntp::tag_clock_event(event.message, event);
  return true;
}

ParseStatus NtpdLogParser::parse(std::string_view record, ParseContext& ctx,
                                 Event& event) noexcept {
  if (parse_ntpd_log_line(record, ctx, event)) return ParseStatus::ok;
  discard_parse(event);
  if (CivilTime civil; read_own_stamp(record, civil) != 0) {
    mark_unparsed(record, "impossible date in ntpd log line", event);
    event.host = ctx.host;
    return ParseStatus::error;
  }
  if (!parse_bsd_syslog(record, ctx, event)) {
    mark_unparsed(record, "not an NTP daemon log line", event);
    event.host = ctx.host;
    return ParseStatus::error;
  }
  event.stamped_by_host_clock = true;
  event.dataset = kDatasetNtpdLog;
  add_message_class(event.message, event);
  // Syslog lines of known time daemons were tagged by the syslog parser already.
  if (!ntp::is_time_daemon(event.app)) ntp::tag_clock_event(event.message, event);
  return ParseStatus::ok;
}

}  // namespace horolog
