// The timeline repair end to end on a real Security log whose clock was set three days ahead by
// PowerShell and put back by the time service, then set 8 s back by hand: `parse`, `replay` and
// `run` must give the records stamped on the wrong clock the same true times.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSample = "evtx/hayabusa_T1070.006_ID4616-system_time_changed.evtx";

struct Repaired {
  std::string corrected;     // horolog.time.corrected, "" when absent
  std::string clock_source;  // host.clock.source, "" when absent
};

// By winlog.record_id.
std::map<std::uint64_t, Repaired> by_record(const std::string& ndjson) {
  std::map<std::uint64_t, Repaired> out;
  simdjson::dom::parser parser;
  for (std::string_view line : split_lines(ndjson)) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(std::string(line)).get(doc), simdjson::SUCCESS) << line;
    std::uint64_t record = 0;
    if (doc.at_pointer("/winlog/record_id").get(record) != simdjson::SUCCESS) continue;
    std::string_view corrected, source;
    if (doc.at_pointer("/horolog/time/corrected").get(corrected) != simdjson::SUCCESS) {
      corrected = {};
    }
    if (doc.at_pointer("/host/clock/source").get(source) != simdjson::SUCCESS) source = {};
    out[record] = {std::string(corrected), std::string(source)};
  }
  return out;
}

// Records 19620789/90 were written while PowerShell had put the clock 3 days ahead (the 4616
// records themselves included, stamped on the new clock); 19620793 is the time service putting
// it back. 19620903/04 follow a step of 8 s back by dllhost (the Settings page).
void expect_true_times(const std::map<std::uint64_t, Repaired>& records) {
  ASSERT_EQ(records.size(), 8u);
  const std::map<std::uint64_t, std::string> expected{
      {19620789, "2021-11-24T15:47:00.3853770Z"},
      {19620790, "2021-11-24T15:47:00.3859772Z"},
      {19620903, "2021-11-24T15:48:33.0702755Z"},
      {19620904, "2021-11-24T15:48:33.0705494Z"},
  };
  for (const auto& [record, repaired] : records) {
    const auto wanted = expected.find(record);
    if (wanted == expected.end()) {
      EXPECT_EQ(repaired.corrected, "") << record;
      continue;
    }
    EXPECT_EQ(repaired.corrected, wanted->second) << record;
    EXPECT_EQ(repaired.clock_source, "time_change") << record;
  }
}

TEST(TimeChangeRepairCli, ParsePutsRecordsOfTheClockSetAheadAtTheirTrueTime) {
  HOROLOG_SHARED_SAMPLE(sample, kSample);
  const auto result = run_process({horolog_binary().string(), "parse", sample.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_true_times(by_record(result.out));
}

TEST(TimeChangeRepairCli, ReplayPutsRecordsOfTheClockSetAheadAtTheirTrueTime) {
  HOROLOG_SHARED_SAMPLE(sample, kSample);
  const auto result = run_process({horolog_binary().string(), "replay", sample.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_true_times(by_record(result.out));
}

TEST(TimeChangeRepairCli, RunPutsRecordsOfTheClockSetAheadAtTheirTrueTime) {
  HOROLOG_SHARED_SAMPLE(sample, kSample);
  TempDir dir;
  fs::create_directories(dir / "logs");
  fs::copy_file(sample, dir / "logs/security.evtx");
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\n"
                                       "clock: {servers: []}\n"
                                       "inputs:\n"
                                       "  - name: security\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       (dir / "logs/*.evtx").string() +
                                       "\"]\n"
                                       "    format: auto\n"
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       (dir / "out.ndjson").string() + "\n");
  const auto result = run_process(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string(), "--once"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_true_times(by_record(read_file(dir / "out.ndjson")));
}

TEST(TimeChangeRepairCli, NewestFirstCsvKeepsItsTimesButTagsItsChanges) {
  // Event Viewer lists newest first: a change comes after the records it put wrong, so one pass
  // cannot repair them. Its clock steps are still recognised.
  HOROLOG_SHARED_SAMPLE(sample, "winevent-csv/handwritten_eventviewer_en-US.csv");
  const auto result = run_process(
      {horolog_binary().string(), "parse", "--timezone", "America/New_York", sample.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find("\"corrected\""), std::string::npos);
  EXPECT_NE(result.out.find("\"action\":\"clock_step\""), std::string::npos);
}

}  // namespace
}  // namespace horolog::test
