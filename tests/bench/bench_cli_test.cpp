// `horolog bench` end to end: the real binary's JSON report covers every format with positive
// rates and no parse errors, --input measures a given file, --write emits the generator's bytes.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <string>

#include "agent/commands/bench/bench_corpus.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

using simdjson::dom::element;

ProcessResult run_bench(std::vector<std::string> extra) {
  std::vector<std::string> args{horolog_binary().string(), "bench"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_process(args);
}

double number(element value) {
  double d = 0;
  if (value.get(d) == simdjson::SUCCESS) return d;
  std::uint64_t u = 0;
  EXPECT_EQ(value.get(u), simdjson::SUCCESS);
  return static_cast<double>(u);
}

void expect_positive_rates(element rates, std::string_view what) {
  EXPECT_GT(number(rates["mb_per_s"]), 0) << what;
  EXPECT_GT(number(rates["events_per_s"]), 0) << what;
  EXPECT_GT(number(rates["ns_per_event"]), 0) << what;
  EXPECT_GT(number(rates["output_bytes"]), 0) << what;
}

TEST(BenchCommand, JsonReportsEveryFormatWithPositiveNumbers) {
  const auto result = run_bench({"--json", "--size", "0.125"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  simdjson::dom::parser parser;
  element doc;
  ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS) << result.out;
  simdjson::dom::array rows;
  ASSERT_EQ(doc["results"].get(rows), simdjson::SUCCESS);
  std::set<std::string> seen;
  for (element row : rows) {
    std::string_view name;
    ASSERT_EQ(row["format"].get(name), simdjson::SUCCESS);
    seen.emplace(name);
    std::string_view source;
    ASSERT_EQ(row["source"].get(source), simdjson::SUCCESS);
    EXPECT_EQ(source, "generated");
    EXPECT_GE(number(row["input_bytes"]), 0.125 * 1024 * 1024) << name;
    const double events = number(row["events"]);
    EXPECT_GT(events, 0) << name;
    EXPECT_EQ(number(row["parse_errors"]), 0) << name;
    expect_positive_rates(row["one_core"], name);
    EXPECT_GT(number(row["one_core"]["parse_ns_per_event"]), 0) << name;
    EXPECT_GT(number(row["one_core"]["encode_ns_per_event"]), 0) << name;
    expect_positive_rates(row["pipeline"], name);
    EXPECT_EQ(number(row["pipeline"]["events"]), events) << name;
  }
  for (const BenchCase& bench_case : bench_cases()) {
    EXPECT_TRUE(seen.contains(std::string(bench_case.name))) << bench_case.name;
  }
  EXPECT_EQ(seen.size(), bench_cases().size());
}

TEST(BenchCommand, TablePrintsOneRowPerRequestedFormat) {
  const auto result =
      run_bench({"--format", "chrony-tracking", "--size", "0.0625", "--no-pipeline"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\nchrony-tracking "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("\nrfc3164 "), std::string::npos) << result.out;
}

TEST(BenchCommand, InputMeasuresTheGivenFile) {
  HOROLOG_SHARED_SAMPLE(sample, "syslog-3164/loghub_Linux_2k.log");
  const auto result = run_bench({"--json", "--format", "rfc3164", "--input", sample.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  simdjson::dom::parser parser;
  element doc;
  ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS) << result.out;
  element row = doc["results"].at(0);
  std::string_view source;
  ASSERT_EQ(row["source"].get(source), simdjson::SUCCESS);
  EXPECT_EQ(source, sample.string());
  const std::string input = read_file(sample);
  EXPECT_EQ(number(row["input_bytes"]), static_cast<double>(input.size()));
  EXPECT_EQ(number(row["events"]), static_cast<double>(split_lines(input).size()));
  EXPECT_EQ(number(row["pipeline"]["events"]), number(row["events"]));
}

TEST(BenchCommand, InputReadsWholeFileFormats) {
  HOROLOG_SHARED_SAMPLE(sample, "evtx/omerbenamram_Security_short_selected.evtx");
  const auto result = run_bench({"--json", "--format", "evtx", "--input", sample.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  simdjson::dom::parser parser;
  element doc;
  ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS) << result.out;
  element row = doc["results"].at(0);
  EXPECT_GT(number(row["events"]), 0);
  EXPECT_EQ(number(row["pipeline"]["events"]), number(row["events"]));
  expect_positive_rates(row["one_core"], "evtx");
}

TEST(BenchCommand, WriteEmitsTheGeneratorsBytes) {
  const TempDir dir;
  const auto result =
      run_bench({"--format", "rfc5424", "--size", "0.5", "--write", (dir / "data.log").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read_file(dir / "data.log"), generate_corpus(*find_bench_case("rfc5424"), 512 * 1024));
}

TEST(BenchCommand, RejectsFormatsItCannotGenerateWithoutInput) {
  for (const std::string format : {"evtx", "no-such-format"}) {
    const auto result = run_bench({"--format", format, "--size", "0.0625"});
    EXPECT_EQ(result.exit_code, 2) << format;
    EXPECT_NE(result.err.find("--input"), std::string::npos) << result.err;
  }
}

}  // namespace
}  // namespace horolog::test
