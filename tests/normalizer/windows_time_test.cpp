// Accepted and rejected tables for the Windows local-time shapes (Event Viewer CSV, SYSTEMTIME,
// SystemTime attributes), and their resolution through a zone, including the fall-back hour.
#include "normalizer/windows_time.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/normalizer/civil_time_printer.h"
#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

using CivilParser = std::size_t (*)(std::string_view, CivilTime&);

std::size_t us(std::string_view s, CivilTime& out) { return parse_eventviewer_us_time(s, out); }
std::size_t day_first(std::string_view s, CivilTime& out) {
  return parse_eventviewer_day_first_time(s, out);
}
std::size_t attribute(std::string_view s, CivilTime& out) {
  return parse_system_time_attribute(s, out);
}

struct Accepted {
  const char* name;
  CivilParser parse;
  std::string_view text;
  std::size_t consumed;
  CivilTime expected;
};

const Accepted kAccepted[] = {
    {"UsAfternoon", us, "11/26/2026 1:05:07 PM,Micro", 21, civil(2026, 11, 26, 13, 5, 7)},
    {"UsMorning", us, "11/1/2026 1:29:58 AM", 20, civil(2026, 11, 1, 1, 29, 58)},
    {"UsMidnight", us, "1/1/2027 12:00:00 AM", 20, civil(2027, 1, 1, 0, 0, 0)},
    {"UsNoon", us, "1/1/2027 12:00:00 PM", 20, civil(2027, 1, 1, 12, 0, 0)},
    {"UsPaddedFields", us, "02/29/2028 09:00:00 PM", 22, civil(2028, 2, 29, 21, 0, 0)},
    {"DayFirst", day_first, "26.11.2026 13:05:07,Micro", 19, civil(2026, 11, 26, 13, 5, 7)},
    {"DayFirstUnpadded", day_first, "1.2.2027 3:05:07", 16, civil(2027, 2, 1, 3, 5, 7)},
    {"DayFirstFold", day_first, "25.10.2026 02:30:03", 19, civil(2026, 10, 25, 2, 30, 3)},
    {"AttributeSevenDigits", attribute, "SystemTime='2026-10-25T00:30:00.3746446Z'/>", 41,
     with_offset(civil(2026, 10, 25, 0, 30, 0, 374644600, 7), 0)},
    {"AttributeNineDigitsDoubleQuote", attribute, "SystemTime=\"2026-11-26T00:00:00.629183600Z\"",
     43, with_offset(civil(2026, 11, 26, 0, 0, 0, 629183600, 9), 0)},
};

struct Rejected {
  const char* name;
  CivilParser parse;
  std::string_view text;
};

const Rejected kRejected[] = {
    {"UsHour13", us, "11/26/2026 13:05:07 PM"},
    {"UsHour0", us, "11/26/2026 0:05:07 AM"},
    {"UsNoMeridiem", us, "11/26/2026 1:05:07"},
    {"UsLowerMeridiem", us, "11/26/2026 1:05:07 pm"},
    {"UsMonth13", us, "13/26/2026 1:05:07 PM"},
    {"UsDayFirstOrder", us, "26/11/2026 1:05:07 PM"},
    {"UsFeb29NonLeap", us, "2/29/2027 1:05:07 PM"},
    {"UsTwoDigitYear", us, "11/26/26 1:05:07 PM"},
    {"DayFirstSlash", day_first, "26/11/2026 13:05:07"},
    {"DayFirstHour24", day_first, "26.11.2026 24:05:07"},
    {"DayFirstMonth13", day_first, "26.13.2026 13:05:07"},
    {"DayFirstApr31", day_first, "31.04.2026 13:05:07"},
    {"AttributeUnquoted", attribute, "SystemTime=2026-10-25T00:30:00Z"},
    {"AttributeMismatchedQuote", attribute, "SystemTime='2026-10-25T00:30:00Z\""},
    {"AttributeOtherName", attribute, "TimeCreated='2026-10-25T00:30:00Z'"},
    {"AttributeBadTime", attribute, "SystemTime='2026-10-25T25:30:00Z'"},
};

class WindowsShapeAccepts : public ::testing::TestWithParam<Accepted> {};
class WindowsShapeRejects : public ::testing::TestWithParam<Rejected> {};

TEST_P(WindowsShapeAccepts, ReadsEveryField) {
  const Accepted& row = GetParam();
  CivilTime out;
  EXPECT_EQ(row.parse(row.text, out), row.consumed) << row.text;
  EXPECT_EQ(out, row.expected);
}

TEST_P(WindowsShapeRejects, ConsumesNothing) {
  CivilTime out;
  EXPECT_EQ(GetParam().parse(GetParam().text, out), 0u) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(Table, WindowsShapeAccepts, ::testing::ValuesIn(kAccepted),
                         [](const auto& info) { return std::string(info.param.name); });
INSTANTIATE_TEST_SUITE_P(Table, WindowsShapeRejects, ::testing::ValuesIn(kRejected),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SystemTime, StructAndEvtxBytesGiveTheSameCivilTime) {
  const SystemTime st{2026, 10, 0, 25, 0, 30, 3, 99};
  CivilTime from_struct;
  ASSERT_TRUE(systemtime_to_civil(st, true, from_struct));
  const unsigned char raw[16] = {0xEA, 0x07, 10, 0, 0, 0, 25, 0, 0, 0, 30, 0, 3, 0, 99, 0};
  CivilTime from_bytes;
  ASSERT_TRUE(systemtime_bytes_to_civil(
      std::string_view(reinterpret_cast<const char*>(raw), sizeof raw), true, from_bytes));
  EXPECT_EQ(from_struct, from_bytes);
  EXPECT_EQ(from_struct, with_offset(civil(2026, 10, 25, 0, 30, 3, 99000000, 3), 0));
}

TEST(SystemTime, RefusesImpossibleFieldsAndWrongSizes) {
  CivilTime out;
  EXPECT_FALSE(systemtime_to_civil({2026, 13, 0, 1, 0, 0, 0, 0}, true, out));
  EXPECT_FALSE(systemtime_to_civil({2027, 2, 0, 29, 0, 0, 0, 0}, true, out));
  EXPECT_FALSE(systemtime_to_civil({2026, 1, 0, 1, 0, 0, 0, 1000}, true, out));
  EXPECT_FALSE(systemtime_bytes_to_civil(std::string_view("short"), true, out));
}

TEST(EventViewerCsv, NewestFirstFallBackHourResolvesByRecordOrder) {
  // Event Viewer lists newest first: walking down the file, the second (EST) pass through
  // 1:29:58..1:30:05 AM comes before the first (EDT) pass.
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2026-11-30T00:00:00Z")});
  resolver.set_record_order(RecordOrder::newest_first);
  const std::pair<std::string_view, std::string_view> rows[] = {
      {"11/1/2026 1:30:05 AM", "2026-11-01T06:30:05Z"},
      {"11/1/2026 1:29:58 AM", "2026-11-01T06:29:58Z"},
      {"11/1/2026 1:30:05 AM", "2026-11-01T05:30:05Z"},
      {"11/1/2026 1:29:58 AM", "2026-11-01T05:29:58Z"},
  };
  // The record before them in the file is newer still (2:10 AM EST).
  CivilTime c;
  ASSERT_GT(parse_eventviewer_us_time("11/1/2026 2:10:00 AM", c), 0u);
  Event newest;
  ASSERT_TRUE(resolver.resolve(c, newest));
  for (const auto& [text, utc] : rows) {
    ASSERT_GT(parse_eventviewer_us_time(text, c), 0u);
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event));
    EXPECT_EQ(test::rfc3339(event), utc) << text;
    EXPECT_EQ(test::flag_list(event.time_flags), "zone_assumed,dst_fold");
  }
}

}  // namespace
}  // namespace horolog
