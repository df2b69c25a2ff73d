// Every local-time shape, rendered from the same wall-clock time, resolves to the same instant
// in each of the seven reference zones, across both 2026 DST transitions of each.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "normalizer/strptime_format.h"
#include "normalizer/windows_time.h"
#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

struct WallClock {
  const char* zone;
  int year;
  unsigned month, day, hour, minute, second;
  std::string_view utc;    // expected, no fraction
  std::string_view flags;  // besides zone_assumed and year_inferred
};

const WallClock kWallClocks[] = {
    {"UTC", 2026, 3, 29, 2, 30, 0, "2026-03-29T02:30:00Z", ""},
    {"UTC", 2026, 10, 25, 2, 30, 0, "2026-10-25T02:30:00Z", ""},
    {"Europe/Berlin", 2026, 3, 29, 2, 30, 0, "2026-03-29T01:30:00Z", "dst_gap"},
    {"Europe/Berlin", 2026, 10, 25, 2, 30, 0, "2026-10-25T00:30:00Z", "dst_fold"},
    {"America/New_York", 2026, 3, 8, 2, 30, 0, "2026-03-08T07:30:00Z", "dst_gap"},
    {"America/New_York", 2026, 11, 1, 1, 30, 0, "2026-11-01T05:30:00Z", "dst_fold"},
    {"America/St_Johns", 2026, 3, 8, 2, 30, 0, "2026-03-08T06:00:00Z", "dst_gap"},
    {"America/St_Johns", 2026, 11, 1, 1, 30, 0, "2026-11-01T04:00:00Z", "dst_fold"},
    {"Asia/Kolkata", 2026, 3, 29, 2, 30, 0, "2026-03-28T21:00:00Z", ""},
    {"Asia/Kolkata", 2026, 11, 1, 1, 30, 0, "2026-10-31T20:00:00Z", ""},
    {"Australia/Lord_Howe", 2026, 4, 5, 1, 45, 0, "2026-04-04T14:45:00Z", "dst_fold"},
    {"Australia/Lord_Howe", 2026, 10, 4, 2, 15, 0, "2026-10-03T15:45:00Z", "dst_gap"},
    {"Pacific/Chatham", 2026, 4, 5, 3, 0, 0, "2026-04-04T13:15:00Z", "dst_fold"},
    {"Pacific/Chatham", 2026, 9, 27, 3, 0, 0, "2026-09-26T14:15:00Z", "dst_gap"},
    {"Pacific/Chatham", 2026, 12, 31, 23, 59, 59, "2026-12-31T10:14:59Z", ""},
    {"America/New_York", 2028, 2, 29, 13, 5, 7, "2028-02-29T18:05:07Z", ""},
};

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Rendered {
  const char* shape;
  std::string text;
  bool year_less;
};

std::vector<Rendered> render(const WallClock& w) {
  char b[80];
  std::vector<Rendered> out;
  const char* mon = kMonths[w.month - 1];
  std::snprintf(b, sizeof b, "%s %2u %02u:%02u:%02u", mon, w.day, w.hour, w.minute, w.second);
  out.push_back({"rfc3164", b, true});
  std::snprintf(b, sizeof b, "%s %02u %d %02u:%02u:%02u", mon, w.day, w.year, w.hour, w.minute,
                w.second);
  out.push_back({"rfc3164 with year", b, false});
  std::snprintf(b, sizeof b, "%d-%02u-%02uT%02u:%02u:%02u", w.year, w.month, w.day, w.hour,
                w.minute, w.second);
  out.push_back({"rfc3339", b, false});
  // As ntpd's humanlogtime() writes it: days 1-9 padded with a space.
  std::snprintf(b, sizeof b, "%2u %s %02u:%02u:%02u", w.day, mon, w.hour, w.minute, w.second);
  out.push_back({"ntpd log", b, true});
  const unsigned h12 = w.hour % 12 == 0 ? 12 : w.hour % 12;
  std::snprintf(b, sizeof b, "%u/%u/%d %u:%02u:%02u %s", w.month, w.day, w.year, h12, w.minute,
                w.second, w.hour < 12 ? "AM" : "PM");
  out.push_back({"event viewer us", b, false});
  std::snprintf(b, sizeof b, "%02u.%02u.%d %02u:%02u:%02u", w.day, w.month, w.year, w.hour,
                w.minute, w.second);
  out.push_back({"event viewer day first", b, false});
  std::snprintf(b, sizeof b, "%02u/%s/%d:%02u:%02u:%02u", w.day, mon, w.year, w.hour, w.minute,
                w.second);
  out.push_back({"strptime", b, false});
  return out;
}

std::size_t parse_shape(const Rendered& r, CivilTime& c) {
  const std::string_view s = r.text;
  const std::string_view shape = r.shape;
  if (shape == "rfc3164" || shape == "rfc3164 with year") return parse_rfc3164_time(s, c);
  if (shape == "rfc3339") return parse_rfc3339(s, c);
  if (shape == "ntpd log") return parse_ntpd_log_time(s, c);
  if (shape == "event viewer us") return parse_eventviewer_us_time(s, c);
  if (shape == "event viewer day first") return parse_eventviewer_day_first_time(s, c);
  TimeFormat format = TimeFormat::compile("%d/%b/%Y:%H:%M:%S").value();
  return format.parse(s, c);
}

class EveryShape : public ::testing::TestWithParam<WallClock> {};

TEST_P(EveryShape, AgreesOnTheInstantInTheZone) {
  const WallClock& w = GetParam();
  // Just after the event, so a year-less stamp is inferred into the right year.
  const SysNanos reference = test::instant(w.utc) + std::chrono::hours(48);
  for (const Rendered& r : render(w)) {
    TimeResolver resolver({Zone::find(w.zone).value(), reference});
    CivilTime c;
    ASSERT_EQ(parse_shape(r, c), r.text.size()) << r.shape << ": " << r.text;
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event)) << r.shape << ": " << r.text;
    EXPECT_EQ(test::rfc3339(event), w.utc) << r.shape << ": " << r.text;
    std::string flags = r.year_less ? "year_inferred,zone_assumed" : "zone_assumed";
    if (!w.flags.empty()) flags += "," + std::string(w.flags);
    EXPECT_EQ(test::flag_list(event.time_flags), flags) << r.shape << ": " << r.text;
    EXPECT_EQ(event.time_zone, w.zone);
  }
  // SYSTEMTIME carries local time too when an exporter writes it so.
  CivilTime c;
  ASSERT_TRUE(systemtime_to_civil(
      {static_cast<std::uint16_t>(w.year), static_cast<std::uint16_t>(w.month), 0,
       static_cast<std::uint16_t>(w.day), static_cast<std::uint16_t>(w.hour),
       static_cast<std::uint16_t>(w.minute), static_cast<std::uint16_t>(w.second), 0},
      false, c));
  TimeResolver resolver({Zone::find(w.zone).value(), reference});
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  EXPECT_EQ(test::rfc3339(event), std::string(w.utc.substr(0, 19)) + ".000Z");
}

INSTANTIATE_TEST_SUITE_P(Table, EveryShape, ::testing::ValuesIn(kWallClocks), [](const auto& info) {
  std::string name = info.param.zone;
  for (char& ch : name) {
    if (ch == '/') ch = '_';
  }
  return name + "_" + std::to_string(info.index);
});

}  // namespace
}  // namespace horolog
