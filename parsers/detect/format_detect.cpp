// Shape rules, most specific first: JSON, syslog with PRI, NTP statistics (MJD), chrony logs
// (date + columns) and their banners, daemon logs, BSD syslog.
#include "parsers/detect/format_detect.h"

#include <array>
#include <charconv>
#include <cstddef>

#include "normalizer/civil_time.h"
#include "normalizer/timestamp_formats.h"

namespace horolog {
namespace {

constexpr std::size_t kMaxTokens = 20;

struct Tokens {
  std::array<std::string_view, kMaxTokens> items;
  std::size_t count = 0;  // saturates at kMaxTokens + 1 ("many")
};

Tokens tokenize(std::string_view text) noexcept {
  Tokens out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    const std::size_t begin = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (out.count < kMaxTokens) out.items[out.count] = text.substr(begin, i - begin);
    if (++out.count > kMaxTokens) break;
  }
  return out;
}

bool is_number(std::string_view token) noexcept {
  double value = 0;
  const auto result = std::from_chars(token.data(), token.data() + token.size(), value);
  return !token.empty() && result.ec == std::errc{} && result.ptr == token.data() + token.size();
}

bool is_integer(std::string_view token) noexcept {
  if (token.empty()) return false;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_hex(std::string_view token, std::size_t size) noexcept {
  if (token.size() != size) return false;
  for (char c : token) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

bool all_numbers(const Tokens& t, std::size_t from) noexcept {
  for (std::size_t i = from; i < t.count && i < kMaxTokens; ++i) {
    if (!is_number(t.items[i])) return false;
  }
  return true;
}

// ntpd statistics: `MJD seconds ...`.
std::string_view detect_ntp_stats(const Tokens& t) noexcept {
  if (t.count < 3 || t.items[0].size() != 5 || !is_integer(t.items[0]) || !is_number(t.items[1])) {
    return {};
  }
  const std::size_t n = t.count;
  if (n >= 4 && is_hex(t.items[3], 4)) {
    if (n >= 5 && is_hex(t.items[4], 2)) return "ntp-protostats";
    if (n == 8 && all_numbers(t, 4)) return "ntp-peerstats";
  }
  if (n == 7 && all_numbers(t, 2)) return "ntp-loopstats";
  if (n >= 8 && !is_number(t.items[2]) && !is_number(t.items[3]) && is_number(t.items[4])) {
    return "ntp-rawstats";
  }
  if (all_numbers(t, 2)) return "ntp-sysstats";
  return "ntp-clockstats";
}

// chrony banners name their columns.
std::string_view detect_chrony_banner(std::string_view record) noexcept {
  if (record.find("L St 123") != std::string_view::npos) return "chrony-measurements";
  if (record.find("Std dev'n") != std::string_view::npos) return "chrony-statistics";
  if (record.find("Freq ppm") != std::string_view::npos) return "chrony-tracking";
  if (record.find("Refid  DP") != std::string_view::npos) return "chrony-refclocks";
  if (record.find("RTC fast") != std::string_view::npos) return "chrony-rtc";
  return {};
}

// chrony logs: `YYYY-MM-DD HH:MM:SS[.f]` then columns (the date and time are two tokens).
std::string_view detect_chrony(const Tokens& t) noexcept {
  if (t.count < 4 || t.items[1].find(':') == std::string_view::npos) return {};
  const std::size_t columns = t.count - 2;
  const bool fraction = t.items[1].find('.') != std::string_view::npos;
  if (fraction && columns == 7) return "chrony-refclocks";
  if (columns >= 17 && columns <= 19) return "chrony-measurements";
  if (columns == 7 && is_number(t.items[2])) return "chrony-rtc";
  if (columns >= 10 && columns <= 13 && is_integer(t.items[3]) && !is_integer(t.items[4])) {
    return "chrony-tracking";
  }
  if (columns >= 10 && columns <= 12 && all_numbers(t, 3)) return "chrony-statistics";
  return {};
}

bool looks_like_daemon_tag(std::string_view token) noexcept {
  return token.starts_with("ntpd[") || token.starts_with("chronyd[") ||
         token.starts_with("ntpd:") || token.starts_with("chronyd:");
}

}  // namespace

std::string_view detect_format(std::string_view record) noexcept {
  if (record.empty()) return {};
  if (record.front() == '{') return "json";
  if (record.front() == '<') return "syslog";
  if (record.starts_with("====")) return {};  // banner rule without column names
  if (record.front() == ' ') {
    // ntpd pads days 1-9 with a space: ` 7 Dec 10:11:12 ntpd[123]: …`.
    if (CivilTime civil; parse_ntpd_log_time(record, civil) != 0) return "ntpd";
    return detect_chrony_banner(record);
  }

  const Tokens t = tokenize(record);
  if (const std::string_view stats = detect_ntp_stats(t); !stats.empty()) return stats;

  CivilTime civil;
  const std::size_t iso = parse_rfc3339(record, civil);
  if (iso != 0) {
    if (record.size() > 10 && record[10] == ' ') {  // date and time apart: chrony
      if (const std::string_view chrony = detect_chrony(t); !chrony.empty()) return chrony;
    }
    // ntpsec and chronyd write `STAMP ntpd[pid]: ...` / `STAMPZ message` with no host.
    const Tokens after = tokenize(record.substr(iso));
    if (after.count > 0 && looks_like_daemon_tag(after.items[0])) return "ntpd";
    if (civil.has_offset && civil.offset_seconds == 0 && record[iso - 1] == 'Z' &&
        civil.digits == 0) {
      return "ntpd";
    }
    return "syslog";
  }
  civil = CivilTime{};
  if (parse_rfc3164_time(record, civil) != 0) return "syslog";
  if (t.count >= 3 && is_integer(t.items[0]) && t.items[0].size() <= 2 && t.items[1].size() == 3) {
    return "ntpd";  // classic `26 Nov 12:00:00 ntpd[123]: ...`
  }
  return {};
}

}  // namespace horolog
