// The copied fixtures in tests/data/parsers: always present, so these run in every checkout.
#include <gtest/gtest.h>

#include <string>

#include "parsers/format_registry.h"
#include "tests/parsers/parse_harness.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

struct Fixture {
  std::string file;
  std::string format;
  std::size_t events;
  std::size_t skipped;
  std::string first_time;
};

class ParserFixtures : public testing::TestWithParam<Fixture> {};

TEST_P(ParserFixtures, ParseCompletelyWithExpectedCountsAndFirstTime) {
  const Fixture& f = GetParam();
  const auto parser = find_format(f.format)->make(ParserOptions{}).value();
  const test::SampleWalk walk =
      test::walk_sample(*parser, test::source_path("tests/data/parsers/" + f.file), true);
  EXPECT_EQ(walk.parse_errors, 0u) << walk.first_error;
  EXPECT_EQ(walk.events, f.events);
  EXPECT_EQ(walk.skipped, f.skipped);
  ASSERT_FALSE(walk.kept.empty());
  EXPECT_EQ(test::iso(walk.kept.front().timestamp), f.first_time);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, ParserFixtures,
    testing::Values(
        // Dec 13 is more than a day after the 2026-11-30 reference: the year before.
        Fixture{"beats_darwin-syslog-sample.log", "rfc3164", 21, 0,
                "2025-12-13T11:35:28.000000000Z"},
        Fixture{"util-linux-logger.log", "syslog", 15, 0, "2026-11-26T12:39:55.660069000Z"},
        Fixture{"ntpsec_loopstats.20261126", "ntp-loopstats", 8, 0,
                "2026-11-26T13:07:50.713000000Z"},
        Fixture{"chrony_client_tracking.log", "chrony-tracking", 10, 3,
                "2026-11-26T13:07:48.000000000Z"}),
    [](const testing::TestParamInfo<Fixture>& info) {
      std::string name = info.param.format;
      for (char& c : name) {
        if (c == '-') c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace horolog
