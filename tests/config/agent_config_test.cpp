// The agent config: accepted and rejected configs (with the path, line and reason of each
// error), the bundled default config, and the full example decoded value by value.
#include "agent/config/agent_config.h"

#include <gtest/gtest.h>

#include "agent/inputs/file/file_input_options.h"
#include "agent/inputs/journald/journald_input_options.h"
#include "sinks/file_sink_options.h"
#include "sinks/kafka/kafka_sink_options.h"
#include "sinks/stdout_sink.h"
#include "tests/config/print_config_error.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;

// Lines 1-4 of most cases: one valid input; kSink adds one valid sink.
constexpr const char* kInput =
    "inputs:\n"
    "  - name: system\n"
    "    type: file\n"
    "    paths: [\"/var/log/syslog\"]\n";
constexpr const char* kSink =
    "sinks:\n"
    "  - name: archive\n"
    "    type: file\n";

std::string with_input_key(const std::string& line) { return kInput + line + kSink; }

struct AcceptedCase {
  const char* name;
  std::string yaml;
};

void PrintTo(const AcceptedCase& c, std::ostream* out) { *out << c.name; }

class AgentConfigAccepts : public testing::TestWithParam<AcceptedCase> {};

TEST_P(AgentConfigAccepts, WithoutErrors) {
  const ConfigCheck result = check_config_text(GetParam().yaml, "test.yaml");
  EXPECT_TRUE(result.ok()) << testing::PrintToString(result.problems);
}

INSTANTIATE_TEST_SUITE_P(
    AgentConfig, AgentConfigAccepts,
    testing::Values(
        AcceptedCase{"Minimal", std::string(kInput) + kSink},
        AcceptedCase{"StdoutSink", std::string(kInput) + "sinks: [{name: out, type: stdout}]\n"},
        AcceptedCase{"ZoneUtc", "timezone: UTC\n" + std::string(kInput) + kSink},
        AcceptedCase{"ZoneIana", with_input_key("    timezone: Asia/Kolkata\n")},
        AcceptedCase{"FieldSelection",
                     with_input_key("    include_fields: [\"@timestamp\", host, message]\n"
                                    "    exclude_fields: [host.clock]\n")},
        AcceptedCase{"RegexWithPattern",
                     with_input_key("    format: regex\n    pattern: '^(?P<message>.*)$'\n")},
        AcceptedCase{"ZeroRotateWait", with_input_key("    rotate_wait: 0s\n")},
        AcceptedCase{"EveryFormatOption",
                     with_input_key("    format: json\n    time_key: t\n    message_key: m\n"
                                    "    time_format: [\"%s\"]\n")},
        AcceptedCase{"ServersShortAndLongForm",
                     "clock:\n  servers: [\"127.0.0.1:10123\", \"[::1]:10123\", ::1,\n"
                     "            {address: localhost, key: 1}]\n  key_file: ./keys\n" +
                         std::string(kInput) + kSink},
        AcceptedCase{"NtsServers",
                     "clock:\n  servers: [{address: time.cloudflare.com, nts: true},\n"
                     "            {address: \"[::1]:4461\", nts: true}]\n"
                     "  nts_ca_file: ./ca.pem\n" +
                         std::string(kInput) + kSink},
        AcceptedCase{"ClockOff", "clock: {servers: []}\n" + std::string(kInput) + kSink},
        AcceptedCase{"ClockTrust",
                     "clock:\n  servers: [ntp1, ntp2, ntp3]\n  min_agreeing: 3\n"
                     "  max_distance: 1500ms\n" +
                         std::string(kInput) + kSink},
        AcceptedCase{"EmptyClockSection", "clock:\n" + std::string(kInput) + kSink}),
    [](const testing::TestParamInfo<AcceptedCase>& info) { return info.param.name; });

struct RejectedCase {
  const char* name;
  std::string yaml;
  const char* path;
  int line;
  const char* message;  // a part of the message
};

void PrintTo(const RejectedCase& c, std::ostream* out) { *out << c.name; }

class AgentConfigRejects : public testing::TestWithParam<RejectedCase> {};

TEST_P(AgentConfigRejects, WithPathLineAndReason) {
  const ConfigCheck result = check_config_text(GetParam().yaml, "test.yaml");
  ASSERT_FALSE(result.ok());
  const auto& errors = result.problems;
  const bool found = std::any_of(errors.begin(), errors.end(), [](const ConfigError& error) {
    return error.path == GetParam().path && error.line == GetParam().line &&
           error.message.find(GetParam().message) != std::string::npos;
  });
  EXPECT_TRUE(found) << "wanted " << GetParam().line << ": " << GetParam().path << ": "
                     << GetParam().message << "\ngot " << testing::PrintToString(errors);
}

INSTANTIATE_TEST_SUITE_P(
    AgentConfig, AgentConfigRejects,
    testing::Values(
        RejectedCase{
            "MisspelledKey",
            "inputs:\n  - name: system\n    type: file\n    pahts: [\"/var/log/syslog\"]\n" +
                std::string(kSink),
            "inputs[0].pahts", 4, "unknown key `pahts` (did you mean `paths`?)"},
        RejectedCase{
            "MisspelledKeyLeavesRequiredKeyMissing",
            "inputs:\n  - name: system\n    type: file\n    pahts: [\"/var/log/syslog\"]\n" +
                std::string(kSink),
            "inputs[0].paths", 2, "at least one path is required"},
        RejectedCase{"MisspelledTopLevelKey", "timezon: UTC\n" + std::string(kInput) + kSink,
                     "timezon", 1, "did you mean `timezone`?"},
        RejectedCase{"PathsNotAList",
                     "inputs:\n  - name: system\n    type: file\n    paths: /var/log/syslog\n" +
                         std::string(kSink),
                     "inputs[0].paths", 4, "expected a list of strings, got `/var/log/syslog`"},
        RejectedCase{"DurationWithoutUnit", with_input_key("    scan_interval: 5\n"),
                     "inputs[0].scan_interval", 5, "'5' needs a unit"},
        RejectedCase{"BadSize", with_input_key("    max_record_size: 64Mb\n"),
                     "inputs[0].max_record_size", 5, "unknown unit 'Mb'"},
        RejectedCase{"BadEnum", with_input_key("    read_from: start\n"), "inputs[0].read_from", 5,
                     "unknown value `start` (expected one of: `beginning`, `end`)"},
        RejectedCase{
            "UnknownSinkType", std::string(kInput) + "sinks:\n  - name: siem\n    type: elastic\n",
            "sinks[0].type", 7,
            "unknown sink type `elastic` (expected one of: `file`, `stdout`, `kafka`, `syslog`)"},
        RejectedCase{"DeadLetterFileWithHold",
                     std::string(kInput) +
                         "sinks:\n  - name: out\n    type: file\n"
                         "    on_permanent_error: hold\n    dead_letter: ./dead.ndjson\n",
                     "sinks[0].dead_letter", 9,
                     "`dead_letter` is only used with on_permanent_error: dead_letter"},
        RejectedCase{
            "NoOpenFiles",
            std::string(kInput) + "sinks:\n  - name: out\n    type: file\n    max_open_files: 0\n",
            "sinks[0].max_open_files", 8, "must be at least 1"},
        RejectedCase{"MisspelledSinkType",
                     std::string(kInput) + "sinks:\n  - name: out\n    type: stdot\n",
                     "sinks[0].type", 7, "did you mean `stdout`?"},
        RejectedCase{"UnknownInputType",
                     "inputs:\n  - name: a\n    type: files\n    paths: [x]\n" + std::string(kSink),
                     "inputs[0].type", 3, "unknown input type `files` (did you mean `file`?)"},
        RejectedCase{"UnknownFormat", with_input_key("    format: rfc3146\n"), "inputs[0].format",
                     5, "unknown format `rfc3146` (did you mean `rfc3164`?)"},
        RejectedCase{"UnknownInputZone", with_input_key("    timezone: Europe/Berln\n"),
                     "inputs[0].timezone", 5,
                     "unknown time zone `Europe/Berln` (did you mean `Europe/Berlin`?)"},
        RejectedCase{"EmptyFieldSegment", with_input_key("    include_fields: [host..name]\n"),
                     "inputs[0].include_fields", 5, "`host..name` has an empty segment"},
        RejectedCase{"ExcludedTimestamp",
                     with_input_key("    exclude_fields: [event.created, \"@timestamp\"]\n"),
                     "inputs[0].exclude_fields", 5, "`@timestamp` is always written"},
        RejectedCase{"UnknownZone", "timezone: Mars/Olympus_Mons\n" + std::string(kInput) + kSink,
                     "timezone", 1, "unknown time zone"},
        RejectedCase{
            "DuplicateInputName",
            std::string(kInput) + "  - name: system\n    type: file\n    paths: [x]\n" + kSink,
            "inputs[1].name", 5, "duplicate input name `system` (first on line 2)"},
        RejectedCase{"DuplicateSinkName",
                     std::string(kInput) + kSink + "  - name: archive\n    type: stdout\n",
                     "sinks[1].name", 8, "duplicate sink name `archive` (first on line 6)"},
        RejectedCase{"MissingInputName",
                     "inputs:\n  - type: file\n    paths: [x]\n" + std::string(kSink),
                     "inputs[0].name", 2, "every input needs a name"},
        RejectedCase{"MissingInputType",
                     "inputs:\n  - name: a\n    paths: [x]\n" + std::string(kSink),
                     "inputs[0].type", 2, "every input needs a type"},
        RejectedCase{"MissingSinkName", std::string(kInput) + "sinks:\n  - type: stdout\n",
                     "sinks[0].name", 6, "every sink needs a name"},
        RejectedCase{"MissingInputs", std::string(kSink), "inputs", 1,
                     "at least one input is required"},
        RejectedCase{"EmptyInputs", "inputs: []\n" + std::string(kSink), "inputs", 1,
                     "at least one input is required"},
        RejectedCase{"MissingSinks", std::string(kInput), "sinks", 1,
                     "at least one sink is required"},
        RejectedCase{"InputsNotAList", "inputs: {name: a}\n" + std::string(kSink), "inputs", 1,
                     "expected a list of inputs"},
        RejectedCase{"InputNotAMapping", "inputs:\n  - system\n" + std::string(kSink), "inputs[0]",
                     2, "expected a mapping of keys to values, got `system`"},
        RejectedCase{"OptionOfAnotherType",
                     std::string(kInput) + "sinks:\n  - name: out\n    type: stdout\n    path: x\n",
                     "sinks[0].path", 8, "unknown key `path` (expected one of: `name`, `type`)"},
        RejectedCase{"BoolAsWord", std::string(kInput) + kSink + "    fsync: yes\n",
                     "sinks[0].fsync", 8, "expected true or false, got `yes`"},
        RejectedCase{"MisspelledChoice", std::string(kInput) + kSink + "    compression: zip\n",
                     "sinks[0].compression", 8, "did you mean `gzip`?"},
        RejectedCase{"BadLogLevel", "log_level: verbose\n" + std::string(kInput) + kSink,
                     "log_level", 1, "unknown value `verbose` (expected one of: `trace`"},
        RejectedCase{"HostNameWithSpace", "host_name: my host\n" + std::string(kInput) + kSink,
                     "host_name", 1, "expected `auto` or a host name without spaces"},
        RejectedCase{"ClockNotAMapping", "clock: 5\n" + std::string(kInput) + kSink, "clock", 1,
                     "expected a mapping of keys to values, got `5`"},
        RejectedCase{"TooFewSamples", "clock:\n  samples: 0\n" + std::string(kInput) + kSink,
                     "clock.samples", 2, "must be between 1 and 16"},
        RejectedCase{"PollTooShort",
                     "clock:\n  poll_interval: 10ms\n" + std::string(kInput) + kSink,
                     "clock.poll_interval", 2, "must be at least 1s"},
        RejectedCase{
            "BadServerAddress",
            "clock:\n  servers:\n    - ntp1\n    - \"ntp2:\"\n" + std::string(kInput) + kSink,
            "clock.servers[1].address", 4, "expected HOST, HOST:PORT or [IPv6]:PORT"},
        RejectedCase{"NtsServerWithAKey",
                     "clock:\n  servers:\n    - {address: time.example, nts: true, key: 3}\n"
                     "  key_file: ./keys\n" +
                         std::string(kInput) + kSink,
                     "clock.servers[0].key", 3,
                     "a server with `nts: true` cannot also have a `key`"},
        RejectedCase{"ServerKeyWithoutKeyFile",
                     "clock:\n  servers: [{address: ntp1, key: 3}]\n" + std::string(kInput) + kSink,
                     "clock.key_file", 2, "servers with a `key` need a key_file"},
        RejectedCase{
            "MoreAgreeingThanServers",
            "clock:\n  servers: [ntp1, ntp2]\n  min_agreeing: 3\n" + std::string(kInput) + kSink,
            "clock.min_agreeing", 3, "must be between 1 and the number of servers (2)"},
        RejectedCase{"NegativeMinAgreeing",
                     "clock:\n  min_agreeing: -1\n" + std::string(kInput) + kSink,
                     "clock.min_agreeing", 2, "must be between 1 and the number of servers (4)"},
        RejectedCase{"ZeroMaxDistance",
                     "clock:\n  max_distance: 0s\n" + std::string(kInput) + kSink,
                     "clock.max_distance", 2, "must be more than 0s"},
        RejectedCase{"MisspelledServerKey",
                     "clock:\n  servers: [{adress: ntp1}]\n" + std::string(kInput) + kSink,
                     "clock.servers[0].adress", 2, "did you mean `address`?"},
        RejectedCase{"RegexWithoutPattern", with_input_key("    format: regex\n"),
                     "inputs[0].pattern", 2, "format `regex` needs a pattern"},
        RejectedCase{"PatternRe2CannotCompile",
                     with_input_key("    format: regex\n    pattern: '(?P<x>a)\\1'\n"),
                     "inputs[0].pattern", 6, "pattern '(?P<x>a)\\1': invalid escape sequence"},
        RejectedCase{"PatternThatCannotCompileUnderAnotherFormat",
                     with_input_key("    pattern: '(unclosed'\n"), "inputs[0].pattern", 5,
                     "pattern '(unclosed'"},
        RejectedCase{"UnusableTimeFormat",
                     with_input_key("    format: json\n    time_format: [\"%F %T\", \"%Q\"]\n"),
                     "inputs[0].time_format", 6, "time format '%Q'"},
        RejectedCase{"ScanIntervalZero", with_input_key("    scan_interval: 0s\n"),
                     "inputs[0].scan_interval", 5, "must be more than 0s"},
        RejectedCase{"NegativeRotateWait", with_input_key("    rotate_wait: -1s\n"),
                     "inputs[0].rotate_wait", 5, "a duration"},
        RejectedCase{"UnknownSinkPathField",
                     std::string(kInput) + kSink + "    path: ./out/{inptu}.ndjson\n",
                     "sinks[0].path", 8, "unknown field {inptu}"},
        RejectedCase{"UnknownSinkPathTimeField",
                     std::string(kInput) + kSink + "    path: ./out/%Y%Q.ndjson\n", "sinks[0].path",
                     8, "unsupported field %Q"},
        RejectedCase{"DuplicateKey",
                     "log_level: info\nlog_level: debug\n" + std::string(kInput) + kSink,
                     "log_level", 2, "key given twice (first on line 1)"},
        RejectedCase{"SyntaxError",
                     std::string(kInput) + "sinks:\n  - name: [archive\n    type: file\n", "", 7,
                     "YAML syntax error"},
        RejectedCase{"BadIndentation",
                     "inputs:\n  - name: system\n     type: file\n" + std::string(kSink), "", 3,
                     "YAML syntax error"}),
    [](const testing::TestParamInfo<RejectedCase>& info) { return info.param.name; });

TEST(AgentConfig, ReportsEveryErrorInOneFileSortedByLine) {
  const ConfigCheck result = check_config_text(
      "log_level: loud\n"     // 1
      "clock:\n"              // 2
      "  poll_interval: 5\n"  // 3
      "inputs:\n"             // 4
      "  - name: system\n"    // 5
      "    type: file\n"      // 6
      "    pahts: [x]\n"      // 7
      "    format: syslg\n"   // 8
      "sinks:\n"              // 9
      "  - name: out\n"       // 10
      "    type: elastic\n",  // 11
      "test.yaml");
  ASSERT_FALSE(result.ok());
  std::vector<std::pair<int, std::string>> got;
  for (const ConfigError& error : result.problems) got.emplace_back(error.line, error.path);
  EXPECT_EQ(got, (std::vector<std::pair<int, std::string>>{{1, "log_level"},
                                                           {3, "clock.poll_interval"},
                                                           {5, "inputs[0].paths"},
                                                           {7, "inputs[0].pahts"},
                                                           {8, "inputs[0].format"},
                                                           {11, "sinks[0].type"}}))
      << testing::PrintToString(result.problems);
}

TEST(AgentConfig, UsesDefaultsForOmittedSections) {
  const ConfigCheck result = check_config_text(std::string(kInput) + kSink, "minimal.yaml");
  ASSERT_TRUE(result.ok()) << testing::PrintToString(result.problems);
  const AgentConfig& config = result.config;
  EXPECT_EQ(config.source, "minimal.yaml");
  EXPECT_EQ(config.host_name, "auto");
  EXPECT_EQ(config.data_dir, "./var/horolog");
  EXPECT_EQ(config.timezone, "local");
  EXPECT_EQ(config.log_level, LogLevel::info);
  ASSERT_EQ(config.clock.servers.size(), 4u);  // the pool, used collectively
  EXPECT_EQ(config.clock.servers[0].address, "0.pool.ntp.org");
  EXPECT_EQ(config.clock.poll_interval, 64s);
  ASSERT_EQ(config.inputs.size(), 1u);
  EXPECT_EQ(config.inputs[0].format, "auto");
  const auto& file = std::any_cast<const FileInputOptions&>(config.inputs[0].settings);
  EXPECT_EQ(file.read_from, ReadFrom::beginning);
  EXPECT_EQ(file.max_record_size, config::ByteSize{1u << 20});
  ASSERT_EQ(config.sinks.size(), 1u);
  EXPECT_EQ(std::any_cast<const FileSinkOptions&>(config.sinks[0].settings).path,
            "./out/{input}-%Y%m%d.ndjson");
}

TEST(AgentConfig, SelectsTheSettingsOfEachSinkType) {
  const ConfigCheck result = check_config_text(
      std::string(kInput) + "sinks:\n  - {name: a, type: stdout}\n  - {name: b, type: file}\n",
      "test.yaml");
  ASSERT_TRUE(result.ok()) << testing::PrintToString(result.problems);
  EXPECT_TRUE((std::any_cast<StdoutSinkOptions>(&result.config.sinks[0].settings) != nullptr));
  EXPECT_TRUE((std::any_cast<FileSinkOptions>(&result.config.sinks[1].settings) != nullptr));
}

TEST(AgentConfig, UnknownTypeIsReportedWithoutNoiseAboutItsKeys) {
  const ConfigCheck result = check_config_text(
      std::string(kInput) +
          "sinks:\n  - name: siem\n    type: elastic\n    hosts: \"127.0.0.1:9200\"\n",
      "test.yaml");
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.problems.size(), 1u) << testing::PrintToString(result.problems);
  EXPECT_EQ(result.problems[0].path, "sinks[0].type");
}

TEST(AgentConfig, SyntaxErrorCarriesLineAndColumn) {
  const ConfigCheck result = check_config_text("inputs: [\n  {name: a\n", "broken.yaml");
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_GT(result.problems[0].line, 0);
  EXPECT_GT(result.problems[0].column, 0);
  EXPECT_EQ(result.problems[0].path, "");
}

TEST(AgentConfig, EmptyFileNeedsInputsAndSinks) {
  const ConfigCheck result = check_config_text("", "empty.yaml");
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.problems.size(), 2u) << testing::PrintToString(result.problems);
  EXPECT_EQ(result.problems[0].path, "inputs");
  EXPECT_EQ(result.problems[1].path, "sinks");
}

TEST(AgentConfig, MissingFileIsAnError) {
  test::TempDir dir;
  const ConfigCheck result = check_config_file(dir / "absent.yaml");
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.problems.size(), 1u);
  EXPECT_EQ(result.problems[0].line, 0);
  EXPECT_NE(result.problems[0].message.find("cannot read the file"), std::string::npos);
}

TEST(AgentConfig, BundledDefaultConfigLoads) {
  const ConfigCheck result = check_config_file(test::source_path("config/horolog.yaml"));
  ASSERT_TRUE(result.ok()) << testing::PrintToString(result.problems);
  const AgentConfig& config = result.config;
  EXPECT_EQ(config.data_dir, "./var/horolog");
  EXPECT_TRUE(config.clock.servers.empty());
  ASSERT_EQ(config.inputs.size(), 1u);
  const InputConfig& input = config.inputs[0];
  EXPECT_EQ(input.name, "samples");
  EXPECT_EQ(input.type, "file");
  EXPECT_EQ(input.format, "rfc3164");
  EXPECT_EQ(input.timezone, "UTC");
  const auto& file = std::any_cast<const FileInputOptions&>(input.settings);
  EXPECT_EQ(file.paths, std::vector<std::string>{"./tests/data/demo/*.log"});
  EXPECT_EQ(file.read_from, ReadFrom::beginning);
  ASSERT_EQ(config.sinks.size(), 1u);
  EXPECT_EQ(config.sinks[0].type, "file");
  EXPECT_EQ(std::any_cast<const FileSinkOptions&>(config.sinks[0].settings).path,
            "./out/{input}-%Y%m%d.ndjson");
}

TEST(AgentConfig, FullExampleDecodesEveryValue) {
  const ConfigCheck result = check_config_file(test::source_path("config/examples/full.yaml"));
  ASSERT_TRUE(result.ok()) << testing::PrintToString(result.problems);
  const AgentConfig& config = result.config;
  EXPECT_EQ(config.host_name, "web1");
  EXPECT_EQ(config.data_dir, "/var/lib/horolog");
  EXPECT_EQ(config.timezone, "Europe/Berlin");
  EXPECT_EQ(config.log_level, LogLevel::debug);

  ASSERT_EQ(config.clock.servers.size(), 4u);
  EXPECT_EQ(config.clock.servers[0].address, "ntp1.example.net");
  EXPECT_EQ(config.clock.servers[0].key, 0);
  EXPECT_EQ(config.clock.servers[1].address, "192.0.2.10:10123");
  EXPECT_EQ(config.clock.servers[2].address, "[2001:db8::1]:123");
  EXPECT_EQ(config.clock.servers[3].address, "ntp2.example.net");
  EXPECT_EQ(config.clock.servers[3].key, 7);
  EXPECT_EQ(config.clock.poll_interval, 2min);
  EXPECT_EQ(config.clock.samples, 8);
  EXPECT_EQ(config.clock.key_file, "/etc/chrony/chrony.keys");
  EXPECT_EQ(config.clock.max_distance, 1500ms);
  EXPECT_EQ(config.clock.min_agreeing, 3);

  ASSERT_EQ(config.inputs.size(), 4u);
  const InputConfig& system = config.inputs[0];
  EXPECT_EQ(system.name, "system");
  EXPECT_EQ(system.format, "auto");
  EXPECT_EQ(system.timezone, "America/New_York");
  EXPECT_EQ(system.host, "web1-syslog");
  const auto& system_file = std::any_cast<const FileInputOptions&>(system.settings);
  EXPECT_EQ(system_file.paths, (std::vector<std::string>{"/var/log/syslog*", "/var/log/ntp.log"}));
  EXPECT_EQ(system_file.exclude, (std::vector<std::string>{"*.gz", "*.xz"}));
  EXPECT_EQ(system_file.read_from, ReadFrom::end);
  EXPECT_EQ(system_file.max_record_size, config::ByteSize{256u << 10});
  EXPECT_EQ(system_file.scan_interval, 500ms);

  const InputConfig& app = config.inputs[1];
  EXPECT_EQ(app.format, "regex");
  EXPECT_EQ(app.parser.pattern, R"(^(?P<time>\S+ \S+) (?P<level>\w+) (?P<message>.*)$)");
  EXPECT_EQ(app.parser.time_key, "time");
  EXPECT_EQ(app.parser.time_format,
            (std::vector<std::string>{"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f"}));
  EXPECT_TRUE(app.timezone.empty());

  const InputConfig& events = config.inputs[2];
  EXPECT_EQ(events.format, "json");
  EXPECT_EQ(events.parser.time_key, "ts");
  EXPECT_EQ(events.parser.message_key, "msg");

  const auto& journal = std::any_cast<const JournaldInputOptions&>(config.inputs[3].settings);
  EXPECT_EQ(journal.directory, "/srv/evidence/journal");
  EXPECT_EQ(journal.journal_matches(),
            (std::vector<std::string>{"_SYSTEMD_UNIT=ssh.service", "SYSLOG_IDENTIFIER=sshd",
                                      "_SYSTEMD_UNIT=cron.service"}));
  EXPECT_TRUE(journal.current_boot_only);
  EXPECT_EQ(journal.read_from, ReadFrom::end);
  EXPECT_EQ(journal.poll_interval, 250ms);

  ASSERT_EQ(config.sinks.size(), 3u);
  EXPECT_EQ(config.sinks[0].name, "archive");
  const auto& archive = std::any_cast<const FileSinkOptions&>(config.sinks[0].settings);
  EXPECT_EQ(archive.path, "/var/log/horolog/{host}-{input}-%Y%m%d%H.ndjson.zst");
  EXPECT_EQ(archive.max_size, config::ByteSize{1ull << 30});
  EXPECT_EQ(archive.compression, Compression::zstd);
  EXPECT_EQ(archive.flush, FlushPolicy::interval);
  EXPECT_EQ(archive.flush_interval, 5s);
  EXPECT_TRUE(archive.fsync);
  EXPECT_EQ(archive.max_open_files, 256u);
  EXPECT_EQ(archive.on_permanent_error, OutputErrorPolicy::dead_letter);
  EXPECT_EQ(archive.dead_letter, "/var/lib/horolog/archive-dead-letter.ndjson");
  EXPECT_EQ(config.sinks[1].name, "console");
  EXPECT_TRUE((std::any_cast<StdoutSinkOptions>(&config.sinks[1].settings) != nullptr));
  EXPECT_EQ(config.sinks[2].name, "siem");
  const auto& siem = std::any_cast<const KafkaSinkOptions&>(config.sinks[2].settings);
  EXPECT_EQ(siem.brokers, "127.0.0.1:9092");
  EXPECT_EQ(siem.topic, "logs.{format}");
  EXPECT_EQ(siem.key, "host");
  EXPECT_EQ(siem.on_permanent_error, PermanentErrorPolicy::hold);
  EXPECT_EQ(siem.librdkafka.at("compression.type"), "zstd");
}

}  // namespace
}  // namespace horolog
