// The normalizer on real and generated log samples: every stamp of a file must read, and files
// that render the same events in different shapes and zones must agree on every instant.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "normalizer/ntp_time.h"
#include "normalizer/windows_time.h"
#include "tests/normalizer/resolver_test_support.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::istringstream in(test::read_file(path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::int64_t seconds_of(SysNanos t) {
  return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

TEST(Samples, NewYearFixtureInNewYorkMatchesTheCliExample) {
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2027-01-01T03:00:00Z")});
  std::vector<std::string> got;
  for (const std::string& line :
       lines_of(test::source_path("tests/data/normalizer/rfc3164_new_year.log"))) {
    CivilTime c;
    ASSERT_EQ(parse_rfc3164_time(line, c), 15u) << line;
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event));
    got.push_back(test::rfc3339(event));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"2027-01-01T04:59:58Z", "2027-01-01T04:59:59Z",
                                           "2027-01-01T05:00:00Z", "2027-01-01T05:00:01Z",
                                           "2027-01-01T05:00:02Z"}));
}

TEST(Samples, PfsenseLoopstatsFixtureStartsOnMjd61016) {
  const auto lines =
      lines_of(test::source_path("tests/data/normalizer/pfsense_ntpd_loopstats.head20"));
  ASSERT_EQ(lines.size(), 20u);
  UtcTime first;
  ASSERT_GT(parse_mjd_time(lines.front(), first), 0u);
  std::string text;
  append_rfc3339_utc(text, first.time, first.digits);
  EXPECT_EQ(text, "2025-12-07T00:00:02.878Z");
}

TEST(Samples, EveryNtpStatisticsLineHasAnIncreasingMjdStamp) {
  for (const char* name :
       {"ntp/pfsense_ntpd_loopstats.head3000", "ntp/pfsense_ntpd_peerstats.head3000",
        "ntp/ntpsec_loopstats.20261126", "ntp/ntpsec_peerstats.20261126",
        "ntp/ntpsec_clockstats.20261126", "ntp/ntpsec_protostats.20261126"}) {
    HOROLOG_SHARED_SAMPLE(path, name);
    SysNanos previous{};
    std::size_t count = 0;
    for (const std::string& line : lines_of(path)) {
      UtcTime t;
      ASSERT_GT(parse_mjd_time(line, t), 0u) << name << ": " << line;
      EXPECT_GE(t.time, previous) << name << ": " << line;
      previous = t.time;
      ++count;
    }
    EXPECT_GT(count, 0u) << name;
  }
}

TEST(Samples, ChronyLogsAreUtcWithoutAssumptions) {
  for (const char* name : {"ntp/chrony_client_measurements.log", "ntp/chrony_client_refclocks.log",
                           "ntp/chrony_measurements.log", "ntp/chrony_tracking.log.head3000"}) {
    HOROLOG_SHARED_SAMPLE(path, name);
    TimeResolver resolver(
        {Zone::find("Europe/Berlin").value(), test::instant("2027-01-01T00:00:00Z")});
    std::size_t count = 0;
    for (const std::string& line : lines_of(path)) {
      if (line.empty() || line[0] == '=' || line[0] == ' ') continue;  // logbanner lines
      CivilTime c;
      ASSERT_GT(parse_chrony_time(line, c), 0u) << name << ": " << line;
      Event event;
      ASSERT_TRUE(resolver.resolve(c, event)) << line;
      EXPECT_TRUE(event.time_flags.empty()) << line;
      ++count;
    }
    EXPECT_GT(count, 0u) << name;
  }
}

TEST(Samples, NtpsecLocalLogLinesResolveInNewYork) {
  HOROLOG_SHARED_SAMPLE(path, "ntp/ntpsec_ntp.log");
  TimeResolver resolver(
      {Zone::find("America/New_York").value(), test::instant("2026-11-27T00:00:00Z")});
  const auto lines = lines_of(path);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    CivilTime c;
    ASSERT_EQ(parse_rfc3339(line, c), 19u) << line;
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event));
    EXPECT_EQ(test::flag_list(event.time_flags), "zone_assumed");
  }
  CivilTime c;
  ASSERT_GT(parse_rfc3339(lines.front(), c), 0u);
  Event first;
  ASSERT_TRUE(resolver.resolve(c, first));
  EXPECT_EQ(test::rfc3339(first), "2026-11-26T13:07:48Z");  // chrony's log of the same run
}

TEST(Samples, YearLessSyslogFilesReadEveryLine) {
  for (const char* name : {"syslog-3164/loghub_Linux_2k.log", "syslog-3164/loghub_OpenSSH_2k.log",
                           "syslog-3164/loghub_Mac_2k.log", "syslog-3164/syslogng_default.log",
                           "syslog-3164/rsyslog_TraditionalFileFormat.log"}) {
    HOROLOG_SHARED_SAMPLE(path, name);
    TimeResolver resolver(
        {Zone::find("Europe/Paris").value(), test::instant("2027-01-15T00:00:00Z")});
    std::size_t read = 0;
    for (const std::string& line : lines_of(path)) {
      CivilTime c;
      if (parse_rfc3164_time(line, c) == 0) continue;  // continuation lines of multi-line records
      Event event;
      ASSERT_TRUE(resolver.resolve(c, event)) << line;
      EXPECT_TRUE(event.time_flags.has(TimeFlag::year_inferred));
      EXPECT_FALSE(event.time_flags.has(TimeFlag::future)) << line;
      ++read;
    }
    EXPECT_GT(read, 0u) << name;
  }
}

// The wevtutil export is UTC by definition: the ground truth for the CSV exports' local times.
std::vector<std::int64_t> xml_instants(const std::filesystem::path& path) {
  std::vector<std::int64_t> out;
  const std::string text = test::read_file(path);
  for (std::size_t at = text.find("SystemTime="); at != std::string::npos;
       at = text.find("SystemTime=", at + 1)) {
    CivilTime c;
    EXPECT_GT(parse_system_time_attribute(std::string_view(text).substr(at), c), 0u);
    TimeResolver utc({Zone::utc(), test::instant("2027-01-01T00:00:00Z")});
    Event event;
    EXPECT_TRUE(utc.resolve(c, event));
    out.push_back(seconds_of(event.timestamp));
  }
  std::sort(out.begin(), out.end());
  return out;
}

using CsvDateParser = std::size_t (*)(std::string_view, CivilTime&) noexcept;

std::vector<std::int64_t> csv_instants(const std::filesystem::path& path, const char* zone,
                                       CsvDateParser parse, std::size_t& folds) {
  TimeResolver resolver({Zone::find(zone).value(), test::instant("2027-01-01T00:00:00Z")});
  resolver.set_record_order(RecordOrder::newest_first);
  std::vector<std::int64_t> out;
  for (const std::string& line : lines_of(path)) {
    const std::size_t comma = line.find(',');
    static constexpr std::string_view kLevels[] = {
        "Information", "Warning", "Error", "Critical", "Verbose", "Audit Success", "Audit Failure"};
    if (comma == std::string::npos || std::find(std::begin(kLevels), std::end(kLevels),
                                                line.substr(0, comma)) == std::end(kLevels)) {
      continue;  // header, or a continuation line of a quoted multi-line message
    }
    CivilTime c;
    EXPECT_GT(parse(std::string_view(line).substr(comma + 1), c), 0u) << line;
    Event event;
    EXPECT_TRUE(resolver.resolve(c, event)) << line;
    if (event.time_flags.has(TimeFlag::dst_fold)) ++folds;
    out.push_back(seconds_of(event.timestamp));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t us_parser(std::string_view s, CivilTime& c) noexcept {
  return parse_eventviewer_us_time(s, c);
}
std::size_t de_parser(std::string_view s, CivilTime& c) noexcept {
  return parse_eventviewer_day_first_time(s, c);
}

TEST(Samples, EventViewerCsvLocalTimesMatchTheUtcXmlExportThroughBothFolds) {
  HOROLOG_SHARED_SAMPLE(xml, "winevent-xml/handwritten_wevtutil_qe_xml.xml");
  HOROLOG_SHARED_SAMPLE(us, "winevent-csv/handwritten_eventviewer_en-US.csv");
  HOROLOG_SHARED_SAMPLE(de, "winevent-csv/handwritten_eventviewer_de-DE-format.csv");
  const auto truth = xml_instants(xml);
  ASSERT_EQ(truth.size(), 50u);
  std::size_t us_folds = 0;
  std::size_t de_folds = 0;
  EXPECT_EQ(csv_instants(us, "America/New_York", us_parser, us_folds), truth);
  EXPECT_EQ(csv_instants(de, "Europe/Berlin", de_parser, de_folds), truth);
  EXPECT_GT(us_folds, 0u);
  EXPECT_GT(de_folds, 0u);
}

std::vector<std::string_view> json_values(std::string_view text, std::string_view key) {
  std::vector<std::string_view> out;
  for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
    const std::size_t open = text.find('"', at + key.size() + 1);
    out.push_back(text.substr(open + 1));
  }
  return out;
}

TEST(Samples, PowerShellDateMillisecondsMatchPowerShell7LocalOffsets) {
  HOROLOG_SHARED_SAMPLE(ps51, "winevent-json/handwritten_ps51_get-winevent_convertto-json.json");
  HOROLOG_SHARED_SAMPLE(ps7, "winevent-json/handwritten_ps7_get-winevent_convertto-json.json");
  const std::string text51 = test::read_file(ps51);
  const std::string text7 = test::read_file(ps7);
  const auto dates = json_values(text51, "\"TimeCreated\":");
  const auto isos = json_values(text7, "\"TimeCreated\":");
  ASSERT_EQ(dates.size(), 28u);
  ASSERT_EQ(isos.size(), dates.size());
  TimeResolver resolver(
      {Zone::find("Europe/Berlin").value(), test::instant("2027-01-01T00:00:00Z")});
  for (std::size_t i = 0; i < dates.size(); ++i) {
    UtcTime ms;
    ASSERT_GT(parse_dotnet_json_date(dates[i], ms), 0u) << dates[i].substr(0, 30);
    CivilTime c;
    ASSERT_GT(parse_rfc3339(isos[i], c), 0u) << isos[i].substr(0, 40);
    Event event;
    ASSERT_TRUE(resolver.resolve(c, event));
    EXPECT_EQ(std::chrono::floor<std::chrono::milliseconds>(event.timestamp), ms.time) << i;
    EXPECT_EQ(event.precision_digits, 7);
  }
}

}  // namespace
}  // namespace horolog
