// Archived NTP statistics to offset samples: the sign of each daemon's offset, the error used,
// unsynchronised lines left out, and the real samples loaded whole.
#include "agent/commands/replay/clock_history.h"

#include <gtest/gtest.h>

#include "parsers/detect/format_detect.h"
#include "parsers/ntp/stats_parser.h"
#include "tests/support/compress_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using std::chrono::seconds;

std::optional<OffsetSample> sample_of(std::string_view line) {
  const std::string_view format = detect_format(line);
  NtpStatsParser parser(format == "ntp-loopstats" ? ntp::StatsKind::ntp_loopstats
                                                  : ntp::StatsKind::chrony_tracking);
  TimeResolver time(TimeResolverSettings{});
  StringArena arena;
  ParseContext ctx{time, arena, {}};
  Event event;
  if (parser.parse(line, ctx, event) != ParseStatus::ok) return std::nullopt;
  return offset_sample_from(event);
}

TEST(ClockHistory, TakesTheLoopstatsOffsetAsTheAmountTheHostClockIsBehind) {
  // pfSense ntpd loopstats, first line: MJD 61016 = 2025-12-07, 2.878 s past midnight UTC.
  const auto sample = sample_of("61016 2.878 0.000001853 -33.344 0.000003510 0.002074 3");
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->time, SysNanos(seconds(1765065602) + std::chrono::milliseconds(878)));
  EXPECT_EQ(sample->offset, Nanoseconds(1853));
  EXPECT_EQ(sample->error, Nanoseconds(3510));  // the jitter column
}

TEST(ClockHistory, NegatesChronysOffsetWhichSaysHowFarTheHostClockIsAhead) {
  const auto sample = sample_of(
      "2026-11-26 13:07:51 127.0.0.1        9      0.074      2.930 -1.168e-06 N  1  1.258e-07 "
      "-3.882e-06  1.068e-05  1.808e-06  3.432e-04");
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->time, SysNanos(seconds(1795698471)));
  EXPECT_EQ(sample->offset, Nanoseconds(1168));
  EXPECT_EQ(sample->error, Nanoseconds(343200));  // the Max. error column
}

TEST(ClockHistory, LeavesOutChronyLinesThatWereNotSynchronised) {
  EXPECT_FALSE(sample_of(
      "2026-11-26 13:07:48 0.0.0.0          0      0.000 1000000.000  0.000e+00 ?  0  0.000e+00 "
      "-0.000e+00  1.000e+00  1.000e+00  1.500e+00"));
}

// Data lines of a tracking.log whose leap column is not `?`: counted independently of the parser.
std::uint64_t synchronised_tracking_lines(const std::string& text) {
  std::uint64_t count = 0;
  for (std::string_view line : test::split_lines(text)) {
    if (line.empty() || line[0] < '0' || line[0] > '9') continue;
    if (line.find(" ? ") == std::string_view::npos) ++count;
  }
  return count;
}

TEST(ClockHistory, LoadsRealLoopstatsAndTrackingFilesWhole) {
  HOROLOG_SHARED_SAMPLE(loopstats, "ntp/pfsense_ntpd_loopstats.head3000");
  HOROLOG_SHARED_SAMPLE(tracking, "ntp/chrony_client_tracking.log");
  const ClockHistory history = load_clock_history({loopstats.string(), tracking.string()}).value();
  EXPECT_EQ(history.loopstats_samples, 3000u);
  EXPECT_EQ(history.tracking_samples, synchronised_tracking_lines(test::read_file(tracking)));
  EXPECT_GT(history.ignored_lines, 0u);  // the `?` lines
  // chrony logged two updates within one second once (13:07:51): one sample per instant.
  EXPECT_EQ(history.timeline.size(), history.loopstats_samples + history.tracking_samples - 1);
}

TEST(ClockHistory, ReadsCompressedStatistics) {
  test::TempDir dir;
  const std::string text =
      "61041 0.000 -0.050000000 0.0 0.000001000 0.0 6\n"
      "61041 100.000 0.030000000 0.0 0.000001000 0.0 6\n";
  test::write_file(dir / "loopstats.20260101.gz", test::gzip_bytes(text));
  test::write_file(dir / "loopstats.20260102.zst", test::zstd_bytes(text));
  const ClockHistory history = load_clock_history({(dir / "loopstats.20260101.gz").string(),
                                                   (dir / "loopstats.20260102.zst").string()})
                                   .value();
  EXPECT_EQ(history.loopstats_samples, 4u);
  EXPECT_EQ(history.timeline.size(), 2u);  // the same instants twice
}

TEST(ClockHistory, RefusesAFileWithoutSamplesNamingIt) {
  test::TempDir dir;
  test::write_file(dir / "syslog", "Jan  1 00:00:00 host app: not statistics\n");
  const Result<ClockHistory> without_samples = load_clock_history({(dir / "syslog").string()});
  ASSERT_FALSE(without_samples);
  EXPECT_NE(without_samples.error().message().find((dir / "syslog").string()), std::string::npos)
      << without_samples.error().message();
  const Result<ClockHistory> missing = load_clock_history({(dir / "missing").string()});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
  EXPECT_NE(missing.error().message().find("missing"), std::string::npos);
}

}  // namespace
}  // namespace horolog
