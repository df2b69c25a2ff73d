// The benchmark's generated data: deterministic, one case per line format, and every line of it
// understood by its parser (a benchmark of the error path would measure the wrong thing).
#include "agent/commands/bench/bench_corpus.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "parsers/format_registry.h"
#include "parsers/framer.h"

namespace horolog {
namespace {

constexpr std::size_t kSampleBytes = 96 * 1024;

std::string case_name(const testing::TestParamInfo<BenchCase>& info) {
  std::string name(info.param.name);
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

class EveryBenchCase : public testing::TestWithParam<BenchCase> {};

TEST_P(EveryBenchCase, ParsesEveryGeneratedLineCompletely) {
  const BenchCase& bench_case = GetParam();
  const FormatInfo* format = find_format(bench_case.format);
  ASSERT_NE(format, nullptr) << bench_case.format;
  const std::string data = generate_corpus(bench_case, kSampleBytes);
  ASSERT_GE(data.size(), kSampleBytes);
  ASSERT_EQ(data.back(), '\n');

  const auto parser = format->make(bench_parser_options(format->name)).value();
  // Anchored after the generated span, as a replayed archive's mtime would be.
  TimeResolver time({Zone::utc(), SysNanos{std::chrono::seconds(1'800'000'000)}});
  EventBatch batch;
  ParseContext ctx{time, batch.arena, "bench-host"};
  Framer framer;
  std::size_t pos = 0;
  FramedRecord record;
  std::size_t records = 0;
  while (framer.next(data, pos, record, true)) {
    Event& event = batch.next_event();
    const ParseStatus status = parser->parse(record.text, ctx, event);
    ASSERT_EQ(status, ParseStatus::ok) << record.text << ": " << event.error;
    EXPECT_FALSE(event.time_flags.has(TimeFlag::no_timestamp)) << record.text;
    ++records;
    batch.clear();
  }
  EXPECT_EQ(pos, data.size());
  EXPECT_GT(records, 100u);
}

TEST_P(EveryBenchCase, GeneratesTheSameBytesForTheSameSeedOnly) {
  const BenchCase& bench_case = GetParam();
  EXPECT_EQ(generate_corpus(bench_case, 8192), generate_corpus(bench_case, 8192));
  EXPECT_NE(generate_corpus(bench_case, 8192), generate_corpus(bench_case, 8192, kBenchSeed + 1));
}

INSTANTIATE_TEST_SUITE_P(BenchCorpus, EveryBenchCase, testing::ValuesIn(bench_cases()), case_name);

TEST(BenchCorpus, HasACaseForEveryLineFormat) {
  for (const FormatInfo& format : formats()) {
    if (format.framing != RecordFraming::lines) continue;
    bool found = false;
    for (const BenchCase& bench_case : bench_cases()) found |= bench_case.format == format.name;
    EXPECT_TRUE(found) << "no benchmark data for " << format.name;
  }
}

TEST(BenchCorpus, SyslogDataVariesHostsAppsAndCrossesNewYear) {
  const std::string data = generate_corpus(*find_bench_case("rfc3164"), 2u << 20);
  std::set<std::string> hosts;
  std::set<std::string> apps;
  std::set<std::size_t> lengths;
  std::size_t start = 0;
  while (start < data.size()) {
    const std::size_t end = data.find('\n', start);
    const std::string line = data.substr(start, end - start);
    // `Mmm dd hh:mm:ss host app[pid]: message`
    const std::size_t host_end = line.find(' ', 16);
    hosts.insert(line.substr(16, host_end - 16));
    apps.insert(line.substr(host_end + 1, line.find_first_of("[:", host_end) - host_end - 1));
    lengths.insert(line.size() / 50);
    start = end + 1;
  }
  EXPECT_GE(hosts.size(), 15u);
  EXPECT_GE(apps.size(), 8u);
  EXPECT_GE(lengths.size(), 4u);  // short cron lines to long firewall lines
  EXPECT_TRUE(data.starts_with("Dec 31 23:45:"));
  EXPECT_NE(data.find("\nJan  1 00:"), std::string::npos);
}

TEST(BenchCorpus, Rfc5424DataCarriesStructuredDataAndZoneOffsets) {
  const std::string data = generate_corpus(*find_bench_case("rfc5424"), 256u << 10);
  EXPECT_NE(data.find("[timeQuality tzKnown=\"1\""), std::string::npos);
  EXPECT_NE(data.find("[meta@32473 sequenceId="), std::string::npos);
  EXPECT_NE(data.find("+05:30 "), std::string::npos);
  EXPECT_NE(data.find("-08:00 "), std::string::npos);
  EXPECT_NE(data.find("Z "), std::string::npos);
}

}  // namespace
}  // namespace horolog
