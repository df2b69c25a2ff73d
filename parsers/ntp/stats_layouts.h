// Column layouts of the NTP daemons' statistics files (ntpd/ntpsec `statsdir`, chrony `logdir`):
// one table per file, naming each column with its documented meaning and unit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace horolog::ntp {

enum class StampShape : std::uint8_t {
  mjd_seconds,  // ntpd/ntpsec: `61016 2.878` = Modified Julian Day, seconds past UTC midnight
  date_time,    // chrony: `2026-11-26 13:07:48[.567703]`, UTC
};

enum class ColumnKind : std::uint8_t {
  float64,  // decimal or exponent notation
  int64,
  text,         // one token, kept as written
  peer_status,  // ntpd peer status word in hex, decoded (peer_status.h)
  rest,         // everything to the end of the line
};

struct Column {
  std::string_view key;  // full field key, e.g. "ntp.loopstats.offset_s"
  ColumnKind kind;
};

enum class StatsKind : std::uint8_t {
  ntp_loopstats,
  ntp_peerstats,
  ntp_clockstats,
  ntp_sysstats,
  ntp_rawstats,
  ntp_protostats,
  chrony_measurements,
  chrony_statistics,
  chrony_tracking,
  chrony_refclocks,
  chrony_rtc,
};

struct StatsLayout {
  std::string_view dataset;
  StampShape stamp;
  std::span<const Column> columns;
  std::size_t required;        // columns every version writes; later ones may be absent
  std::string_view extra_key;  // where columns beyond the known ones go (newer versions)
};

const StatsLayout& stats_layout(StatsKind kind) noexcept;

}  // namespace horolog::ntp
