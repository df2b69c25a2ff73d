// RFC 3164: accepted and rejected header variants, and every line of the real BSD samples.
#include "parsers/syslog/rfc3164_parser.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "tests/parsers/parse_harness.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using test::iso;

struct Accepted {
  std::string name;
  std::string record;
  std::string time;  // UTC, RFC 3339 with nanoseconds
  std::string host;
  std::string app;
  std::int64_t pid;
  std::string message;
  int facility;
  int severity;
};

class Rfc3164Accepts : public testing::TestWithParam<Accepted> {};

TEST_P(Rfc3164Accepts, HeaderFieldsAndMessage) {
  const Accepted& c = GetParam();
  test::ParseHarness h;
  Rfc3164Parser parser;
  ASSERT_EQ(h.parse(parser, c.record), ParseStatus::ok) << h.event().error;
  const Event& e = h.event();
  EXPECT_FALSE(e.has(EventFlag::parse_error));
  EXPECT_EQ(iso(e.timestamp), c.time);
  EXPECT_EQ(e.host, c.host);
  EXPECT_EQ(e.app, c.app);
  EXPECT_EQ(e.pid, c.pid);
  EXPECT_EQ(e.message, c.message);
  EXPECT_EQ(e.facility, c.facility);
  EXPECT_EQ(e.severity, c.severity);
  EXPECT_TRUE(e.stamped_by_host_clock);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc3164, Rfc3164Accepts,
    testing::Values(
        Accepted{"pri_and_pid", "<38>Nov 26 12:00:01 web1 sshd[1234]: Accepted publickey",
                 "2026-11-26T12:00:01.000000000Z", "web1", "sshd", 1234, "Accepted publickey", 4,
                 6},
        Accepted{"no_pri", "Nov 26 12:00:01 web1 cron: job done", "2026-11-26T12:00:01.000000000Z",
                 "web1", "cron", -1, "job done", -1, -1},
        Accepted{"space_padded_day", "Jul  1 09:00:55 mac kernel[0]: IOThunderbolt",
                 "2026-07-01T09:00:55.000000000Z", "mac", "kernel", 0, "IOThunderbolt", -1, -1},
        Accepted{"zero_padded_day", "Jul 01 09:00:55 mac kernel: x",
                 "2026-07-01T09:00:55.000000000Z", "mac", "kernel", -1, "x", -1, -1},
        Accepted{"unpadded_day", "Jul 1 09:00:55 mac kernel: x", "2026-07-01T09:00:55.000000000Z",
                 "mac", "kernel", -1, "x", -1, -1},
        Accepted{"with_year", "<13>Nov 26 2024 12:00:01 web1 app: m",
                 "2024-11-26T12:00:01.000000000Z", "web1", "app", -1, "m", 1, 5},
        Accepted{"tag_with_sub_name", "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: auth failure",
                 "2026-06-14T15:16:01.000000000Z", "combo", "sshd(pam_unix)", 19939, "auth failure",
                 -1, -1},
        Accepted{"colon_inside_parentheses", "Dec 10 06:55:46 LabSZ pam_unix(sshd:auth): check",
                 "2025-12-10T06:55:46.000000000Z", "LabSZ", "pam_unix(sshd:auth)", -1, "check", -1,
                 -1},
        Accepted{"pid_without_colon",
                 "Nov 26 13:09:58 ntp-a01 ntpd[812] ntpd ntpsec-1.2.2: Starting",
                 "2026-11-26T13:09:58.000000000Z", "ntp-a01", "ntpd", 812,
                 "ntpd ntpsec-1.2.2: Starting", -1, -1},
        Accepted{"no_tag", "Jun 19 04:09:11 combo syslogd 1.4.1: restart.",
                 "2026-06-19T04:09:11.000000000Z", "combo", "", -1, "syslogd 1.4.1: restart.", -1,
                 -1},
        Accepted{"missing_hostname", "<30>Nov 26 12:00:01 sshd[7]: hello",
                 "2026-11-26T12:00:01.000000000Z", "this-host", "sshd", 7, "hello", 3, 6},
        Accepted{"missing_hostname_plain_tag", "Nov 26 12:00:01 cron: hello",
                 "2026-11-26T12:00:01.000000000Z", "this-host", "cron", -1, "hello", -1, -1},
        Accepted{"repeated_without_host", "Apr 4 03:39:57 --- last message repeated 1 time ---",
                 "2026-04-04T03:39:57.000000000Z", "this-host", "", -1,
                 "--- last message repeated 1 time ---", -1, -1},
        Accepted{"double_space_before_content", "Jul  7 08:06:15 combo  -- root[2421]: ROOT LOGIN",
                 "2026-07-07T08:06:15.000000000Z", "combo", "", -1, "-- root[2421]: ROOT LOGIN", -1,
                 -1},
        Accepted{"high_precision_stamp",
                 "2026-11-26T05:09:58.585746-08:00 ws-la-03 sshd[2211] Accepted publickey",
                 "2026-11-26T13:09:58.585746000Z", "ws-la-03", "sshd", 2211, "Accepted publickey",
                 -1, -1},
        Accepted{"pri_zero", "<0>Nov 26 12:00:01 h k: panic", "2026-11-26T12:00:01.000000000Z", "h",
                 "k", -1, "panic", 0, 0},
        Accepted{"empty_message", "Nov 26 12:00:01 h app:", "2026-11-26T12:00:01.000000000Z", "h",
                 "app", -1, "", -1, -1}),
    [](const testing::TestParamInfo<Accepted>& info) { return info.param.name; });

class Rfc3164Rejects : public testing::TestWithParam<std::string> {};

TEST_P(Rfc3164Rejects, EmitsRawRecordWithParseErrorAndIngestTime) {
  test::ParseHarness h;
  Rfc3164Parser parser;
  const std::string& record = GetParam();
  EXPECT_EQ(h.parse(parser, record), ParseStatus::error);
  const Event& e = h.event();
  EXPECT_TRUE(e.has(EventFlag::parse_error));
  EXPECT_EQ(e.message, record);
  EXPECT_FALSE(e.error.empty());
  EXPECT_TRUE(e.time_flags.has(TimeFlag::no_timestamp));
  EXPECT_EQ(e.timestamp, test::reference_time());
  EXPECT_EQ(e.host, "this-host");
}

INSTANTIATE_TEST_SUITE_P(Rfc3164, Rfc3164Rejects,
                         testing::Values("hello world", "<192>Nov 26 12:00:01 h a: pri too large",
                                         "<01>Nov 26 12:00:01 h a: leading zero", "<38>garbage",
                                         "<38", "Nov 26 12:00", "Foo 26 12:00:01 h",
                                         "Nov 26 12:00:01x h a: m", "Feb 30 12:00:01 h a: m",
                                         std::string("\0\x01\xff\xfe", 4), "<>",
                                         "2026-13-01T00:00:00Z h"));

TEST(Rfc3164, RepetitionCountBecomesField) {
  test::ParseHarness h;
  Rfc3164Parser parser;
  ASSERT_EQ(h.parse(parser, "Jul  1 09:03:00 mac --- last message repeated 12 times ---"),
            ParseStatus::ok);
  const Field* repeated = h.field("log.syslog.repeated");
  ASSERT_NE(repeated, nullptr);
  EXPECT_EQ(repeated->value.i64, 12);
  EXPECT_EQ(h.event().host, "mac");
}

TEST(Rfc3164, HeaderlessLineInheritsTimeAndOriginOfPreviousLine) {
  test::ParseHarness h;
  Rfc3164Parser parser;
  ASSERT_EQ(h.parse(parser, "<14>Nov 26 12:00:01 web1 app[9]: first line"), ParseStatus::ok);
  const SysNanos first = h.event().timestamp;
  ASSERT_EQ(h.parse(parser, "\tsecond line"), ParseStatus::ok);
  const Event& e = h.event();
  EXPECT_EQ(e.timestamp, first);
  EXPECT_EQ(e.host, "web1");
  EXPECT_EQ(e.app, "app");
  EXPECT_EQ(e.pid, 9);
  EXPECT_EQ(e.severity, 6);
  EXPECT_EQ(e.message, "\tsecond line");
  ASSERT_NE(h.field("log.syslog.continuation"), nullptr);
}

TEST(Rfc3164, HeaderlessFirstLineIsAParseError) {
  test::ParseHarness h;
  Rfc3164Parser parser;
  EXPECT_EQ(h.parse(parser, "\tsecond line"), ParseStatus::error);
}

TEST(Rfc3164, SetsDatasetAndOriginalStamp) {
  test::ParseHarness h;
  Rfc3164Parser parser;
  ASSERT_EQ(h.parse(parser, "Nov  6 12:00:01 h a: m"), ParseStatus::ok);
  EXPECT_EQ(h.event().dataset, "syslog.rfc3164");
  EXPECT_EQ(h.event().time_original, "Nov  6 12:00:01");
  EXPECT_TRUE(h.event().time_flags.has(TimeFlag::year_inferred));
}

TEST(Rfc3164, LocalEndOfYearLeapSecondParsesInEveryZone) {
  for (const char* zone : {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"}) {
    SCOPED_TRACE(zone);
    test::ParseHarness h(zone);
    Rfc3164Parser parser;
    ASSERT_EQ(h.parse(parser, "Dec 31 23:59:60 h app: leap"), ParseStatus::ok) << h.event().error;
    EXPECT_FALSE(h.event().has(EventFlag::parse_error));
    EXPECT_TRUE(h.event().time_flags.has(TimeFlag::leap_second));
    EXPECT_EQ(h.event().message, "leap");
  }
}

class Rfc3164Samples : public testing::TestWithParam<std::string> {};

TEST_P(Rfc3164Samples, EveryLineIsOneEventWithoutParseErrors) {
  HOROLOG_SHARED_SAMPLE(path, GetParam());
  Rfc3164Parser parser;
  const test::SampleWalk walk = test::walk_sample(parser, path);
  EXPECT_GT(walk.lines, 0u);
  EXPECT_EQ(walk.events, walk.lines);
  EXPECT_EQ(walk.parse_errors, 0u) << "first: " << walk.first_error;
}

INSTANTIATE_TEST_SUITE_P(Rfc3164, Rfc3164Samples,
                         testing::Values("syslog-3164/loghub_Linux_2k.log",
                                         "syslog-3164/loghub_Mac_2k.log",
                                         "syslog-3164/loghub_OpenSSH_2k.log",
                                         "syslog-3164/rsyslog_TraditionalFileFormat.log",
                                         "syslog-3164/syslogng_default.log",
                                         "syslog-3164/beats_darwin-syslog-sample.log",
                                         "syslog-3164/rsyslog_snare_windows2022-security.data",
                                         "ntp/loghub_Mac_2k.ntpd_lines.log"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(info.param.find('/') + 1);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(Rfc3164, LinuxSampleIsAllHostCombo) {
  HOROLOG_SHARED_SAMPLE(path, "syslog-3164/loghub_Linux_2k.log");
  Rfc3164Parser parser;
  const test::SampleWalk walk = test::walk_sample(parser, path, true);
  ASSERT_EQ(walk.kept.size(), 2000u);
  for (const Event& e : walk.kept) EXPECT_EQ(e.host, "combo") << e.message;
  EXPECT_EQ(walk.kept.front().app, "sshd(pam_unix)");
  EXPECT_EQ(walk.kept.front().pid, 19939);
}

TEST(Rfc3164, SnareSampleDecodesPriority) {
  HOROLOG_SHARED_SAMPLE(path, "syslog-3164/rsyslog_snare_windows2022-security.data");
  Rfc3164Parser parser;
  const test::SampleWalk walk = test::walk_sample(parser, path, true);
  ASSERT_FALSE(walk.kept.empty());
  EXPECT_EQ(walk.kept.front().facility, 1);  // <14>: user-level
  EXPECT_EQ(walk.kept.front().severity, 6);  // informational
  EXPECT_EQ(walk.kept.front().host, "WIN-5SB1I3G0V7U");
}

}  // namespace
}  // namespace horolog
