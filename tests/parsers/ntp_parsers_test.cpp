// NTP family: statistics files (MJD stamps, typed columns, peer status word), chrony logs with
// and without banners, daemon log lines and clock-event tagging; every line of the ntp samples.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <string>

#include "parsers/format_registry.h"
#include "parsers/ntp/ntpd_log_parser.h"
#include "parsers/ntp/stats_parser.h"
#include "tests/parsers/parse_harness.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using ntp::StatsKind;
using test::iso;

struct StatsAccepted {
  std::string name;
  StatsKind kind;
  std::string record;
  std::string time;
  std::string key;  // one field checked
  double value;
};

class NtpStatsAccepts : public testing::TestWithParam<StatsAccepted> {};

TEST_P(NtpStatsAccepts, StampAndTypedColumn) {
  const StatsAccepted& c = GetParam();
  test::ParseHarness h;
  NtpStatsParser parser(c.kind);
  ASSERT_EQ(h.parse(parser, c.record), ParseStatus::ok) << h.event().error;
  EXPECT_EQ(iso(h.event().timestamp), c.time);
  const Field* field = h.field(c.key);
  ASSERT_NE(field, nullptr) << c.key;
  const double got = field->value.kind == FieldValue::Kind::int64
                         ? static_cast<double>(field->value.i64)
                         : field->value.f64;
  EXPECT_DOUBLE_EQ(got, c.value);
  EXPECT_TRUE(h.event().stamped_by_host_clock);
  EXPECT_EQ(h.event().host, "this-host");
}

INSTANTIATE_TEST_SUITE_P(
    Ntp, NtpStatsAccepts,
    testing::Values(
        // MJD 61016 is 2025-12-07 (README of the pfSense sample).
        StatsAccepted{"loopstats_mjd", StatsKind::ntp_loopstats,
                      "61016 2.878 0.000001853 -33.344 0.000003510 0.002074 3",
                      "2025-12-07T00:00:02.878000000Z", "ntp.loopstats.frequency_ppm", -33.344},
        StatsAccepted{"loopstats_poll", StatsKind::ntp_loopstats,
                      "61370 47270.713 -0.000010842 0.000000 0.000000060 0.000000 3",
                      "2026-11-26T13:07:50.713000000Z", "ntp.loopstats.time_constant", 3},
        StatsAccepted{
            "peerstats_offset", StatsKind::ntp_peerstats,
            "61016 10.878 127.127.20.0 971b 0.000001289 0.000000000 0.000117358 0.000001550",
            "2025-12-07T00:00:10.878000000Z", "ntp.peerstats.offset_s", 0.000001289},
        StatsAccepted{"peerstats_nanosecond_stamp", StatsKind::ntp_peerstats,
                      "61370 0.000000001 SHM(0) 9014 -0.1 0 7.9 0",
                      "2026-11-26T00:00:00.000000001Z", "ntp.peerstats.dispersion_s", 7.9},
        StatsAccepted{"sysstats_short", StatsKind::ntp_sysstats, "61370 3600.000 3600 24 21",
                      "2026-11-26T01:00:00.000000000Z", "ntp.sysstats.processed", 21},
        StatsAccepted{"rawstats", StatsKind::ntp_rawstats,
                      "61370 47270.713 127.0.0.1 127.0.0.1 3973147670.713 3973147670.714 "
                      "3973147670.714 3973147670.715 0 4 4 1 6 -20 0.000 0.000 LOCL",
                      "2026-11-26T13:07:50.713000000Z", "ntp.rawstats.stratum", 1},
        StatsAccepted{"measurements", StatsKind::chrony_measurements,
                      "2021-12-19 05:01:15 129.6.15.29     N  1 111 111 1111  10 13 1.00 "
                      "-2.060e-03  3.078e-02  3.177e-07  2.441e-04  4.883e-04 4E495354 4B D K",
                      "2021-12-19T05:01:15.000000000Z", "chrony.measurements.offset_s", -2.060e-03},
        StatsAccepted{"statistics", StatsKind::chrony_statistics,
                      "2021-12-19 05:00:07 GPS              1.335e-03 -1.290e-02  8.316e-04  "
                      "1.014e-06  5.800e-05 2.0e-02   9   0   5  0.00",
                      "2021-12-19T05:00:07.000000000Z", "chrony.statistics.samples", 9},
        StatsAccepted{
            "tracking", StatsKind::chrony_tracking,
            "2021-12-19 05:00:14 PPS              1      4.417      0.067  1.094e-06 N  1 "
            " 3.957e-07 -9.719e-12  1.000e-09  8.640e-06  2.516e-05",
            "2021-12-19T05:00:14.000000000Z", "chrony.tracking.frequency_ppm", 4.417},
        StatsAccepted{
            "refclocks_micros", StatsKind::chrony_refclocks,
            "2026-11-26 13:07:48.567703 GPS     0 N 0  2.683300e-05  2.683300e-05  1.000e-06",
            "2026-11-26T13:07:48.567703000Z", "chrony.refclocks.raw_offset_s", 2.6833e-05},
        StatsAccepted{"rtc", StatsKind::chrony_rtc,
                      "2026-11-26 13:07:48  -0.123456  1  -0.120000  1.5  6  3  64",
                      "2026-11-26T13:07:48.000000000Z", "chrony.rtc.slope_ppm", 1.5}),
    [](const testing::TestParamInfo<StatsAccepted>& info) { return info.param.name; });

struct StatsRejected {
  std::string name;
  StatsKind kind;
  std::string record;
};

class NtpStatsRejects : public testing::TestWithParam<StatsRejected> {};

TEST_P(NtpStatsRejects, EmitsRawRecordWithParseError) {
  test::ParseHarness h;
  NtpStatsParser parser(GetParam().kind);
  EXPECT_EQ(h.parse(parser, GetParam().record), ParseStatus::error);
  EXPECT_TRUE(h.event().has(EventFlag::parse_error));
  EXPECT_EQ(h.event().message, GetParam().record);
}

INSTANTIATE_TEST_SUITE_P(
    Ntp, NtpStatsRejects,
    testing::Values(
        StatsRejected{"too_few_columns", StatsKind::ntp_loopstats, "61016 2.878 0.000001853"},
        StatsRejected{"not_a_number", StatsKind::ntp_loopstats, "61016 2.878 x 1 1 1 1"},
        StatsRejected{"seconds_beyond_day", StatsKind::ntp_loopstats, "61016 86401 1 1 1 1 1"},
        StatsRejected{"bad_status_word", StatsKind::ntp_peerstats,
                      "61016 2.877 127.127.20.0 zz1b 0.1 0 0.1 0.1"},
        StatsRejected{"chrony_with_offset", StatsKind::chrony_tracking,
                      "2021-12-19T05:00:14+01:00 PPS 1 4.4 0.06 1e-06 N 1"},
        StatsRejected{"binary", StatsKind::chrony_rtc, std::string("\x01\x02\0\xff", 4)},
        StatsRejected{"empty_after_stamp", StatsKind::ntp_clockstats, "61370 47270.713"}),
    [](const testing::TestParamInfo<StatsRejected>& info) { return info.param.name; });

TEST(NtpStats, SecondsBeyondNanosecondsAreCutAndFlagged) {
  test::ParseHarness h;
  NtpStatsParser parser(StatsKind::ntp_loopstats);
  ASSERT_EQ(h.parse(parser, "61016 1.0000000009 1 1 1 1 1"), ParseStatus::ok) << h.event().error;
  EXPECT_EQ(iso(h.event().timestamp), "2025-12-07T00:00:01.000000000Z");
  EXPECT_EQ(h.event().precision_digits, 9);
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::precision_truncated));
  EXPECT_EQ(h.event().time_original, "61016 1.0000000009");
}

TEST(NtpStats, DecodesPeerStatusWord) {
  test::ParseHarness h;
  NtpStatsParser parser(StatsKind::ntp_peerstats);
  // 0x971b: configured + reachable, selection 7 (pps.peer), 1 event, last clock_event.
  ASSERT_EQ(h.parse(parser, "61016 2.877 127.127.20.0 971b 0.000002516 0 0.000116629 0.000001523"),
            ParseStatus::ok);
  EXPECT_TRUE(h.field("ntp.peerstats.status.configured")->value.b);
  EXPECT_TRUE(h.field("ntp.peerstats.status.reachable")->value.b);
  EXPECT_FALSE(h.field("ntp.peerstats.status.authentic")->value.b);
  EXPECT_EQ(h.field("ntp.peerstats.status.selection")->value.text, "pps.peer");
  EXPECT_EQ(h.field("ntp.peerstats.status.event")->value.text, "clock_event");
  EXPECT_EQ(h.field("ntp.peerstats.status.event_count")->value.i64, 1);
  EXPECT_EQ(h.field("ntp.peerstats.peer")->value.text, "127.127.20.0");
  // The raw word sits beside its decoding: a value at `status` itself would collide with the
  // `status` object and come out renamed.
  EXPECT_EQ(h.field("ntp.peerstats.status.word")->value.text, "971b");
  EXPECT_EQ(h.field("ntp.peerstats.status"), nullptr);
}

TEST(NtpStats, ProtostatsKeepsTextAfterEventCode) {
  test::ParseHarness h;
  NtpStatsParser parser(StatsKind::ntp_protostats);
  ASSERT_EQ(h.parse(parser, "61370 47268.531 127.0.0.1 8011 81 mobilize assoc 17767"),
            ParseStatus::ok);
  EXPECT_EQ(h.field("ntp.protostats.text")->value.text, "mobilize assoc 17767");
  EXPECT_EQ(h.field("ntp.protostats.event_code")->value.text, "81");
}

TEST(NtpStats, ChronyBannerLinesAreSkippedNotErrors) {
  test::ParseHarness h;
  NtpStatsParser parser(StatsKind::chrony_measurements);
  EXPECT_EQ(h.parse(parser, "=========================="), ParseStatus::skipped);
  EXPECT_FALSE(h.event().has(EventFlag::parse_error));
  EXPECT_NE(h.field("log.banner"), nullptr);
  EXPECT_EQ(h.parse(parser, "   Date (UTC) Time     IP Address   L St 123 567 ABCD"),
            ParseStatus::skipped);
}

// The fast decimal path must give the same double as the general algorithm.
TEST(NtpStats, DecimalColumnsConvertExactly) {
  const char* const texts[] = {
      "-0.000010842", "2.683300e-05", "1.000e+00", "1000000.000",        "-33.344",
      "0.1",          "7.937501614",  "5.000e+00", "123456789012345678", "1e-30"};
  for (const char* text : texts) {
    test::ParseHarness h;
    NtpStatsParser parser(StatsKind::ntp_loopstats);
    const std::string record = std::string("61016 2.878 ") + text + " 0 0 0 3";
    ASSERT_EQ(h.parse(parser, record), ParseStatus::ok) << text;
    EXPECT_EQ(h.field("ntp.loopstats.offset_s")->value.f64, std::strtod(text, nullptr)) << text;
  }
}

TEST(NtpStats, NewerColumnsGoToExtra) {
  test::ParseHarness h;
  NtpStatsParser parser(StatsKind::ntp_loopstats);
  ASSERT_EQ(h.parse(parser, "61016 2.878 0.1 -33.344 0.1 0.002 3 future 7"), ParseStatus::ok);
  EXPECT_EQ(h.field("ntp.loopstats.extra")->value.text, "future 7");
}

struct LogAccepted {
  std::string name;
  std::string record;
  std::string time;
  std::string app;
  std::string message;
  std::string action;  // event.action, empty when no clock event
  double step_s;       // checked when not zero
};

class NtpdLogAccepts : public testing::TestWithParam<LogAccepted> {};

TEST_P(NtpdLogAccepts, StampTagAndClockEvent) {
  const LogAccepted& c = GetParam();
  test::ParseHarness h;
  NtpdLogParser parser;
  ASSERT_EQ(h.parse(parser, c.record), ParseStatus::ok) << h.event().error;
  EXPECT_EQ(iso(h.event().timestamp), c.time);
  EXPECT_EQ(h.event().app, c.app);
  EXPECT_EQ(h.event().message, c.message);
  const Field* action = h.field("event.action");
  if (c.action.empty()) {
    EXPECT_EQ(action, nullptr);
    return;
  }
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->value.text, c.action);
  EXPECT_EQ(h.field("event.category")->value.text, "time");
  if (c.step_s != 0) {
    ASSERT_NE(h.field("horolog.clock.step_s"), nullptr);
    EXPECT_DOUBLE_EQ(h.field("horolog.clock.step_s")->value.f64, c.step_s);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Ntpd, NtpdLogAccepts,
    testing::Values(
        LogAccepted{"classic_time_reset", "26 Nov 12:00:00 ntpd[123]: time reset +0.183275 s",
                    "2026-11-26T12:00:00.000000000Z", "ntpd", "time reset +0.183275 s",
                    "clock_step", 0.183275},
        LogAccepted{"classic_space_padded_day", " 7 Dec 10:11:12 ntpd[123]: time reset +0.183275 s",
                    "2025-12-07T10:11:12.000000000Z", "ntpd", "time reset +0.183275 s",
                    "clock_step", 0.183275},
        LogAccepted{"ntpsec_local_time",
                    "2026-11-26T08:07:48 ntpd[12198]: INIT: ntpd ntpsec-1.2.2: Starting",
                    "2026-11-26T08:07:48.000000000Z", "ntpd", "INIT: ntpd ntpsec-1.2.2: Starting",
                    "", 0},
        LogAccepted{"ntpsec_sync_lost",
                    "2026-11-26T08:08:30 ntpd[12198]: PROTO: 0.0.0.0 0618 08 no_sys_peer",
                    "2026-11-26T08:08:30.000000000Z", "ntpd", "PROTO: 0.0.0.0 0618 08 no_sys_peer",
                    "sync_lost", 0},
        LogAccepted{"chronyd_stderr", "2026-11-26T13:07:51Z Selected source 127.0.0.1",
                    "2026-11-26T13:07:51.000000000Z", "", "Selected source 127.0.0.1",
                    "sync_gained", 0},
        LogAccepted{"chronyd_wrong_by",
                    "2026-11-26T13:07:51Z System clock wrong by -1.234567 seconds",
                    "2026-11-26T13:07:51.000000000Z", "", "System clock wrong by -1.234567 seconds",
                    "clock_wrong", -1.234567},
        LogAccepted{"inside_syslog", "Jul  3 01:58:00 mac ntpd[207]: wake time set +0.270003 s",
                    "2026-07-03T01:58:00.000000000Z", "ntpd", "wake time set +0.270003 s",
                    "clock_step", 0.270003},
        LogAccepted{
            "kernel_time_error",
            "26 Nov 12:00:00 ntpd[123]: kernel reports TIME_ERROR: 0x41: Clock Unsynchronized",
            "2026-11-26T12:00:00.000000000Z", "ntpd",
            "kernel reports TIME_ERROR: 0x41: Clock Unsynchronized", "kernel_time_error", 0}),
    [](const testing::TestParamInfo<LogAccepted>& info) { return info.param.name; });

// ntpd's own logfile pads days 1-9 with a space (humanlogtime(): "%2d %s %02d:%02d:%02d"). The
// line must parse under every format that reads ntpd logs, after a syslog line too (where a
// headerless line would be a continuation), with its own day and an inferred year.
TEST(NtpdLog, SpacePaddedDaysParseUnderNtpdSyslogAndAuto) {
  for (const char* format : {"ntpd", "syslog", "auto"}) {
    const auto parser = find_format(format)->make(ParserOptions{}).value();
    test::ParseHarness h;
    ASSERT_EQ(h.parse(*parser, "Nov 26 12:00:00 web1 cron[1]: before"), ParseStatus::ok) << format;
    for (int day = 1; day <= 9; ++day) {
      const std::string stamp = " " + std::to_string(day) + " Nov 10:11:12";
      const std::string line = stamp + " ntpd[123]: time reset +0.183275 s";
      SCOPED_TRACE(std::string(format) + ": " + line);
      ASSERT_EQ(h.parse(*parser, line), ParseStatus::ok) << h.event().error;
      const Event& e = h.event();
      EXPECT_EQ(iso(e.timestamp), "2026-11-0" + std::to_string(day) + "T10:11:12.000000000Z");
      EXPECT_EQ(e.time_original, stamp);
      EXPECT_TRUE(e.time_flags.has(TimeFlag::year_inferred));
      EXPECT_TRUE(e.time_flags.has(TimeFlag::zone_assumed));
      EXPECT_FALSE(e.has(EventFlag::parse_error));
      EXPECT_EQ(h.field("log.syslog.continuation"), nullptr);
      EXPECT_EQ(e.dataset, "ntp.log");
      EXPECT_EQ(e.host, "this-host");
      EXPECT_EQ(e.app, "ntpd");
      EXPECT_EQ(e.pid, 123);
      EXPECT_EQ(e.message, "time reset +0.183275 s");
      ASSERT_NE(h.field("event.action"), nullptr);
      EXPECT_EQ(h.field("event.action")->value.text, "clock_step");
    }
  }
}

TEST(NtpdLog, NtpsecMessageClassBecomesField) {
  test::ParseHarness h;
  NtpdLogParser parser;
  ASSERT_EQ(h.parse(parser, "2026-11-26T08:07:48 ntpd[1]: PROTO: SHM(1) 8313 83 unreachable"),
            ParseStatus::ok);
  EXPECT_EQ(h.field("ntp.log.class")->value.text, "PROTO");
}

TEST(NtpdLog, RejectsLineWithoutStamp) {
  test::ParseHarness h;
  NtpdLogParser parser;
  EXPECT_EQ(h.parse(parser, "ntpd[1]: no stamp"), ParseStatus::error);
  EXPECT_TRUE(h.event().has(EventFlag::parse_error));
}

TEST(NtpdLog, NtpsecLocalTimeUsesInputZone) {
  test::ParseHarness h("America/New_York");
  NtpdLogParser parser;
  ASSERT_EQ(h.parse(parser, "2026-11-26T08:07:48 ntpd[12198]: INIT: x"), ParseStatus::ok);
  EXPECT_EQ(iso(h.event().timestamp), "2026-11-26T13:07:48.000000000Z");
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::zone_assumed));
}

struct NtpSample {
  std::string path;
  std::string format;
};

class NtpSamples : public testing::TestWithParam<NtpSample> {};

TEST_P(NtpSamples, EveryLineIsOneEventOrBannerWithoutParseErrors) {
  HOROLOG_SHARED_SAMPLE(path, GetParam().path);
  const FormatInfo* format = find_format(GetParam().format);
  ASSERT_NE(format, nullptr);
  const auto parser = format->make(ParserOptions{}).value();
  const test::SampleWalk walk = test::walk_sample(*parser, path);
  EXPECT_GT(walk.events, 0u);
  EXPECT_EQ(walk.events + walk.skipped, walk.lines);
  EXPECT_EQ(walk.parse_errors, 0u) << "first: " << walk.first_error;
}

INSTANTIATE_TEST_SUITE_P(
    Ntp, NtpSamples,
    testing::Values(NtpSample{"ntp/chrony_client_measurements.log", "chrony-measurements"},
                    NtpSample{"ntp/chrony_client_refclocks.log", "chrony-refclocks"},
                    NtpSample{"ntp/chrony_client_statistics.log", "chrony-statistics"},
                    NtpSample{"ntp/chrony_client_tracking.log", "chrony-tracking"},
                    NtpSample{"ntp/chrony_measurements.log", "chrony-measurements"},
                    NtpSample{"ntp/chrony_statistics.log.head3000", "chrony-statistics"},
                    NtpSample{"ntp/chrony_tracking.log.head3000", "chrony-tracking"},
                    NtpSample{"ntp/chronyd_client_stderr.log", "ntpd"},
                    NtpSample{"ntp/chronyd_server_stderr.log", "ntpd"},
                    NtpSample{"ntp/loghub_Mac_2k.ntpd_lines.log", "ntpd"},
                    NtpSample{"ntp/ntpsec_clockstats.20261126", "ntp-clockstats"},
                    NtpSample{"ntp/ntpsec_loopstats.20261126", "ntp-loopstats"},
                    NtpSample{"ntp/ntpsec_ntp.log", "ntpd"},
                    NtpSample{"ntp/ntpsec_peerstats.20261126", "ntp-peerstats"},
                    NtpSample{"ntp/ntpsec_protostats.20261126", "ntp-protostats"},
                    NtpSample{"ntp/pfsense_ntpd_loopstats.head3000", "ntp-loopstats"},
                    NtpSample{"ntp/pfsense_ntpd_peerstats.head3000", "ntp-peerstats"}),
    [](const testing::TestParamInfo<NtpSample>& info) {
      std::string name = info.param.path.substr(4);
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(NtpStats, PfsenseLoopstatsStartOnSeventhOfDecember2025) {
  HOROLOG_SHARED_SAMPLE(path, "ntp/pfsense_ntpd_loopstats.head3000");
  NtpStatsParser parser(StatsKind::ntp_loopstats);
  const test::SampleWalk walk = test::walk_sample(parser, path, true);
  ASSERT_EQ(walk.kept.size(), 3000u);
  EXPECT_EQ(iso(walk.kept.front().timestamp), "2025-12-07T00:00:02.878000000Z");
}

TEST(NtpStats, ChronyClientMeasurementsBannersAreCounted) {
  HOROLOG_SHARED_SAMPLE(path, "ntp/chrony_client_measurements.log");
  NtpStatsParser parser(StatsKind::chrony_measurements);
  const test::SampleWalk walk = test::walk_sample(parser, path);
  EXPECT_GT(walk.skipped, 0u);
  EXPECT_EQ(walk.skipped % 3, 0u);  // `=====`, column names, `=====`
}

}  // namespace
}  // namespace horolog
