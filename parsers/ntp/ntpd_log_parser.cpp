// The three stamp shapes of NTP daemon logs, then the BSD tag, the ntpsec message class and
// clock-event tagging.
#include "parsers/ntp/ntpd_log_parser.h"

#include "normalizer/timestamp_formats.h"
#include "parsers/ntp/clock_events.h"
#include "parsers/syslog/rfc3164_parser.h"
#include "parsers/syslog/syslog_header.h"

namespace horolog {
namespace {

constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";

bool two_digits(std::string_view text, std::size_t at, unsigned& out) noexcept {
  if (at + 2 > text.size()) return false;
  const char a = text[at];
  const char b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = static_cast<unsigned>((a - '0') * 10 + (b - '0'));
  return true;
}

// Classic ntp.org `logfile`: `26 Nov 12:00:00` (day first, no year).
std::size_t parse_classic_stamp(std::string_view text, CivilTime& civil) noexcept {
  std::size_t i = 0;
  unsigned day = 0;
  while (i < text.size() && i < 2 && text[i] >= '0' && text[i] <= '9') {
    day = day * 10 + static_cast<unsigned>(text[i] - '0');
    ++i;
  }
  if (i == 0 || i + 13 > text.size() || text[i] != ' ' || text[i + 4] != ' ') return 0;
  const std::size_t month = kMonths.find(text.substr(i + 1, 3));
  if (month == std::string_view::npos || month % 3 != 0) return 0;
  const std::size_t t = i + 5;
  if (!two_digits(text, t, civil.hour) || text[t + 2] != ':' ||
      !two_digits(text, t + 3, civil.minute) || text[t + 5] != ':' ||
      !two_digits(text, t + 6, civil.second)) {
    return 0;
  }
  civil.day = day;
  civil.month = static_cast<unsigned>(month / 3 + 1);
  civil.has_year = false;
  return t + 8;
}

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

}  // namespace

ParseStatus NtpdLogParser::parse(std::string_view record, ParseContext& ctx,
                                 Event& event) noexcept {
  CivilTime civil;
  std::size_t stamp = parse_rfc3339(record, civil);
  if (stamp == 0) {
    civil = CivilTime{};
    stamp = parse_classic_stamp(record, civil);
  }
  const bool own_stamp = stamp != 0 && stamp < record.size() && record[stamp] == ' ';
  if (own_stamp) {
    event.time_original = record.substr(0, stamp);
    if (!ctx.time.resolve(civil, event)) {
      mark_unparsed(record, "impossible date in ntpd log line", event);
      event.host = ctx.host;
      return ParseStatus::error;
    }
    const syslog::BsdContent content =
        syslog::split_bsd_content(syslog::skip_spaces(record.substr(stamp)));
    event.host = ctx.host;
    event.app = content.app;
    event.pid = content.pid;
    event.message = content.message;
  } else if (!parse_bsd_syslog(record, ctx, event)) {
    mark_unparsed(record, "not an NTP daemon log line", event);
    event.host = ctx.host;
    return ParseStatus::error;
  }
  event.stamped_by_host_clock = true;
  event.dataset = kDatasetNtpdLog;
  add_message_class(event.message, event);
  // Syslog lines of known time daemons were tagged by the syslog parser already.
  if (own_stamp || !ntp::is_time_daemon(event.app)) ntp::tag_clock_event(event.message, event);
  return ParseStatus::ok;
}

}  // namespace horolog
