// The real binary on Windows exports: `horolog parse` with format auto recognises each export
// shape by its first bytes, and a `horolog run` file input reads a CSV export with the input's
// timezone and date_order.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCsv =
    "\xEF\xBB\xBFLevel,Date and Time,Source,Event ID,Task Category\r\n"
    "Information,03/04/2026 13:00:01,Microsoft-Windows-Time-Service,37,None,\"two\r\nlines\"\r\n"
    "Information,03/04/2026 13:00:00,Microsoft-Windows-Time-Service,35,None,one line\r\n";

// Calls `check` with each NDJSON line parsed; every line must be valid JSON.
template <class Check>
std::size_t for_each_doc(std::string_view text, Check check) {
  simdjson::dom::parser parser;
  std::size_t count = 0;
  for (auto line : split_lines(text)) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(std::string(line)).get(doc), simdjson::SUCCESS) << line;
    check(doc, count++);
  }
  return count;
}

struct AutoCase {
  const char* fixture;  // under tests/data/winevent, or empty for the CSV written by the test
  const char* dataset;
  std::size_t events;
};

class ParseAuto : public ::testing::TestWithParam<AutoCase> {};

TEST_P(ParseAuto, RecognisesTheExportByItsFirstBytes) {
  TempDir dir;
  fs::path path;
  if (std::string_view(GetParam().fixture).empty()) {
    path = dir / "export.csv";
    write_file(path, kCsv);
  } else {
    path = source_path(std::string("tests/data/winevent/") + GetParam().fixture);
  }
  const auto result = run_process({horolog_binary().string(), "parse", "--timezone", "UTC",
                                   "--host", "collector", path.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::size_t count = for_each_doc(result.out, [](simdjson::dom::element doc, std::size_t) {
    std::string_view dataset;
    EXPECT_EQ(doc["event"]["dataset"].get(dataset), simdjson::SUCCESS);
    EXPECT_EQ(dataset, GetParam().dataset);
    std::uint64_t event_id = 0;
    EXPECT_EQ(doc["winlog"]["event_id"].get(event_id), simdjson::SUCCESS);
  });
  EXPECT_EQ(count, GetParam().events) << result.out;
}

INSTANTIATE_TEST_SUITE_P(
    Exports, ParseAuto,
    ::testing::Values(AutoCase{"security_short_selected.evtx", "winevent.evtx", 7},
                      AutoCase{"otel_xml_sample.xml", "winevent.xml", 1},
                      AutoCase{"otrf_mordor_trap.ndjson", "winevent.json", 2},
                      AutoCase{"nxlog_covenant_dcsync_head2.ndjson", "winevent.json", 2},
                      AutoCase{"", "winevent.csv", 2}),
    [](const auto& info) { return std::to_string(info.index); });

TEST(RunWineventCsv, AppliesTheInputsTimezoneAndDateOrder) {
  TempDir dir;
  fs::create_directories(dir / "exports");
  write_file(dir / "exports/system.csv", kCsv);
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\n"
                                       "clock: {servers: []}\n"
                                       "inputs:\n"
                                       "  - name: windows\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       (dir / "exports/*.csv").string() +
                                       "\"]\n"
                                       "    format: auto\n"
                                       "    timezone: America/New_York\n"
                                       "    date_order: dmy\n"
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       (dir / "out/{input}.ndjson").string() + "\n");
  const auto result = run_process(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string(), "--once"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string out = read_file(dir / "out/windows.ndjson");
  const std::size_t count = for_each_doc(out, [](simdjson::dom::element doc, std::size_t index) {
    if (index != 0) return;
    std::string_view timestamp, message;
    // 3 April, 13:00:01 in New York (EDT, UTC-4); month first it would be 4 March (EST).
    EXPECT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS);
    EXPECT_EQ(timestamp, "2026-04-03T17:00:01Z");
    EXPECT_EQ(doc["message"].get(message), simdjson::SUCCESS);
    EXPECT_EQ(message, "two\r\nlines");
  });
  EXPECT_EQ(count, 2u) << out;
}

}  // namespace
}  // namespace horolog::test
