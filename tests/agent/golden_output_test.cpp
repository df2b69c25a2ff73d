// Output pinned byte for byte: `horolog parse` over every shared sample (with a fixed zone,
// reference time and host name) and `horolog run --once` over the bundled config must write what
// they wrote when the golden files were recorded, apart from what differs from run to run.
//
// Recording (after a deliberate change of output): with HOROLOG_UPDATE_GOLDEN=1, the two Record
// tests (`test_cli --gtest_filter='*.Record'`) rewrite tests/data/golden/ from the current
// binary; review the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

// A checksum of the output, to notice any change (not a defence against anyone).
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

bool updating() {
  const char* value = std::getenv("HOROLOG_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

// event.created is the moment of reading, and so is the @timestamp of a record without a usable
// time (flagged no_timestamp); everything else must be reproducible.
std::string without_read_times(const std::string& ndjson) {
  static const std::regex created("\"created\":\"[^\"]*\"");
  static const std::regex timestamp("^\\{\"@timestamp\":\"[^\"]*\"");
  std::string out;
  for (const std::string_view line : split_lines(ndjson)) {
    std::string masked = std::regex_replace(std::string(line), created, "\"created\":\"-\"");
    if (masked.find("\"no_timestamp\"") != std::string::npos) {
      masked = std::regex_replace(masked, timestamp, "{\"@timestamp\":\"-\"");
    }
    out += masked;
    out += '\n';
  }
  return out;
}

// One recorded `parse` run: the format asked for, the sample (relative to the shared data) and
// what came out (line count and checksum, read times blanked; the exit status, which is 1 for a
// damaged file).
struct ParseRun {
  std::string format;
  std::string sample;
  std::size_t lines = 0;
  std::string checksum;
  int exit_status = 0;
};

void PrintTo(const ParseRun& run, std::ostream* out) { *out << run.format << " " << run.sample; }

const fs::path kManifest = source_path("tests/data/golden/parse.manifest");

std::vector<ParseRun> read_manifest() {
  std::vector<ParseRun> runs;
  std::ifstream in(kManifest);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    ParseRun run;
    fields >> run.format >> run.lines >> run.checksum >> run.exit_status >> run.sample;
    runs.push_back(run);
  }
  return runs;
}

ProcessResult parse_sample(const std::string& format, const std::string& sample) {
  // Relative paths: log.file.path must not depend on where the data lies.
  return run_process(
      {horolog_binary().string(), "parse", "--format", format, "--timezone", "Europe/Berlin",
       "--reference-time", "2026-12-01T00:00:00Z", "--host", "golden-host", sample},
      {}, {}, shared_data_path("").string());
}

std::string checksum_of(const std::string& ndjson) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx",
                static_cast<unsigned long long>(fnv1a(without_read_times(ndjson))));
  return text;
}

// The explicit format a sample has besides `auto`, by folder or file name ("" when none).
std::string named_format(const std::string& sample) {
  const std::string folder = sample.substr(0, sample.find('/'));
  if (folder == "evtx" || folder.starts_with("winevent-")) return folder;
  if (folder == "syslog-3164") return "rfc3164";
  if (folder == "syslog-5424") return "rfc5424";
  static const std::pair<const char*, const char*> kNtp[] = {
      {"loopstats", "ntp-loopstats"},
      {"peerstats", "ntp-peerstats"},
      {"clockstats", "ntp-clockstats"},
      {"protostats", "ntp-protostats"},
      {"measurements", "chrony-measurements"},
      {"statistics", "chrony-statistics"},
      {"tracking", "chrony-tracking"},
      {"refclocks", "chrony-refclocks"},
      {"ntpd_lines", "ntpd"},
      {"ntp.log", "ntpd"}};
  for (const auto& [part, format] : kNtp) {
    if (sample.find(part) != std::string::npos) return format;
  }
  return {};
}

std::vector<std::string> shared_samples() {
  std::vector<std::string> samples;
  const fs::path root = shared_data_path("");
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    samples.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(samples.begin(), samples.end());
  return samples;
}

class GoldenParse : public testing::TestWithParam<ParseRun> {};

TEST_P(GoldenParse, WritesWhatWasRecorded) {
  HOROLOG_SHARED_SAMPLE(sample, GetParam().sample);
  const ProcessResult result = parse_sample(GetParam().format, GetParam().sample);
  EXPECT_EQ(result.exit_code, GetParam().exit_status) << result.err;
  const auto lines = split_lines(result.out);
  EXPECT_EQ(lines.size(), GetParam().lines);
  EXPECT_EQ(checksum_of(result.out), GetParam().checksum)
      << "first line now: " << (lines.empty() ? std::string_view() : lines.front());
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenParse, testing::ValuesIn(read_manifest()),
                         [](const testing::TestParamInfo<ParseRun>& info) {
                           return std::to_string(info.index);
                         });

TEST(GoldenParseManifest, CoversEverySharedSample) {
  HOROLOG_SHARED_SAMPLE(root, "README.md");
  std::vector<std::string> recorded;
  for (const ParseRun& run : read_manifest()) {
    if (run.format == "auto") recorded.push_back(run.sample);
  }
  EXPECT_EQ(recorded, shared_samples()) << "record new samples with HOROLOG_UPDATE_GOLDEN=1";
}

TEST(GoldenParseManifest, Record) {
  if (!updating()) GTEST_SKIP() << "HOROLOG_UPDATE_GOLDEN=1 records the manifest";
  HOROLOG_SHARED_SAMPLE(root, "README.md");
  std::ostringstream manifest;
  manifest << "# horolog parse --format FORMAT --timezone Europe/Berlin --reference-time "
              "2026-12-01T00:00:00Z --host golden-host SAMPLE\n"
              "# format lines checksum exit-status sample (FNV-1a 64 of the output, read times "
              "blanked)\n";
  for (const std::string& sample : shared_samples()) {
    for (const std::string& format : {std::string("auto"), named_format(sample)}) {
      if (format.empty()) continue;
      const ProcessResult result = parse_sample(format, sample);
      ASSERT_GE(result.exit_code, 0) << sample << ": " << result.err;  // not killed
      manifest << format << " " << split_lines(result.out).size() << " " << checksum_of(result.out)
               << " " << result.exit_code << " " << sample << "\n";
    }
  }
  fs::create_directories(kManifest.parent_path());
  write_file(kManifest, manifest.str());
}

// `run --once` on config/horolog.yaml, in a copy of the repository's layout. Besides
// event.created, three things depend on the day and the machine: the host clock block (the
// kernel's estimate), a corrected time that follows it, and the year inferred for the
// year-less demo lines (which also names the output files). They are masked.
std::string run_bundled_config() {
  TempDir dir;
  fs::create_directories(dir / "tests/data");
  fs::create_directories(dir / "config");
  fs::copy(source_path("tests/data/demo"), dir / "tests/data/demo");
  fs::copy_file(source_path("config/horolog.yaml"), dir / "config/horolog.yaml");
  const ProcessResult result =
      run_process({horolog_binary().string(), "run", "--config", "config/horolog.yaml", "--once"},
                  {}, {}, dir.path().string());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::vector<fs::path> outputs;
  for (const auto& entry : fs::directory_iterator(dir / "out")) outputs.push_back(entry.path());
  std::sort(outputs.begin(), outputs.end());
  static const std::regex year_in_name("^samples-\\d{4}");
  static const std::regex clock("\"clock\":\\{[^{}]*\\},?");
  static const std::regex corrected("\"corrected\":\"[^\"]*\",?");
  static const std::regex year("\"@timestamp\":\"\\d{4}");
  std::string all;
  for (const fs::path& output : outputs) {
    all +=
        "== " + std::regex_replace(output.filename().string(), year_in_name, "samples-YYYY") + "\n";
    std::string text = without_read_times(read_file(output));
    text = std::regex_replace(text, clock, "");
    text = std::regex_replace(text, corrected, "");
    text = std::regex_replace(text, year, "\"@timestamp\":\"YYYY");
    for (std::size_t at; (at = text.find(dir.path().string())) != std::string::npos;) {
      text.replace(at, dir.path().string().size(), "<dir>");
    }
    all += text;
  }
  return all;
}

const fs::path kRunGolden = source_path("tests/data/golden/run_bundled_config.ndjson");

TEST(GoldenRun, BundledConfigWritesWhatWasRecorded) {
  EXPECT_EQ(run_bundled_config(), read_file(kRunGolden));
}

TEST(GoldenRun, Record) {
  if (!updating()) GTEST_SKIP() << "HOROLOG_UPDATE_GOLDEN=1 records the bundled config's output";
  fs::create_directories(kRunGolden.parent_path());
  write_file(kRunGolden, run_bundled_config());
}

}  // namespace
}  // namespace horolog::test
