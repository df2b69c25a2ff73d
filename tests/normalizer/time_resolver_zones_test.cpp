// Zone-less stamps in seven zones around both 2026 DST transitions (or their absence): the UTC
// instant, the flags, and the zone recorded on the event.
#include <gtest/gtest.h>

#include <string>

#include "tests/normalizer/resolver_test_support.h"

namespace horolog {
namespace {

struct ZoneCase {
  const char* name;
  const char* zone;
  std::string_view local;  // RFC 3339 without offset
  std::string_view utc;    // expected @timestamp
  std::string_view flags;  // expected flags besides zone_assumed
};

const ZoneCase kZoneCases[] = {
    {"UtcIsIdentity", "UTC", "2026-03-29T02:30:00", "2026-03-29T02:30:00Z", ""},
    {"UtcFractionKept", "UTC", "2026-11-01T01:30:00.123456", "2026-11-01T01:30:00.123456Z", ""},
    // Europe/Berlin: CET->CEST 2026-03-29 02:00, CEST->CET 2026-10-25 03:00.
    {"BerlinWinter", "Europe/Berlin", "2026-01-15T12:00:00", "2026-01-15T11:00:00Z", ""},
    {"BerlinBeforeGap", "Europe/Berlin", "2026-03-29T01:59:59", "2026-03-29T00:59:59Z", ""},
    {"BerlinInGap", "Europe/Berlin", "2026-03-29T02:30:00", "2026-03-29T01:30:00Z", "dst_gap"},
    {"BerlinAfterGap", "Europe/Berlin", "2026-03-29T03:00:00", "2026-03-29T01:00:00Z", ""},
    {"BerlinBeforeFold", "Europe/Berlin", "2026-10-25T01:59:59", "2026-10-24T23:59:59Z", ""},
    {"BerlinInFold", "Europe/Berlin", "2026-10-25T02:30:00", "2026-10-25T00:30:00Z", "dst_fold"},
    {"BerlinAfterFold", "Europe/Berlin", "2026-10-25T03:00:00", "2026-10-25T02:00:00Z", ""},
    // America/New_York: EST->EDT 2026-03-08 02:00, EDT->EST 2026-11-01 02:00.
    {"NewYorkBeforeGap", "America/New_York", "2026-03-08T01:59:59", "2026-03-08T06:59:59Z", ""},
    {"NewYorkInGap", "America/New_York", "2026-03-08T02:30:00.5", "2026-03-08T07:30:00.5Z",
     "dst_gap"},
    {"NewYorkAfterGap", "America/New_York", "2026-03-08T03:00:00", "2026-03-08T07:00:00Z", ""},
    {"NewYorkBeforeFold", "America/New_York", "2026-11-01T00:59:59", "2026-11-01T04:59:59Z", ""},
    {"NewYorkInFold", "America/New_York", "2026-11-01T01:30:00", "2026-11-01T05:30:00Z",
     "dst_fold"},
    {"NewYorkAfterFold", "America/New_York", "2026-11-01T02:00:00", "2026-11-01T07:00:00Z", ""},
    // America/St_Johns (-3:30 / -2:30), same dates as New York.
    {"StJohnsWinter", "America/St_Johns", "2026-11-26T09:39:58", "2026-11-26T13:09:58Z", ""},
    {"StJohnsInGap", "America/St_Johns", "2026-03-08T02:30:00", "2026-03-08T06:00:00Z", "dst_gap"},
    {"StJohnsAfterGap", "America/St_Johns", "2026-03-08T03:00:00", "2026-03-08T05:30:00Z", ""},
    {"StJohnsInFold", "America/St_Johns", "2026-11-01T01:30:00", "2026-11-01T04:00:00Z",
     "dst_fold"},
    {"StJohnsAfterFold", "America/St_Johns", "2026-11-01T02:00:00", "2026-11-01T05:30:00Z", ""},
    // Asia/Kolkata (+5:30): no DST, so the other zones' transition hours are ordinary.
    {"KolkataOnBerlinGapDate", "Asia/Kolkata", "2026-03-29T02:30:00", "2026-03-28T21:00:00Z", ""},
    {"KolkataOnNewYorkFoldDate", "Asia/Kolkata", "2026-11-01T01:30:00", "2026-10-31T20:00:00Z", ""},
    // Australia/Lord_Howe: +11 -> +10:30 2026-04-05 02:00, +10:30 -> +11 2026-10-04 02:00.
    {"LordHoweBeforeFold", "Australia/Lord_Howe", "2026-04-05T01:29:59", "2026-04-04T14:29:59Z",
     ""},
    {"LordHoweInFold", "Australia/Lord_Howe", "2026-04-05T01:45:00", "2026-04-04T14:45:00Z",
     "dst_fold"},
    {"LordHoweAfterFold", "Australia/Lord_Howe", "2026-04-05T02:00:00", "2026-04-04T15:30:00Z", ""},
    {"LordHoweInGap", "Australia/Lord_Howe", "2026-10-04T02:15:00", "2026-10-03T15:45:00Z",
     "dst_gap"},
    {"LordHoweAfterGap", "Australia/Lord_Howe", "2026-10-04T02:30:00", "2026-10-03T15:30:00Z", ""},
    // Pacific/Chatham: +13:45 -> +12:45 2026-04-05 03:45, +12:45 -> +13:45 2026-09-27 02:45.
    {"ChathamBeforeFold", "Pacific/Chatham", "2026-04-05T02:44:59", "2026-04-04T12:59:59Z", ""},
    {"ChathamInFold", "Pacific/Chatham", "2026-04-05T03:00:00", "2026-04-04T13:15:00Z", "dst_fold"},
    {"ChathamAfterFold", "Pacific/Chatham", "2026-04-05T03:45:00", "2026-04-04T15:00:00Z", ""},
    {"ChathamInGap", "Pacific/Chatham", "2026-09-27T03:00:00", "2026-09-26T14:15:00Z", "dst_gap"},
    {"ChathamAfterGap", "Pacific/Chatham", "2026-09-27T03:45:00", "2026-09-26T14:00:00Z", ""},
};

class ZoneLessStamp : public ::testing::TestWithParam<ZoneCase> {};

TEST_P(ZoneLessStamp, ResolvesToTheExpectedInstantAndFlags) {
  const ZoneCase& row = GetParam();
  TimeResolver resolver({Zone::find(row.zone).value(), test::instant("2027-06-01T00:00:00Z")});
  CivilTime c;
  ASSERT_EQ(parse_rfc3339(row.local, c), row.local.size());
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  EXPECT_EQ(test::rfc3339(event), row.utc);
  const std::string expected_flags =
      std::string("zone_assumed") + (row.flags.empty() ? "" : ",") + std::string(row.flags);
  EXPECT_EQ(test::flag_list(event.time_flags), expected_flags);
  EXPECT_EQ(event.time_zone, row.zone);
}

INSTANTIATE_TEST_SUITE_P(Table, ZoneLessStamp, ::testing::ValuesIn(kZoneCases),
                         [](const auto& info) { return std::string(info.param.name); });

// The same instants given with their offsets: no zone applied, nothing assumed.
struct OffsetCase {
  std::string_view text;
  std::string_view utc;
};

const OffsetCase kOffsetCases[] = {
    {"2026-11-26T05:09:58.585746-08:00", "2026-11-26T13:09:58.585746Z"},
    {"2026-11-26T18:39:58+05:30", "2026-11-26T13:09:58Z"},
    {"2026-11-26T09:39:58.377-03:30", "2026-11-26T13:09:58.377Z"},
    {"2026-11-27T02:54:58+13:45", "2026-11-26T13:09:58Z"},
    {"2026-11-26T18:39:58+0530", "2026-11-26T13:09:58Z"},
    {"2026-10-25T02:30:03.0993169+02:00", "2026-10-25T00:30:03.0993169Z"},
    {"2026-10-25T02:30:03.0993169+01:00", "2026-10-25T01:30:03.0993169Z"},
};

class OffsetStamp : public ::testing::TestWithParam<OffsetCase> {};

TEST_P(OffsetStamp, UsesItsOwnOffsetWhateverTheInputZone) {
  TimeResolver resolver(
      {Zone::find("Pacific/Chatham").value(), test::instant("2027-01-01T00:00:00Z")});
  CivilTime c;
  ASSERT_EQ(parse_rfc3339(GetParam().text, c), GetParam().text.size());
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  EXPECT_EQ(test::rfc3339(event), GetParam().utc);
  EXPECT_TRUE(event.time_flags.empty());
  EXPECT_TRUE(event.time_zone.empty());
}

INSTANTIATE_TEST_SUITE_P(Table, OffsetStamp, ::testing::ValuesIn(kOffsetCases));

TEST(TimeResolver, ChronyStampsAreUtcByDefinitionAndNotAssumed) {
  TimeResolver resolver(
      {Zone::find("Europe/Berlin").value(), test::instant("2027-01-01T00:00:00Z")});
  CivilTime c;
  ASSERT_GT(parse_chrony_time("2026-11-26 13:07:48.567703", c), 0u);
  Event event;
  ASSERT_TRUE(resolver.resolve(c, event));
  EXPECT_EQ(test::rfc3339(event), "2026-11-26T13:07:48.567703Z");
  EXPECT_TRUE(event.time_flags.empty());
}

TEST(TimeResolver, FoldIsResolvedByRecordOrder) {
  // New York falls back at 02:00 EDT: the hour from 01:00 is seen twice.
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2026-12-01T00:00:00Z")});
  const std::pair<std::string_view, std::string_view> records[] = {
      {"2026-11-01 00:59:00", "2026-11-01T04:59:00Z"},
      {"2026-11-01 01:30:00", "2026-11-01T05:30:00Z"},
      {"2026-11-01 01:59:59", "2026-11-01T05:59:59Z"},
      {"2026-11-01 01:00:30", "2026-11-01T06:00:30Z"},
      {"2026-11-01 01:30:00", "2026-11-01T06:30:00Z"},
      {"2026-11-01 01:29:00", "2026-11-01T06:29:00Z"},
      {"2026-11-01 02:00:00", "2026-11-01T07:00:00Z"},
  };
  for (const auto& [local, utc] : records) {
    CivilTime c;
    ASSERT_GT(parse_rfc3339(local, c), 0u);
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event));
    EXPECT_EQ(test::rfc3339(event), utc) << local;
  }
}

TEST(TimeResolver, FoldSecondPassStartsWhenTheWallClockGoesBackEvenBySeconds) {
  // The burst at 01:29:58..01:30:05 EDT is followed by the same seconds in EST.
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2026-12-01T00:00:00Z")});
  const std::pair<std::string_view, std::string_view> records[] = {
      {"2026-11-01 01:29:58", "2026-11-01T05:29:58Z"},
      {"2026-11-01 01:30:05", "2026-11-01T05:30:05Z"},
      {"2026-11-01 01:29:58", "2026-11-01T06:29:58Z"},
      {"2026-11-01 01:30:05", "2026-11-01T06:30:05Z"},
  };
  for (const auto& [local, utc] : records) {
    CivilTime c;
    ASSERT_GT(parse_rfc3339(local, c), 0u);
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event));
    EXPECT_EQ(test::rfc3339(event), utc) << local;
  }
}

TEST(TimeResolver, FoldInANewSequenceTakesTheEarlierInstant) {
  TimeResolver resolver(
      {Zone::find("Europe/Berlin").value(), test::instant("2026-12-01T00:00:00Z")});
  CivilTime c;
  ASSERT_GT(parse_rfc3339("2026-10-25 02:15:00", c), 0u);
  Event second_pass;
  {
    CivilTime after;
    ASSERT_GT(parse_rfc3339("2026-10-25 02:59:00", after), 0u);
    Event e;
    ASSERT_TRUE(resolver.resolve(after, e));
    ASSERT_TRUE(resolver.resolve(c, second_pass));  // back to 02:15 after 02:59: second pass
  }
  resolver.reset_sequence();
  Event first_pass;
  ASSERT_TRUE(resolver.resolve(c, first_pass));
  EXPECT_EQ(test::rfc3339(second_pass), "2026-10-25T01:15:00Z");
  EXPECT_EQ(test::rfc3339(first_pass), "2026-10-25T00:15:00Z");
}

TEST(Zone, UnknownNameIsNotFound) {
  const Result<Zone> zone = Zone::find("Mars/Olympus_Mons");
  ASSERT_FALSE(zone.has_value());
  EXPECT_EQ(zone.error().code(), ErrorCode::not_found);
  EXPECT_NE(zone.error().message().find("Mars/Olympus_Mons"), std::string::npos);
}

TEST(Zone, UtcAliasesNeedNoDatabase) {
  for (const char* name : {"UTC", "Etc/UTC", "Z"}) {
    EXPECT_TRUE(Zone::find(name).value().is_utc()) << name;
  }
}

TEST(Zone, LocalIsTheHostZoneOrUtc) {
  const Zone local = Zone::find("local").value();
  EXPECT_FALSE(local.name().empty());
}

TEST(Zone, CachedAnswersEqualUncachedOnes) {
  // Walk every quarter hour of 2026 in each zone through one Zone (cache warm) and compare with a
  // fresh Zone per call (cache cold): the cache must never change an answer.
  for (const char* name : {"Europe/Berlin", "America/New_York", "America/St_Johns",
                           "Australia/Lord_Howe", "Pacific/Chatham", "Asia/Kolkata"}) {
    const Zone warm = Zone::find(name).value();
    const std::int64_t begin =
        test::instant("2026-01-01T00:00:00Z").time_since_epoch().count() / 1'000'000'000;
    for (std::int64_t local = begin; local < begin + 366 * 86400; local += 900) {
      const Zone cold = Zone::find(name).value();
      const Zone::Conversion a = warm.to_utc(local);
      const Zone::Conversion b = cold.to_utc(local);
      ASSERT_EQ(a.utc_seconds, b.utc_seconds) << name << " local " << local;
      ASSERT_EQ(a.mapping, b.mapping) << name << " local " << local;
    }
  }
}

TEST(Zone, OffsetAtReportsTheOffsetInForce) {
  const Zone berlin = Zone::find("Europe/Berlin").value();
  const auto seconds = [](std::string_view t) {
    return test::instant(t).time_since_epoch().count() / 1'000'000'000;
  };
  EXPECT_EQ(berlin.offset_at(seconds("2026-10-25T00:59:59Z")).count(), 7200);
  EXPECT_EQ(berlin.offset_at(seconds("2026-10-25T01:00:00Z")).count(), 3600);
  EXPECT_EQ(Zone::utc().offset_at(0).count(), 0);
}

}  // namespace
}  // namespace horolog
