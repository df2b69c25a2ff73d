// The config refuses an agent that would read what it writes (its sinks' files, rotated and
// compressed names included, a Kafka dead-letter file, its data_dir) and two sinks that can
// write one file, naming both keys and lines; configs where no such path exists pass.
#include <gtest/gtest.h>

#include <filesystem>

#include "agent/config/agent_config.h"
#include "tests/config/print_config_error.h"

namespace horolog {
namespace {

// Line 1: data_dir; lines 2-5: one file input reading `paths` (line 5), then `input_keys`
// (one line each); then the sinks, as given.
std::string config_with(std::string_view paths, std::string_view input_keys,
                        std::string_view sinks) {
  return "data_dir: ./var/horolog\n"
         "inputs:\n"
         "  - name: app\n"
         "    type: file\n"
         "    paths: " +
         std::string(paths) + "\n" + std::string(input_keys) + "sinks:\n" + std::string(sinks);
}

std::string file_sink(std::string_view name, std::string_view path, std::string_view keys = "") {
  return "  - name: " + std::string(name) + "\n    type: file\n    path: " + std::string(path) +
         "\n" + std::string(keys);
}

std::string dead_letter_sink(std::string_view name, std::string_view file) {
  return "  - name: " + std::string(name) +
         "\n    type: kafka\n    brokers: 127.0.0.1:9092\n"
         "    on_permanent_error: dead_letter\n    dead_letter: " +
         std::string(file) + "\n";
}

struct RefusedCase {
  const char* name;
  std::string yaml;
  const char* path;
  int line;
  std::vector<std::string> parts;  // each a part of the message
};

void PrintTo(const RefusedCase& c, std::ostream* out) { *out << c.name; }

class FileUseRefuses : public testing::TestWithParam<RefusedCase> {};

TEST_P(FileUseRefuses, NamingBothKeysAndLines) {
  const ConfigCheck result = check_config_text(GetParam().yaml, "test.yaml");
  const auto& errors = result.problems;
  const bool found = std::any_of(errors.begin(), errors.end(), [](const ConfigError& error) {
    if (error.path != GetParam().path || error.line != GetParam().line) return false;
    for (const std::string& part : GetParam().parts) {
      if (error.message.find(part) == std::string::npos) return false;
    }
    return true;
  });
  EXPECT_TRUE(found) << "wanted " << GetParam().line << ": " << GetParam().path << ": "
                     << testing::PrintToString(GetParam().parts) << "\ngot "
                     << testing::PrintToString(errors);
}

const std::string kCwd = std::filesystem::current_path().string();

INSTANTIATE_TEST_SUITE_P(
    FileUse, FileUseRefuses,
    testing::Values(
        RefusedCase{"InputReadsEverythingTheDefaultSinkWrites",
                    config_with("[\"./out/*\"]", "", "  - {name: archive, type: file}\n"),
                    "inputs[0].paths",
                    5,
                    {"`./out/*`", "sinks[0].path (line 7)", "its own output"}},
        RefusedCase{"InputGlobMatchesTemplateFields",
                    config_with("[\"./out/*.ndjson\"]", "",
                                file_sink("archive", "./out/{input}-%Y%m%d.ndjson")),
                    "inputs[0].paths",
                    5,
                    {"sinks[0].path (line 9)"}},
        RefusedCase{"AbsoluteGlobAndRelativeSinkPathOfOneDirectory",
                    config_with("[\"" + kCwd + "/out/*.ndjson\"]", "",
                                file_sink("archive", "out/app.ndjson")),
                    "inputs[0].paths",
                    5,
                    {"sinks[0].path (line 9)"}},
        RefusedCase{"DotDotLeadsIntoTheOutputDirectory",
                    config_with("[\"./logs/../out/*.ndjson\"]", "",
                                file_sink("archive", "./out/app.ndjson")),
                    "inputs[0].paths",
                    5,
                    {"sinks[0].path (line 9)"}},
        RefusedCase{"SecondOfSeveralGlobs",
                    config_with("[\"/var/log/syslog\", \"./out/app.ndjson.*\"]", "",
                                file_sink("archive", "./out/app.ndjson", "    max_size: 1MiB\n")),
                    "inputs[0].paths",
                    5,
                    {"`./out/app.ndjson.*`", "sinks[0].path (line 9)"}},
        RefusedCase{
            "CompressedNameTheSinkWrites",
            config_with("[\"./out/*.gz\"]", "",
                        file_sink("archive", "./out/app.ndjson", "    compression: gzip\n")),
            "inputs[0].paths",
            5,
            {"sinks[0].path (line 9)"}},
        RefusedCase{"BracketThatTheTemplateCanMeet",
                    config_with("[\"./out/[!x]*.ndjson\"]", "",
                                file_sink("archive", "./out/{input}.ndjson")),
                    "inputs[0].paths",
                    5,
                    {"sinks[0].path (line 9)"}},
        RefusedCase{"ExcludeThatLeavesSomeOutput",
                    config_with("[\"./out/*\"]", "    exclude: [\"*.gz\"]\n",
                                file_sink("archive", "./out/{input}.ndjson")),
                    "inputs[0].paths",
                    5,
                    {"sinks[0].path (line 10)"}},
        RefusedCase{"KafkaDeadLetterFile",
                    config_with("[\"/var/spool/horolog/*.ndjson\"]", "",
                                dead_letter_sink("siem", "/var/spool/horolog/dead.ndjson")),
                    "inputs[0].paths",
                    5,
                    {"sinks[0].dead_letter (line 11)"}},
        RefusedCase{"CheckpointsInDataDir",
                    config_with("[\"./var/*/*.json\"]", "", file_sink("archive", "./out/a")),
                    "inputs[0].paths",
                    5,
                    {"data_dir (line 1)", "checkpoints"}},
        RefusedCase{
            "DataDirGivenAbsolute",
            config_with("[\"" + kCwd + "/var/horolog/*\"]", "", file_sink("archive", "./out/a")),
            "inputs[0].paths",
            5,
            {"data_dir (line 1)"}},
        RefusedCase{"TwoFileSinksWithOneTemplate",
                    config_with("[\"/var/log/syslog\"]", "",
                                file_sink("a", "./out/{input}.ndjson") +
                                    file_sink("b", "./out/{input}.ndjson")),
                    "sinks[1].path",
                    12,
                    {"sinks[0].path (line 9)"}},
        RefusedCase{
            "TwoFileSinksWhoseTemplatesCanRenderOnePath",
            config_with("[\"/var/log/syslog\"]", "",
                        file_sink("a", "./out/{input}.ndjson") + file_sink("b", "out/app.ndjson")),
            "sinks[1].path",
            12,
            {"sinks[0].path (line 9)"}},
        RefusedCase{"RotatedNameOfOneSinkIsTheOtherSinksFile",
                    config_with("[\"/var/log/syslog\"]", "",
                                file_sink("a", "./out/x", "    max_size: 1MiB\n") +
                                    file_sink("b", "./out/x.%d")),
                    "sinks[1].path",
                    13,
                    {"sinks[0].path (line 9)"}},
        RefusedCase{"FileSinkWritesTheDeadLetterFile",
                    config_with("[\"/var/log/syslog\"]", "",
                                dead_letter_sink("siem", "./out/dead.ndjson") +
                                    file_sink("archive", "./out/{input}.ndjson")),
                    "sinks[1].path",
                    14,
                    {"sinks[0].dead_letter (line 11)"}}),
    [](const testing::TestParamInfo<RefusedCase>& info) { return info.param.name; });

struct AcceptedCase {
  const char* name;
  std::string yaml;
};

void PrintTo(const AcceptedCase& c, std::ostream* out) { *out << c.name; }

class FileUseAccepts : public testing::TestWithParam<AcceptedCase> {};

TEST_P(FileUseAccepts, WithoutErrors) {
  const ConfigCheck result = check_config_text(GetParam().yaml, "test.yaml");
  EXPECT_TRUE(result.ok()) << testing::PrintToString(result.problems);
}

INSTANTIATE_TEST_SUITE_P(
    FileUse, FileUseAccepts,
    testing::Values(
        AcceptedCase{"OutputExcludedByName",
                     config_with("[\"./out/*\"]", "    exclude: [\"*.ndjson\"]\n",
                                 file_sink("archive", "./out/{input}.ndjson"))},
        AcceptedCase{"OutputExcludedByFullPath",
                     config_with("[\"./out/*\"]", "    exclude: [\"*/out/app-*\"]\n",
                                 file_sink("archive", "./out/app-{input}"))},
        AcceptedCase{"OtherDirectory", config_with("[\"./tests/data/demo/*.log\"]", "",
                                                   file_sink("archive", "./out/{input}.ndjson"))},
        AcceptedCase{"GlobStarStaysInItsDirectory",
                     config_with("[\"./logs/*\"]", "", file_sink("archive", "./logs/out/x"))},
        AcceptedCase{"GlobStarSkipsDotFiles",
                     config_with("[\"./out/*\"]", "", file_sink("archive", "./out/.{input}"))},
        AcceptedCase{"OtherExtension", config_with("[\"./out/*.log\"]", "",
                                                   file_sink("archive", "./out/{input}.ndjson"))},
        AcceptedCase{
            "CompressedSinkWritesOnlyTheCompressedName",
            config_with("[\"./out/*.ndjson\"]", "",
                        file_sink("archive", "./out/{input}.ndjson", "    compression: zstd\n"))},
        AcceptedCase{
            "NoRotatedNamesWithoutMaxSize",
            config_with("[\"./out/app.ndjson.*\"]", "", file_sink("archive", "./out/app.ndjson"))},
        AcceptedCase{
            "BracketThatTheSinkPathCannotMeet",
            config_with("[\"./out/[!x]*.ndjson\"]", "", file_sink("archive", "./out/x.ndjson"))},
        AcceptedCase{
            "EscapedStarIsALiteralStar",
            config_with("[\"./out/\\\\*.ndjson\"]", "", file_sink("archive", "./out/app.ndjson"))},
        AcceptedCase{"TwoSinksInTwoDirectories",
                     config_with("[\"/var/log/syslog\"]", "",
                                 file_sink("a", "./out/a/{input}.ndjson") +
                                     file_sink("b", "./out/b/{input}.ndjson"))},
        AcceptedCase{"TwoKafkaSinksAppendToOneDeadLetterFile",
                     config_with("[\"/var/log/syslog\"]", "",
                                 dead_letter_sink("a", "./dead.ndjson") +
                                     dead_letter_sink("b", "./dead.ndjson"))},
        AcceptedCase{"InputNextToDataDir",
                     config_with("[\"./var/*.log\"]", "", file_sink("archive", "./out/a"))}),
    [](const testing::TestParamInfo<AcceptedCase>& info) { return info.param.name; });

}  // namespace
}  // namespace horolog
