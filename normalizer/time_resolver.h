// Turns a CivilTime into the event's UTC instant: applies the offset or the input's zone, infers
// missing years against a reference time, and flags every assumption. One per source: it keeps
// the state (year crossings, DST folds) that only the order of records reveals.
//
// Rules (DESIGN.md "Time rules"):
// - Offset: a stamp with an offset (or UTC by its shape) uses it; otherwise the zone the stamp
//   named (strptime %Z) or the input's zone, flagged zone_assumed. event.time_zone then names the
//   zone; it views the tz database's own copy of the name, valid for the life of the program.
// - Year inference (no year in the stamp), with limit = reference + future_tolerance:
//   1. Following a record of this source, take the year that puts this month closest to the
//      previous record's month: a jump back of more than six months (Dec -> Jan) is the next
//      year, a jump forward of more than six months (a late Dec record after Jan) the previous.
//   2. That year is kept only if the date exists in it and the instant is <= limit; otherwise,
//      and for the first record, the latest year from limit's year + 1 down to limit's year - 8
//      where the date exists (Feb 29 only in leap years) and whose instant is <= limit.
//   Flagged year_inferred. No year qualifies only for impossible dates: resolve() fails.
// - DST gap: the wall clock skipped the time; it is read with the offset before the transition
//   (so it lands as far after the transition as it was after the gap's start), flagged dst_gap.
// - DST fold: the wall clock showed the time twice; the record order decides. In a source listed
//   oldest first, the earlier instant unless it would put the record before the previous one
//   (then the later: the wall clock went back, so this is the second pass); newest first (Event
//   Viewer exports), the mirror image. A sequence's first record takes the earlier instant
//   (oldest first) or the later (newest first). Flagged dst_fold. A record that is out of order
//   by a few seconds right inside a fold is read as the other pass: the order is all there is.
// - Leap second: hh:mm:60 is accepted where a leap second falls in UTC (its hh:mm:59 is 23:59:59
//   UTC on the last day of a month, where IERS may insert one; the historical table is not
//   consulted), and as 23:59:60 on the last day of a month in the stamp's own time (its zone or
//   offset: clocks kept in local time show it there). Either becomes the last nanosecond of its
//   hh:mm:59, which is resolved like any other local time (gap, fold), flagged leap_second. Any
//   other :60 is refused.
// - future: the instant is beyond limit.
// - precision_truncated: the stamp had more than 9 fractional digits; the shape parser kept the
//   first 9 (CivilTime / UtcTime precision_truncated), never rounding.
// A zero reference means "now": the system clock is read for each record.
#pragma once

#include <chrono>
#include <cstdint>

#include "normalizer/civil_time.h"
#include "normalizer/event.h"
#include "normalizer/utc_time.h"
#include "normalizer/zone.h"

namespace horolog {

// The order in which a source lists its records; it decides DST folds.
enum class RecordOrder : std::uint8_t { oldest_first, newest_first };

struct TimeResolverSettings {
  Zone zone = Zone::utc();  // for stamps without an offset
  SysNanos reference{};     // "now" when tailing, file mtime when replaying
  Nanoseconds future_tolerance = std::chrono::hours(24);
  RecordOrder record_order = RecordOrder::oldest_first;
};

class TimeResolver {
 public:
  explicit TimeResolver(TimeResolverSettings settings);

  // Fills event.timestamp, precision_digits, time_zone and time_flags. Never throws; a CivilTime
  // with impossible fields (month 13, Feb 30, a :60 that is no leap second) or outside the range
  // of SysNanos (years before 1678 or after 2261) yields `false` and leaves the event untouched.
  [[nodiscard]] bool resolve(const CivilTime& civil, Event& event) noexcept;
  // For shapes that are UTC by definition: timestamp, precision_digits, and the flags
  // leap_second, precision_truncated and future.
  void resolve_utc(const UtcTime& time, Event& event) noexcept;
  // The record has no usable stamp: event.created (or now, when unset), flagged no_timestamp.
  void resolve_missing(Event& event) noexcept;

  void set_reference(SysNanos reference) noexcept;
  // For parsers of formats that list newest first (Event Viewer CSV).
  void set_record_order(RecordOrder order) noexcept { settings_.record_order = order; }
  // Forgets what earlier records taught (a new file or a rotation starts a new sequence).
  void reset_sequence() noexcept;
  const TimeResolverSettings& settings() const noexcept { return settings_; }

 private:
  struct Instant {
    std::int64_t utc_seconds = 0;
    Zone::Mapping mapping = Zone::Mapping::unique;
  };
  std::int64_t limit_seconds() const noexcept;
  bool infer_year(const CivilTime& civil, unsigned second, std::int64_t limit,
                  int& year) const noexcept;
  Instant earliest_instant(const CivilTime& civil, int year, unsigned second) const noexcept;
  Instant instant(const CivilTime& civil, int year, unsigned second) const noexcept;

  TimeResolverSettings settings_;
  // Year-inference state across records of one source.
  int last_year_ = 0;
  unsigned last_month_ = 0;
  // Fold state: the last UTC instant, so a repeated hour resolves by record order.
  std::int64_t last_utc_seconds_ = 0;
  bool have_last_ = false;
};

}  // namespace horolog
