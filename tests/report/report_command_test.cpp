// `horolog report` end to end: the real binary over raw NTP statistics (through parse's pipeline)
// and over horolog NDJSON, from files and from stdin, and the page as a browser renders it.
#include <gtest/gtest.h>

#include "tests/report/page_checks.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

std::vector<std::string> report_args(std::vector<std::string> extra) {
  std::vector<std::string> args{horolog_binary().string(), "report"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ReportCommand, ChartsTheStatisticsOfARawChronyTrackingLog) {
  HOROLOG_SHARED_SAMPLE(tracking, "ntp/chrony_tracking.log.head3000");
  const TempDir dir;
  const ProcessResult result =
      run_process(report_args({"--host", "pps-server", "--title", "Tracking", "--output",
                               (dir / "report.html").string(), tracking.string()}));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string page = read_file(dir / "report.html");
  EXPECT_NE(page.find("<title>Tracking</title>"), std::string::npos);
  EXPECT_NE(page.find("3000 events read"), std::string::npos);
  EXPECT_NE(page.find("chrony.tracking (3000 records)"), std::string::npos);
  EXPECT_EQ(count(page, "<polyline class=\"ntp ntp-0\""), 1u);
  EXPECT_EQ(test::without_namespace_names(page).find("http"), std::string::npos);
}

TEST(ReportCommand, ReadsHorologNdjsonFromAFileAndFromStdin) {
  const std::filesystem::path fixture = source_path("tests/data/report/clock_story.ndjson");
  const ProcessResult from_file = run_process(report_args({fixture.string()}));
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_NE(from_file.out.find("<h2>alpha</h2>"), std::string::npos);
  EXPECT_EQ(count(from_file.out, "<polyline class=\"offset\""), 1u);

  const ProcessResult from_stdin = run_process(report_args({"-"}), read_file(fixture));
  ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  // The same story, whichever way it came in.
  const auto story = [](const std::string& page) { return page.substr(page.find("<h2")); };
  EXPECT_EQ(story(from_stdin.out), story(from_file.out));
}

TEST(ReportCommand, ParsesRawLogsFromStdin) {
  HOROLOG_SHARED_SAMPLE(loopstats, "ntp/ntpsec_loopstats.20261126");
  const ProcessResult result =
      run_process(report_args({"--host", "ntpsec", "-"}), read_file(loopstats));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("<h2>ntpsec</h2>"), std::string::npos);
  EXPECT_NE(result.out.find("ntp.loopstats ("), std::string::npos);
}

TEST(ReportCommand, TellsAnInputItCannotReadAndStillWritesThePage) {
  const ProcessResult result = run_process(report_args({"/nonexistent/clock.ndjson"}));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("/nonexistent/clock.ndjson"), std::string::npos);
  EXPECT_NE(result.out.find("</html>"), std::string::npos);
}

TEST(ReportCommand, RendersInAHeadlessBrowser) {
  std::string browser;
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (std::filesystem::exists(candidate)) browser = candidate;
  }
  if (browser.empty()) GTEST_SKIP() << "Chromium is not installed (Debian package chromium)";
  const TempDir dir;
  const ProcessResult report =
      run_process(report_args({"--output", (dir / "report.html").string(),
                               source_path("tests/data/report/clock_story.ndjson").string()}));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const ProcessResult shot =
      // A throwaway profile, and nothing started that would reach out to the network.
      run_process({browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                   "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync",
                   "--user-data-dir=" + (dir / "profile").string(),
                   "--screenshot=" + (dir / "report.png").string(), "--window-size=1200,2000",
                   "file://" + (dir / "report.html").string()});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  EXPECT_GT(std::filesystem::file_size(dir / "report.png"), 10000u);
}

}  // namespace
}  // namespace horolog::test
