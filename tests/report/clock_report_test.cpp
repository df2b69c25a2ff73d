// The page made from a hand-written NDJSON fixture with known numbers: one point per measurement
// where the scales put it, marks at their times, the untrusted periods, and hostile text escaped.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "agent/commands/report/html_report.h"
#include "agent/commands/report/report_input.h"
#include "agent/commands/report/svg_chart.h"
#include "parsers/format_registry.h"
#include "tests/report/page_checks.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::report {
namespace {

using namespace std::chrono_literals;

// 2026-11-26T10:00:00Z, the fixture's first measurement.
const double kStart_s =
    std::chrono::duration<double>(
        (std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + 10h).time_since_epoch())
        .count();

class ClockReport : public ::testing::Test {
 protected:
  void SetUp() override {
    SourceOptions raw;
    raw.format = find_format("auto");
    ReportInput input(stories_, raw);
    ASSERT_TRUE(input.read(test::source_path("tests/data/report/clock_story.ndjson").string()));
    EXPECT_EQ(input.unreadable_lines(), 0u);
    page_ = html_report(stories_, ReportPage{"Fixture & <friends>", {"clock_story.ndjson"}});
  }

  // The section of one host, from its heading to the next section.
  std::string section_of(std::string_view host_heading) const {
    const std::size_t begin = page_.find("<h2>" + std::string(host_heading) + "</h2>");
    if (begin == std::string::npos) return {};
    return page_.substr(begin, page_.find("</section>", begin) - begin);
  }

  ClockStories stories_;
  std::string page_;
};

TEST_F(ClockReport, PlotsOnePointPerMeasurementWhereTheScalesPutIt) {
  const ChartBox box;
  const Scale x = time_scale(kStart_s, kStart_s + 1800, box);
  // The band spans the lowest value minus its error to the highest plus its error.
  const Scale y = value_scale(-1.0 - 0.5, 1500.0 + 10.0, box);
  const auto point = [&](double offset_s, double value) {
    return coordinate(x(kStart_s + offset_s)) + "," + coordinate(y(value));
  };
  const std::string expected = "<polyline class=\"offset\" points=\"" + point(0, 2.0) + " " +
                               point(600, -1.0) + " " + point(1200, 1500.0) + " " +
                               point(1800, 3.0) + "\">";
  EXPECT_NE(section_of("alpha").find(expected), std::string::npos) << expected << "\n" << page_;
  EXPECT_EQ(stories_.hosts().at("alpha").offset.points(), 4u);  // five events, four measurements
}

TEST_F(ClockReport, DrawsTheErrorBandAroundTheOffsets) {
  const ChartBox box;
  const Scale x = time_scale(kStart_s, kStart_s + 1800, box);
  const Scale y = value_scale(-1.5, 1510.0, box);
  const std::string upper_first = coordinate(x(kStart_s)) + "," + coordinate(y(2.5));
  const std::string lower_first = coordinate(x(kStart_s)) + "," + coordinate(y(1.5));
  const std::string alpha = section_of("alpha");
  const std::size_t band = alpha.find("<polygon class=\"offset-band\" points=\"" + upper_first);
  ASSERT_NE(band, std::string::npos) << alpha;
  EXPECT_NE(alpha.find(lower_first + "\"/>", band), std::string::npos);
}

TEST_F(ClockReport, MarksAlertsAndStepsAtTheirTimes) {
  const ChartBox box;
  const Scale x = time_scale(kStart_s, kStart_s + 1800, box);
  const std::string alpha = section_of("alpha");
  EXPECT_NE(alpha.find("<line class=\"alert\" x1=\"" + coordinate(x(kStart_s + 720)) + "\""),
            std::string::npos);
  EXPECT_NE(alpha.find("<line class=\"clock-event\" x1=\"" + coordinate(x(kStart_s + 300)) + "\""),
            std::string::npos);
  EXPECT_NE(alpha.find("<tr class=\"alert\"><td>2026-11-26T10:12:00.000Z</td><td>clock_step</td>"
                       "<td class=\"number\">+3600.000000</td><td>alert</td>"
                       "<td>System time changed by a user</td><td>T1070.006</td>"),
            std::string::npos)
      << alpha;
}

TEST_F(ClockReport, ListsTheUntrustedPeriodsWithTheirReasons) {
  const auto row = [](std::string_view from, std::string_view until, std::string_view kind) {
    return "<tr><td>alpha</td><td>2026-11-26T" + std::string(from) + ".000Z</td><td>2026-11-26T" +
           std::string(until) + ".000Z</td><td>" + std::string(kind) + "</td>";
  };
  for (const std::string& expected : {row("10:05:00", "10:15:00", "synchronization lost"),
                                      row("10:10:00", "10:15:00", "not synchronized"),
                                      row("10:12:00", "10:15:00", "clock tampering"),
                                      row("10:20:00", "10:30:00", "large offset")}) {
    EXPECT_NE(page_.find(expected), std::string::npos) << expected;
  }
  const std::string table = page_.substr(page_.find("<table class=\"untrusted\">"));
  const std::string body = table.substr(0, table.find("</table>"));
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n') - 1, 4) << body;  // rows, one a line
  EXPECT_NE(body.find("alert: System time changed by a user (T1070.006)"), std::string::npos);
  // A step by the time service itself is no tampering.
  EXPECT_EQ(body.find("alert(1)"), std::string::npos);
}

TEST(ClockStory, ARepairedEventsClockIsNoMeasurementAndItsMarkSitsAtItsTrueTime) {
  ClockStories stories;
  ReportEvent step;
  step.host = "ws1";
  step.time_s = kStart_s + 3600;  // stamped on the clock PowerShell had put an hour ahead
  step.corrected_s = kStart_s;
  step.category = "time";
  step.action = "clock_step";
  step.kind = "alert";
  step.changed_by = "other";
  step.clock_source = "time_change";
  step.offset_ms = -3'600'000.0;
  step.measured_at = "2026-11-26T10:00:00.000000Z";
  step.measured_at_s = kStart_s;
  stories.add(step);
  const HostStory& story = stories.hosts().at("ws1");
  EXPECT_EQ(story.offset.points(), 0u);
  EXPECT_EQ(story.repaired, 1u);
  ASSERT_EQ(story.marks.size(), 1u);
  EXPECT_EQ(story.marks[0].time_s, kStart_s);
}

TEST(ClockStory, TheTimeServicesAlarmingStepEndsTamperingRatherThanStartingIt) {
  ClockStories stories;
  ReportEvent by_hand;
  by_hand.host = "ws1";
  by_hand.time_s = kStart_s;
  by_hand.category = "time";
  by_hand.action = "clock_step";
  by_hand.kind = "alert";
  by_hand.changed_by = "other";
  stories.add(by_hand);
  ReportEvent back = by_hand;  // "Large backward clock step" by svchost: an alert, and a fix
  back.time_s = kStart_s + 60;
  back.changed_by = "time_service";
  stories.add(back);
  const std::vector<UntrustedPeriod> periods = stories.hosts().at("ws1").untrusted.periods();
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].distrust, Distrust::tampering);
  EXPECT_EQ(periods[0].end_s, kStart_s + 60);
}

TEST_F(ClockReport, CountsRepairedEventsAndShowsSenderSkew) {
  EXPECT_EQ(stories_.hosts().at("alpha").repaired, 1u);
  EXPECT_NE(
      section_of("alpha").find("<tr><td>198.51.100.7</td><td class=\"number\">-240.250</td>"
                               "<td class=\"number\">-250.500</td><td class=\"number\">-240.250"
                               "</td><td class=\"number\">5</td><td class=\"number\">2</td>"),
      std::string::npos);
}

TEST_F(ClockReport, EscapesHostileTextFromLogs) {
  EXPECT_EQ(page_.find("<script"), std::string::npos);
  EXPECT_NE(page_.find("<h2>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"
                       "</h2>"),
            std::string::npos);
  EXPECT_NE(page_.find("time reset -0.25 s &lt;b&gt;&amp;amp;&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(page_.find("<title>Fixture &amp; &lt;friends&gt;</title>"), std::string::npos);
  for (const char control : {'\x01', '\x07', '\x1b'}) {
    EXPECT_EQ(page_.find(control), std::string::npos) << static_cast<int>(control);
  }
}

TEST_F(ClockReport, ReferencesNothingOutsideThePage) {
  EXPECT_EQ(test::without_namespace_names(page_).find("http"), std::string::npos);
  EXPECT_EQ(page_.find("<script"), std::string::npos);
  EXPECT_EQ(page_.find("src="), std::string::npos);
  EXPECT_EQ(page_.find("href="), std::string::npos);
  EXPECT_EQ(page_.find("url("), std::string::npos);
  EXPECT_EQ(page_.find("@import"), std::string::npos);
}

TEST_F(ClockReport, ParsesAsXml) {
  if (!std::filesystem::exists("/usr/bin/xmllint")) {
    GTEST_SKIP() << "xmllint is not installed (Debian package libxml2-utils)";
  }
  const test::TempDir dir;
  test::write_file(dir / "report.html", page_);
  const test::ProcessResult lint =
      test::run_process({"/usr/bin/xmllint", "--noout", (dir / "report.html").string()});
  EXPECT_EQ(lint.exit_code, 0) << lint.err;
}

}  // namespace
}  // namespace horolog::report
