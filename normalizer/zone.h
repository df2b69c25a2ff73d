// A time zone from the OS tz database (Howard Hinnant's date/tz), with the current offset
// interval cached so converting a local time costs no tz-database call in the common case.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "normalizer/error.h"

namespace date {
class time_zone;
}

namespace horolog {

class Zone {
 public:
  // How a local time maps to UTC.
  enum class Mapping : std::uint8_t { unique, gap, fold };
  struct Conversion {
    std::chrono::seconds utc_seconds;  // seconds since the Unix epoch
    Mapping mapping = Mapping::unique;
  };

  // "UTC", "local" (the host's zone), or an IANA name; not_found when the database has no such
  // zone.
  static Result<Zone> find(std::string_view name);
  static Zone utc();

  // The IANA name (or "UTC"); the text lives as long as the program (it is the tz database's
  // own copy), so events may keep a view of it.
  std::string_view name() const noexcept { return name_; }
  bool is_utc() const noexcept { return tz_ == nullptr; }

  // Local seconds since the epoch (as if the local wall clock were UTC) to UTC. In a gap the
  // local time is shifted forward by the gap's length; in a fold `later` picks the second pass.
  Conversion to_utc(std::int64_t local_seconds, bool later = false) const noexcept;
  // Offset from UTC (local minus UTC) in effect at a UTC instant.
  std::chrono::seconds offset_at(std::int64_t utc_seconds) const noexcept;

 private:
  Zone(std::string_view name, const date::time_zone* tz) : name_(name), tz_(tz) {}
  std::string_view name_;
  const date::time_zone* tz_ = nullptr;  // nullptr = UTC
  // Cache of one local interval with a single, unique offset.
  mutable std::int64_t cache_begin_ = 1;  // local seconds, inclusive
  mutable std::int64_t cache_end_ = 0;    // local seconds, exclusive (empty when begin > end)
  mutable std::int64_t cache_offset_ = 0;
};

}  // namespace horolog
