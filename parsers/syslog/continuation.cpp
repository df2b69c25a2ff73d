// Inheritance of time and origin by headerless lines of multi-line syslog messages.
#include "parsers/syslog/continuation.h"

#include "normalizer/time_text.h"

namespace horolog::syslog {
namespace {

using time_text::is_digit;

bool digit_at(std::string_view s, std::size_t pos) noexcept {
  return pos < s.size() && is_digit(s[pos]);
}

// `Mmm d[d] ` followed by a digit (the time, or a year): RFC 3164.
bool starts_like_bsd_stamp(std::string_view s) noexcept {
  std::size_t pos = 0;
  unsigned month = 0;
  if (!time_text::read_month_abbrev(s, pos, month) || !time_text::read_char(s, pos, ' ')) {
    return false;
  }
  time_text::read_char(s, pos, ' ');
  unsigned day = 0;
  return time_text::read_between(s, pos, 1, 2, day) && time_text::read_char(s, pos, ' ') &&
         digit_at(s, pos);
}

// `YYYY-MM-DD` followed by `T` or a space: RFC 3339 and the ISO stamps of ntpsec and chrony.
bool starts_like_iso_stamp(std::string_view s) noexcept {
  std::size_t pos = 0;
  unsigned value = 0;
  return time_text::read_fixed(s, pos, 4, value) && time_text::read_char(s, pos, '-') &&
         time_text::read_fixed(s, pos, 2, value) && time_text::read_char(s, pos, '-') &&
         time_text::read_fixed(s, pos, 2, value) && pos < s.size() &&
         (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ');
}

// `d[d] Mmm ` followed by a digit, or ` d Mmm ` (ntpd pads days 1-9 with a space): ntpd's log.
bool starts_like_ntpd_stamp(std::string_view s) noexcept {
  std::size_t pos = 0;
  unsigned day = 0;
  const bool padded = time_text::read_char(s, pos, ' ');
  if (!time_text::read_between(s, pos, 1, padded ? 1 : 2, day)) return false;
  unsigned month = 0;
  return time_text::read_char(s, pos, ' ') && time_text::read_month_abbrev(s, pos, month) &&
         time_text::read_char(s, pos, ' ') && digit_at(s, pos);
}

}  // namespace

bool starts_like_header(std::string_view line) noexcept {
  if (line.starts_with('<')) return digit_at(line, 1);
  return starts_like_bsd_stamp(line) || starts_like_iso_stamp(line) || starts_like_ntpd_stamp(line);
}

bool is_continuation(const Event& event) noexcept {
  return !event.fields.empty() && event.fields.back().key == kContinuationKey;
}

void ContinuationMemory::remember(const Event& event) {
  valid_ = true;
  timestamp_ = event.timestamp;
  precision_digits_ = event.precision_digits;
  time_zone_ = event.time_zone;
  time_flags_ = event.time_flags;
  stamped_by_host_clock_ = event.stamped_by_host_clock;
  host_.assign(event.host);
  app_.assign(event.app);
  pid_ = event.pid;
  facility_ = event.facility;
  severity_ = event.severity;
  dataset_ = event.dataset;
}

bool ContinuationMemory::apply(std::string_view record, ParseContext& ctx, Event& event) {
  if (!valid_ || starts_like_header(record)) return false;
  event.timestamp = timestamp_;
  event.precision_digits = precision_digits_;
  event.time_zone = time_zone_;
  event.time_flags = time_flags_;
  event.stamped_by_host_clock = stamped_by_host_clock_;
  event.host = host_.empty() ? std::string_view{} : ctx.arena.copy(host_);
  event.app = app_.empty() ? std::string_view{} : ctx.arena.copy(app_);
  event.pid = pid_;
  event.facility = facility_;
  event.severity = severity_;
  event.dataset = dataset_;
  event.message = record;
  event.add(kContinuationKey, FieldValue::boolean(true));
  return true;
}

}  // namespace horolog::syslog
