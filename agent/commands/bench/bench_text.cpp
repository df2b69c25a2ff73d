// Calendar arithmetic through <chrono>; numbers through to_chars and snprintf.
#include "agent/commands/bench/bench_text.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace horolog {

namespace {

constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::int64_t kMicrosPerDay = 86'400'000'000;
constexpr std::int64_t kMjdOfUnixEpoch = 40587;

struct Civil {
  int year;
  unsigned month;
  unsigned day;
  std::int64_t micros_of_day;
};

Civil to_civil(std::int64_t unix_us) {
  std::int64_t days = unix_us / kMicrosPerDay;
  std::int64_t rest = unix_us % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()), rest};
}

void append_clock(std::string& out, std::int64_t micros_of_day, int digits) {
  const std::int64_t seconds = micros_of_day / 1'000'000;
  append_padded(out, seconds / 3600, 2);
  out.push_back(':');
  append_padded(out, seconds / 60 % 60, 2);
  out.push_back(':');
  append_padded(out, seconds % 60, 2);
  if (digits > 0) {
    std::int64_t fraction = micros_of_day % 1'000'000;
    for (int d = 6; d > digits; --d) fraction /= 10;
    out.push_back('.');
    append_padded(out, fraction, digits);
  }
}

void append_date(std::string& out, const Civil& c, char separator) {
  append_padded(out, c.year, 4);
  out.push_back(separator);
  append_padded(out, c.month, 2);
  out.push_back(separator);
  append_padded(out, c.day, 2);
}

}  // namespace

void append_padded(std::string& out, std::int64_t value, int width, char pad) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  const auto length = static_cast<int>(result.ptr - digits);
  if (length < width) out.append(static_cast<std::size_t>(width - length), pad);
  out.append(digits, result.ptr);
}

void append_double(std::string& out, const char* format, double value) {
  char text[64];
  const int length = std::snprintf(text, sizeof text, format, value);
  if (length > 0) out.append(text, static_cast<std::size_t>(length));
}

void append_bsd_stamp(std::string& out, std::int64_t unix_us) {
  const Civil c = to_civil(unix_us);
  out.append(kMonths[c.month - 1]);
  out.push_back(' ');
  append_padded(out, c.day, 2, ' ');
  out.push_back(' ');
  append_clock(out, c.micros_of_day, 0);
}

void append_rfc3339(std::string& out, std::int64_t unix_us, int digits, int offset_min,
                    bool utc_z) {
  const Civil c = to_civil(unix_us + std::int64_t{offset_min} * 60'000'000);
  append_date(out, c, '-');
  out.push_back('T');
  append_clock(out, c.micros_of_day, digits);
  if (offset_min == 0 && utc_z) {
    out.push_back('Z');
    return;
  }
  const int magnitude = offset_min < 0 ? -offset_min : offset_min;
  out.push_back(offset_min < 0 ? '-' : '+');
  append_padded(out, magnitude / 60, 2);
  out.push_back(':');
  append_padded(out, magnitude % 60, 2);
}

void append_chrony_stamp(std::string& out, std::int64_t unix_us, int digits) {
  const Civil c = to_civil(unix_us);
  append_date(out, c, '-');
  out.push_back(' ');
  append_clock(out, c.micros_of_day, digits);
}

void append_mjd_stamp(std::string& out, std::int64_t unix_us) {
  append_padded(out, unix_us / kMicrosPerDay + kMjdOfUnixEpoch);
  out.push_back(' ');
  const std::int64_t micros_of_day = unix_us % kMicrosPerDay;
  append_padded(out, micros_of_day / 1'000'000);
  out.push_back('.');
  append_padded(out, micros_of_day % 1'000'000 / 1000, 3);
}

void append_clf_stamp(std::string& out, std::int64_t unix_us) {
  const Civil c = to_civil(unix_us);
  append_padded(out, c.day, 2);
  out.push_back('/');
  out.append(kMonths[c.month - 1]);
  out.push_back('/');
  append_padded(out, c.year, 4);
  out.push_back(':');
  append_clock(out, c.micros_of_day, 0);
  out.append(" +0000");
}

void append_private_ipv4(std::string& out, std::uint64_t bits) {
  const bool ten = (bits & 1) != 0;
  out.append(ten ? "10." : "192.168.");
  if (ten) {
    append_padded(out, static_cast<std::int64_t>((bits >> 8) & 0xFF));
    out.push_back('.');
  }
  append_padded(out, static_cast<std::int64_t>((bits >> 16) & 0xFF));
  out.push_back('.');
  append_padded(out, static_cast<std::int64_t>((bits >> 24) % 254 + 1));
}

}  // namespace horolog
