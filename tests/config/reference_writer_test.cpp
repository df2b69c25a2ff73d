// The config reference is generated from the same declarations the decoder uses: every key the
// decoder accepts is documented, with its default written as YAML would spell it.
#include "config/reference_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "agent/commands/config_reference_command.h"
#include "agent/config/agent_config.h"
#include "config/yaml_decoder.h"
#include "normalizer/clock/clock_options.h"
#include "sinks/file_sink_options.h"

namespace horolog::config {
namespace {

const ReferenceRow* find_row(const ReferenceWriter& writer, std::string_view key) {
  const auto& rows = writer.rows();
  auto it = std::find_if(rows.begin(), rows.end(),
                         [key](const ReferenceRow& row) { return row.key == key; });
  return it == rows.end() ? nullptr : &*it;
}

TEST(ReferenceWriter, ListsEveryKeyOfFileSinkOptions) {
  const ReferenceWriter writer = render_reference<FileSinkOptions>();
  std::set<std::string> documented;
  std::string yaml;
  for (const ReferenceRow& row : writer.rows()) {
    documented.insert(row.key);
    EXPECT_FALSE(row.description.empty()) << row.key;
    yaml += row.key + ": ~\n";
  }
  EXPECT_EQ(documented, (std::set<std::string>{"path", "max_size", "compression", "flush",
                                               "flush_interval", "fsync", "max_open_files",
                                               "on_permanent_error", "dead_letter"}));
  // The decoder knows exactly these keys: none of them is reported as unknown.
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load(yaml), "", errors);
  FileSinkOptions options;
  options.describe(decoder);
  decoder.finish();
  for (const ConfigError& error : errors) {
    EXPECT_EQ(error.message.find("unknown key"), std::string::npos) << error.message;
  }

  std::ostringstream markdown;
  writer.write_markdown(markdown);
  for (const std::string& key : documented) {
    EXPECT_NE(markdown.str().find("| `" + key + "` |"), std::string::npos) << key;
  }
}

TEST(ReferenceWriter, ShowsDefaultsAsTheyAreWrittenInYaml) {
  const ReferenceWriter writer = render_reference<FileSinkOptions>();
  EXPECT_EQ(find_row(writer, "path")->default_value, "`./out/{input}-%Y%m%d.ndjson`");
  EXPECT_EQ(find_row(writer, "max_size")->default_value, "`0B`");
  EXPECT_EQ(find_row(writer, "compression")->default_value, "`none`");
  EXPECT_EQ(find_row(writer, "compression")->type, "one of `none`, `gzip`, `zstd`");
  EXPECT_EQ(find_row(writer, "flush_interval")->default_value, "`1s`");
  EXPECT_EQ(find_row(writer, "flush_interval")->type, "duration");
  EXPECT_EQ(find_row(writer, "fsync")->default_value, "`false`");
}

TEST(ReferenceWriter, FlattensNestedStructsAndListsOfStructs) {
  const ReferenceWriter writer = render_reference<AgentConfig>();
  ASSERT_NE(find_row(writer, "clock"), nullptr);
  EXPECT_EQ(find_row(writer, "clock")->type, "mapping");
  ASSERT_NE(find_row(writer, "clock.servers"), nullptr);
  EXPECT_NE(find_row(writer, "clock.servers")->type.find("a string stands for `{address: string}`"),
            std::string::npos);
  EXPECT_NE(find_row(writer, "clock.servers[].address"), nullptr);
  EXPECT_NE(find_row(writer, "clock.servers[].key"), nullptr);
  EXPECT_EQ(find_row(writer, "clock.poll_interval")->default_value, "`64s`");
  EXPECT_EQ(find_row(writer, "log_level")->default_value, "`info`");
}

// One member of each plain type, with a default that is not the type's zero value.
struct EveryType {
  bool on = true;
  std::int64_t offset = -3;
  std::uint64_t count = 7;
  double ratio = 0.25;
  std::string name = "x";
  std::vector<std::string> names{"a", "b"};
  std::map<std::string, std::string> props{{"acks", "all"}, {"linger.ms", "5"}};

  template <class V>
  void describe(V& v) {
    v("on", on, "bool");
    v("offset", offset, "signed");
    v("count", count, "unsigned");
    v("ratio", ratio, "double");
    v("name", name, "string");
    v("names", names, "strings");
    v("props", props, "map");
  }
};

TEST(ReferenceWriter, ShowsTypeAndDefaultOfEveryPlainType) {
  const ReferenceWriter writer = render_reference<EveryType>();
  std::vector<std::pair<std::string, std::string>> got;
  for (const ReferenceRow& row : writer.rows()) got.emplace_back(row.type, row.default_value);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"bool", "`true`"},
                     {"integer", "`-3`"},
                     {"integer ≥ 0", "`7`"},
                     {"number", "`0.25`"},
                     {"string", "`x`"},
                     {"list of strings", "`[\"a\", \"b\"]`"},
                     {"mapping of strings", "`{acks: all, linger.ms: 5}`"}}));
}

TEST(ReferenceWriter, EscapesPipesInsideCells) {
  ReferenceWriter writer;
  writer.add("key", "a | b", "", "either | or");
  std::ostringstream markdown;
  writer.write_markdown(markdown);
  EXPECT_NE(markdown.str().find("| `key` | a \\| b |  | either \\| or |"), std::string::npos)
      << markdown.str();
}

TEST(ConfigReference, DocumentsEverySectionAndRegisteredType) {
  std::ostringstream markdown;
  write_config_reference(markdown);
  const std::string text = markdown.str();
  for (const char* expected :
       {"| `host_name` |", "| `clock.poll_interval` |", "| `inputs` |", "| `sinks` |",
        "| `inputs[].name` |", "| `inputs[].format` |", "### Inputs: `type: file`",
        "| `inputs[].paths` |", "| `inputs[].read_from` |", "| `inputs[].pattern` |",
        "| `sinks[].name` |", "### Sinks: `type: file`", "| `sinks[].max_size` |",
        "### Sinks: `type: stdout`"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

}  // namespace
}  // namespace horolog::config
