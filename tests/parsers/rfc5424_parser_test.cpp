// RFC 5424 and the per-line `syslog` format: header fields, structured data with escapes,
// timeQuality, BOM, NILVALUEs, and every line of the RFC 5424 / high-precision samples.
#include "parsers/syslog/rfc5424_parser.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "parsers/syslog/syslog_parser.h"
#include "tests/parsers/parse_harness.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using test::iso;

struct Accepted {
  std::string name;
  std::string record;
  std::string time;
  std::string host;
  std::string app;
  std::int64_t pid;
  std::string message;
  int facility;
  int severity;
};

class Rfc5424Accepts : public testing::TestWithParam<Accepted> {};

TEST_P(Rfc5424Accepts, HeaderFieldsAndMessage) {
  const Accepted& c = GetParam();
  test::ParseHarness h;
  Rfc5424Parser parser;
  ASSERT_EQ(h.parse(parser, c.record), ParseStatus::ok) << h.event().error;
  const Event& e = h.event();
  EXPECT_EQ(iso(e.timestamp), c.time);
  EXPECT_EQ(e.host, c.host);
  EXPECT_EQ(e.app, c.app);
  EXPECT_EQ(e.pid, c.pid);
  EXPECT_EQ(e.message, c.message);
  EXPECT_EQ(e.facility, c.facility);
  EXPECT_EQ(e.severity, c.severity);
  EXPECT_EQ(e.dataset, "syslog.rfc5424");
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5424, Rfc5424Accepts,
    testing::Values(
        Accepted{
            "rfc_example_1",
            "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed",
            "2003-10-11T22:14:15.003000000Z", "mymachine.example.com", "su", -1, "'su root' failed",
            4, 2},
        Accepted{"offset_and_micros",
                 "<38>1 2026-11-26T05:09:58.585746-08:00 ws-la-03 sshd 2211 - - Accepted",
                 "2026-11-26T13:09:58.585746000Z", "ws-la-03", "sshd", 2211, "Accepted", 4, 6},
        Accepted{"quarter_hour_offset",
                 "<134>1 2026-11-27T02:54:58.906884+13:45 nz-chatham-1 app 99 - - m",
                 "2026-11-26T13:09:58.906884000Z", "nz-chatham-1", "app", 99, "m", 16, 6},
        Accepted{"nil_host_app_and_no_msg", "<13>1 2026-11-26T13:10:00Z - - - - -",
                 "2026-11-26T13:10:00.000000000Z", "this-host", "", -1, "", 1, 5},
        Accepted{"bom_dropped",
                 "<14>1 2026-11-26T13:10:01.377093Z h rawsend 77 BOM - \xEF\xBB\xBFStra\xC3\x9F"
                 "e",
                 "2026-11-26T13:10:01.377093000Z", "h", "rawsend", 77,
                 "Stra\xC3\x9F"
                 "e",
                 1, 6},
        Accepted{"sd_then_message",
                 "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - "
                 "[exampleSDID@32473 iut=\"3\"] %% It's time to make the do-nuts.",
                 "2003-08-24T12:14:15.000003000Z", "192.0.2.1", "myproc", 8710,
                 "%% It's time to make the do-nuts.", 20, 5}),
    [](const testing::TestParamInfo<Accepted>& info) { return info.param.name; });

class Rfc5424Rejects : public testing::TestWithParam<std::string> {};

TEST_P(Rfc5424Rejects, EmitsRawRecordWithParseError) {
  test::ParseHarness h;
  Rfc5424Parser parser;
  EXPECT_EQ(h.parse(parser, GetParam()), ParseStatus::error);
  EXPECT_TRUE(h.event().has(EventFlag::parse_error));
  EXPECT_EQ(h.event().message, GetParam());
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::no_timestamp));
}

INSTANTIATE_TEST_SUITE_P(
    Rfc5424, Rfc5424Rejects,
    testing::Values("<34>2 2003-10-11T22:14:15Z h a - - - m", "<34>1 2003-10-11 h a - - - m",
                    "<34>1 2003-10-11T22:14:15Z h a - -", "<34>1 2003-10-11T22:14:15Z h a - - [x",
                    "<34>1 2003-10-11T22:14:15Z h a - - [id a=\"unterminated]",
                    "<34>1 2003-10-11T22:14:15Z h a - - [id a=b] m",
                    "<34>1 2003-10-11T22:14:15Z h a - - []",
                    "<34>1 2003-13-11T22:14:15Z h a - - - m",
                    "<34>1 2003-10-11T22:14:15Z h a - - -m", "<999>1 - - - - - -", "<34>1"));

TEST(Rfc5424, StructuredDataElementsBecomeFieldsWithEscapesUndone) {
  test::ParseHarness h;
  Rfc5424Parser parser;
  ASSERT_EQ(
      h.parse(parser,
              "<12>1 2026-11-26T18:39:58.767648+05:30 app-in-07 winagent 3141 TIMECHG "
              "[timeQuality tzKnown=\"1\" isSynced=\"0\" syncAccuracy=\"1500\"]"
              "[meta@32473 path=\"C:\\\\Windows\\\\w32tm.exe\" "
              "note=\"quote \\\"x\\\" and bracket \\] and \\n\"] The system time was changed"),
      ParseStatus::ok);
  const Field* path = h.field("log.syslog.structured_data.meta@32473.path");
  ASSERT_NE(path, nullptr);
  EXPECT_EQ(path->value.text, "C:\\Windows\\w32tm.exe");
  const Field* note = h.field("log.syslog.structured_data.meta@32473.note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->value.text, "quote \"x\" and bracket ] and \\n");
  ASSERT_NE(h.field("log.syslog.time_quality.tz_known"), nullptr);
  EXPECT_TRUE(h.field("log.syslog.time_quality.tz_known")->value.b);
  EXPECT_FALSE(h.field("log.syslog.time_quality.is_synced")->value.b);
  EXPECT_EQ(h.field("log.syslog.time_quality.sync_accuracy_us")->value.i64, 1500);
  EXPECT_EQ(h.field("log.syslog.msgid")->value.text, "TIMECHG");
  EXPECT_EQ(h.event().message, "The system time was changed");
}

TEST(Rfc5424, NilTimestampUsesIngestTimeAndSaysSo) {
  test::ParseHarness h;
  Rfc5424Parser parser;
  ASSERT_EQ(h.parse(parser, "<13>1 - h app - - - no time"), ParseStatus::ok);
  EXPECT_EQ(h.event().timestamp, test::reference_time());
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::no_timestamp));
}

TEST(Rfc5424, NonNumericProcidIsKeptAsField) {
  test::ParseHarness h;
  Rfc5424Parser parser;
  ASSERT_EQ(h.parse(parser, "<13>1 2026-11-26T13:10:00Z h app worker-7 - - m"), ParseStatus::ok);
  EXPECT_EQ(h.event().pid, -1);
  EXPECT_EQ(h.field("log.syslog.procid")->value.text, "worker-7");
}

TEST(SyslogFormat, PicksShapePerLine) {
  test::ParseHarness h;
  SyslogParser parser;
  ASSERT_EQ(h.parse(parser, "<19>Nov 26 12:39:55 vm bsdstyle2: explicit rfc3164"), ParseStatus::ok);
  EXPECT_EQ(h.event().dataset, "syslog.rfc3164");
  ASSERT_EQ(h.parse(parser, "<13>1 2026-11-26T12:39:55Z vm multi - - - line"), ParseStatus::ok);
  EXPECT_EQ(h.event().dataset, "syslog.rfc5424");
  ASSERT_EQ(h.parse(parser, "2026-11-26T05:09:58.585746-08:00 ws sshd[2211] x"), ParseStatus::ok);
  EXPECT_EQ(h.event().dataset, "syslog.high_precision");
  EXPECT_EQ(h.event().precision_digits, 6);
}

class SyslogSamples : public testing::TestWithParam<std::string> {};

TEST_P(SyslogSamples, EveryLineIsOneEventWithoutParseErrors) {
  HOROLOG_SHARED_SAMPLE(path, GetParam());
  SyslogParser parser;
  const test::SampleWalk walk = test::walk_sample(parser, path);
  EXPECT_GT(walk.lines, 0u);
  EXPECT_EQ(walk.events, walk.lines);
  EXPECT_EQ(walk.parse_errors, 0u) << "first: " << walk.first_error;
}

INSTANTIATE_TEST_SUITE_P(
    Syslog, SyslogSamples,
    testing::Values("syslog-5424/beats_suse-syslog.log", "syslog-5424/rsyslog_FileFormat.log",
                    "syslog-5424/rsyslog_SyslogProtocol23Format.log",
                    "syslog-5424/syslogng_isodate.log", "syslog-5424/syslogng_syslog-protocol.log",
                    "syslog-5424/util-linux-logger.log", "syslog-3164/loghub_Linux_2k.log",
                    "syslog-3164/rsyslog_snare_windows2022-security.data"),
    [](const testing::TestParamInfo<std::string>& info) {
      std::string name = info.param;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(Rfc5424, SyslogProtocolSampleParsesAsPureRfc5424) {
  HOROLOG_SHARED_SAMPLE(path, "syslog-5424/rsyslog_SyslogProtocol23Format.log");
  Rfc5424Parser parser;
  const test::SampleWalk walk = test::walk_sample(parser, path, true);
  EXPECT_EQ(walk.parse_errors, 0u) << walk.first_error;
  ASSERT_FALSE(walk.kept.empty());
  // `<29>1 2026-11-26T13:09:58.437115+00:00 ntp-a01 ntpd 812 ...`
  EXPECT_EQ(iso(walk.kept.front().timestamp), "2026-11-26T13:09:58.437115000Z");
  EXPECT_EQ(walk.kept.front().app, "ntpd");
}

}  // namespace
}  // namespace horolog
