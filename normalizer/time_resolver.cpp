// Year inference, zone application, DST gap/fold choice and leap-second mapping for one source;
// see time_resolver.h for the rules. Only integer arithmetic; the zone answers from its cache.
#include "normalizer/time_resolver.h"

#include <date/date.h>

#include <limits>
#include <utility>

#include "normalizer/time_text.h"

namespace horolog {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;
// Whole seconds that SysNanos holds with any fraction (about 1677-09-22 .. 2262-04-11).
constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / kNanosPerSecond - 1;
constexpr std::int64_t kMinSeconds = -kMaxSeconds;

std::int64_t days_from_civil(int year, unsigned month, unsigned day) noexcept {
  const date::year_month_day ymd{date::year{year}, date::month{month}, date::day{day}};
  return date::sys_days{ymd}.time_since_epoch().count();
}

bool fields_valid(const CivilTime& c) noexcept {
  if (c.month < 1 || c.month > 12 || c.day < 1) return false;
  if (c.hour > 23 || c.minute > 59 || c.second > 60) return false;
  if (c.nanos >= kNanosPerSecond || c.digits > 9) return false;
  const unsigned max_day =
      c.has_year ? time_text::days_in_month(c.year, c.month) : time_text::max_day_any_year(c.month);
  return c.day <= max_day;
}

// IERS inserts leap seconds only after 23:59:59 UTC on the last day of a month.
bool is_leap_second_slot(std::int64_t utc_seconds_of_59) noexcept {
  const std::int64_t next = utc_seconds_of_59 + 1;
  if (next % kSecondsPerDay != 0) return false;
  const date::year_month_day ymd{date::sys_days{date::days{next / kSecondsPerDay}}};
  return static_cast<unsigned>(ymd.day()) == 1;
}

// 23:59:60 on the last day of a month in the stamp's own time: where a clock kept in local time
// (or one that takes its zone for UTC) shows the leap second.
bool ends_local_month(const CivilTime& c, int year) noexcept {
  return c.hour == 23 && c.minute == 59 && c.day == time_text::days_in_month(year, c.month);
}

SysNanos make_time(std::int64_t utc_seconds, std::int64_t nanos) noexcept {
  return SysNanos{Nanoseconds{utc_seconds * kNanosPerSecond + nanos}};
}

}  // namespace

TimeResolver::TimeResolver(TimeResolverSettings settings) : settings_(settings) {}

void TimeResolver::set_reference(SysNanos reference) noexcept { settings_.reference = reference; }

void TimeResolver::reset_sequence() noexcept {
  last_year_ = 0;
  last_month_ = 0;
  last_utc_seconds_ = 0;
  have_last_ = false;
}

std::int64_t TimeResolver::limit_seconds() const noexcept {
  SysNanos reference = settings_.reference;
  if (reference == SysNanos{}) {
    reference = std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
  }
  const auto limit = reference + settings_.future_tolerance;
  return std::chrono::floor<std::chrono::seconds>(limit).time_since_epoch().count();
}

TimeResolver::Instant TimeResolver::earliest_instant(const CivilTime& c, int year,
                                                     unsigned second) const noexcept {
  const std::int64_t local = days_from_civil(year, c.month, c.day) * kSecondsPerDay +
                             std::int64_t{c.hour} * 3600 + std::int64_t{c.minute} * 60 + second;
  if (c.has_offset) return {local - c.offset_seconds, Zone::Mapping::unique};
  const Zone& zone = c.zone != nullptr ? *c.zone : settings_.zone;
  const Zone::Conversion r = zone.to_utc(local, false);
  return {r.utc_seconds.count(), r.mapping};
}

TimeResolver::Instant TimeResolver::instant(const CivilTime& c, int year,
                                            unsigned second) const noexcept {
  Instant earlier = earliest_instant(c, year, second);
  if (earlier.mapping != Zone::Mapping::fold) return earlier;
  const std::int64_t local = days_from_civil(year, c.month, c.day) * kSecondsPerDay +
                             std::int64_t{c.hour} * 3600 + std::int64_t{c.minute} * 60 + second;
  const Zone& zone = c.zone != nullptr ? *c.zone : settings_.zone;
  const std::int64_t later = zone.to_utc(local, true).utc_seconds.count();
  bool take_later;
  if (settings_.record_order == RecordOrder::oldest_first) {
    take_later = have_last_ && earlier.utc_seconds < last_utc_seconds_;
  } else {
    take_later = !have_last_ || later <= last_utc_seconds_;
  }
  if (take_later) earlier.utc_seconds = later;
  return earlier;
}

bool TimeResolver::infer_year(const CivilTime& c, unsigned second, std::int64_t limit,
                              int& year) const noexcept {
  const auto fits = [&](int y) {
    if (c.day > time_text::days_in_month(y, c.month)) return false;
    return earliest_instant(c, y, second).utc_seconds <= limit;
  };
  if (last_month_ != 0) {
    int y = last_year_;
    const int step = static_cast<int>(c.month) - static_cast<int>(last_month_);
    if (step < -6) ++y;
    if (step > 6) --y;
    if (fits(y)) {
      year = y;
      return true;
    }
  }
  const date::year_month_day limit_day{
      date::sys_days{date::days{date::floor<date::days>(std::chrono::seconds{limit}).count()}}};
  const int limit_year = static_cast<int>(limit_day.year());
  for (int y = limit_year + 1; y >= limit_year - 8; --y) {
    if (fits(y)) {
      year = y;
      return true;
    }
  }
  return false;
}

bool TimeResolver::resolve(const CivilTime& c, Event& event) noexcept {
  if (!fields_valid(c)) return false;
  const bool leap = c.second == 60;
  const unsigned second = leap ? 59 : c.second;
  const std::int64_t limit = limit_seconds();

  int year = c.year;
  if (!c.has_year && !infer_year(c, second, limit, year)) return false;
  const Instant at = instant(c, year, second);
  if (at.utc_seconds < kMinSeconds || at.utc_seconds > kMaxSeconds) return false;
  if (leap && !is_leap_second_slot(at.utc_seconds) && !ends_local_month(c, year)) return false;

  event.timestamp = make_time(at.utc_seconds, leap ? kNanosPerSecond - 1 : c.nanos);
  event.precision_digits = c.digits;
  if (!c.has_year) event.time_flags.set(TimeFlag::year_inferred);
  if (!c.has_offset) {
    const Zone& zone = c.zone != nullptr ? *c.zone : settings_.zone;
    event.time_zone = zone.name();
    if (c.zone == nullptr) event.time_flags.set(TimeFlag::zone_assumed);
  }
  if (at.mapping == Zone::Mapping::gap) event.time_flags.set(TimeFlag::dst_gap);
  if (at.mapping == Zone::Mapping::fold) event.time_flags.set(TimeFlag::dst_fold);
  if (leap) event.time_flags.set(TimeFlag::leap_second);
  if (at.utc_seconds > limit) event.time_flags.set(TimeFlag::future);
  if (c.precision_truncated) event.time_flags.set(TimeFlag::precision_truncated);

  last_year_ = year;
  last_month_ = c.month;
  last_utc_seconds_ = at.utc_seconds;
  have_last_ = true;
  return true;
}

void TimeResolver::resolve_utc(const UtcTime& time, Event& event) noexcept {
  event.timestamp = time.time;
  event.precision_digits = time.digits;
  if (time.leap_second) event.time_flags.set(TimeFlag::leap_second);
  if (time.precision_truncated) event.time_flags.set(TimeFlag::precision_truncated);
  const std::int64_t seconds =
      std::chrono::floor<std::chrono::seconds>(time.time).time_since_epoch().count();
  if (seconds > limit_seconds()) event.time_flags.set(TimeFlag::future);
  last_utc_seconds_ = seconds;
  have_last_ = true;
}

void TimeResolver::resolve_missing(Event& event) noexcept {
  event.timestamp =
      event.created != SysNanos{}
          ? event.created
          : std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
  event.precision_digits = 6;  // as event.created is written
  event.time_flags.set(TimeFlag::no_timestamp);
}

}  // namespace horolog
