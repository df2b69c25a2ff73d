// YamlDecoder: every member type of the declaration contract, and errors that carry the YAML
// path, the 1-based line and column, and a message naming what was expected.
#include "config/yaml_decoder.h"

#include <gtest/gtest.h>

#include "tests/config/print_config_error.h"

namespace horolog::config {

namespace {

using namespace std::chrono_literals;

enum class Color { red, green };

struct Inner {
  std::int64_t depth = 1;
  template <class V>
  void describe(V& v) {
    v("depth", depth, "nesting depth");
  }
};

struct Server {
  static constexpr std::string_view kScalarKey = "address";
  std::string address;
  std::int64_t key = 0;
  template <class V>
  void describe(V& v) {
    v("address", address, "where");
    v.check("address", !address.empty(), "an address is required");
    v("key", key, "key id");
  }
};

struct AllTypes {
  bool flag = false;
  std::int64_t count = -1;
  std::uint64_t total = 0;
  double ratio = 0.5;
  std::string text = "default";
  std::vector<std::string> list;
  Duration wait = 1s;
  ByteSize size{1024};
  std::map<std::string, std::string> props;
  Inner inner;
  std::vector<Server> servers;
  Color color = Color::red;

  template <class V>
  void describe(V& v) {
    v("flag", flag, "a bool");
    v("count", count, "a signed integer");
    v("total", total, "an unsigned integer");
    v("ratio", ratio, "a double");
    v("text", text, "a string");
    v("list", list, "a list of strings");
    v("wait", wait, "a duration");
    v("size", size, "a size");
    v("props", props, "a map");
    v("inner", inner, "a nested struct");
    v("servers", servers, "a list of structs");
    v("color", color, Choices<Color>{{{"red", Color::red}, {"green", Color::green}}}, "an enum");
    v.check("total", total <= 1000, "must be at most 1000");
  }
};

// A required key, checked after its declaration.
struct Needs {
  std::string name;
  template <class V>
  void describe(V& v) {
    v("name", name, "required");
    v.check("name", !name.empty(), "a name is required");
  }
};

// Keys shared by several kinds of component, decoded on the same node as Inner's.
struct Common {
  std::string name;
  template <class V>
  void describe(V& v) {
    v("name", name, "common key");
  }
};

std::vector<ConfigError> decode(const std::string& yaml, AllTypes& options) {
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load(yaml), "", errors);
  options.describe(decoder);
  decoder.finish();
  return errors;
}

TEST(YamlDecoder, DecodesEveryMemberType) {
  AllTypes options;
  const auto errors = decode(R"(flag: true
count: -42
total: 7
ratio: 0.25
text: hello
list: [a, "b c"]
wait: 250ms
size: 64MiB
props: {compression.type: zstd, acks: all}
inner: {depth: 3}
servers: [ntp1, {address: ntp2, key: 5}]
color: green
)",
                             options);
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_TRUE(options.flag);
  EXPECT_EQ(options.count, -42);
  EXPECT_EQ(options.total, 7u);
  EXPECT_DOUBLE_EQ(options.ratio, 0.25);
  EXPECT_EQ(options.text, "hello");
  EXPECT_EQ(options.list, (std::vector<std::string>{"a", "b c"}));
  EXPECT_EQ(options.wait, 250ms);
  EXPECT_EQ(options.size, ByteSize{64ull << 20});
  EXPECT_EQ(options.props,
            (std::map<std::string, std::string>{{"compression.type", "zstd"}, {"acks", "all"}}));
  EXPECT_EQ(options.inner.depth, 3);
  ASSERT_EQ(options.servers.size(), 2u);
  EXPECT_EQ(options.servers[0].address, "ntp1");
  EXPECT_EQ(options.servers[0].key, 0);
  EXPECT_EQ(options.servers[1].address, "ntp2");
  EXPECT_EQ(options.servers[1].key, 5);
  EXPECT_EQ(options.color, Color::green);
}

TEST(YamlDecoder, KeepsDefaultsForAbsentKeys) {
  AllTypes options;
  EXPECT_TRUE(decode("flag: true\n", options).empty());
  EXPECT_EQ(options.count, -1);
  EXPECT_EQ(options.text, "default");
  EXPECT_EQ(options.wait, 1s);
  EXPECT_EQ(options.size, ByteSize{1024});
  EXPECT_EQ(options.color, Color::red);
}

TEST(YamlDecoder, TreatsAnEmptyDocumentAsAllDefaults) {
  AllTypes options;
  EXPECT_TRUE(decode("", options).empty());
  EXPECT_EQ(options.inner.depth, 1);
}

struct RejectedCase {
  const char* name;
  const char* yaml;
  const char* path;
  int line;
  int column;
  const char* message;  // a part of the message
};

void PrintTo(const RejectedCase& c, std::ostream* out) { *out << c.name; }

class YamlDecoderRejects : public testing::TestWithParam<RejectedCase> {};

TEST_P(YamlDecoderRejects, WithPathLineAndReason) {
  AllTypes options;
  const auto errors = decode(GetParam().yaml, options);
  ASSERT_EQ(errors.size(), 1u) << testing::PrintToString(errors);
  EXPECT_EQ(errors[0].path, GetParam().path);
  EXPECT_EQ(errors[0].line, GetParam().line);
  EXPECT_EQ(errors[0].column, GetParam().column);
  EXPECT_NE(errors[0].message.find(GetParam().message), std::string::npos) << errors[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    YamlDecoder, YamlDecoderRejects,
    testing::Values(
        RejectedCase{"BoolWords", "text: x\nflag: yes\n", "flag", 2, 1,
                     "expected true or false, got `yes`"},
        RejectedCase{"Fraction", "count: 1.5\n", "count", 1, 1, "expected a whole number"},
        RejectedCase{"Negative", "total: -1\n", "total", 1, 1, "expected a whole number of 0"},
        RejectedCase{"NotANumber", "ratio: half\n", "ratio", 1, 1, "expected a number"},
        RejectedCase{"ListForString", "text: [a]\n", "text", 1, 1, "expected a string, got a list"},
        RejectedCase{"StringForList", "list: a\n", "list", 1, 1,
                     "expected a list of strings, got `a`"},
        RejectedCase{"MappingInList", "list:\n  - a\n  - {b: c}\n", "list[1]", 3, 5,
                     "expected a string, got a mapping"},
        RejectedCase{"EmptyValue", "text:\n", "text", 1, 1, "expected a string, got nothing"},
        RejectedCase{"DurationWithoutUnit", "wait: 5\n", "wait", 1, 1,
                     "expected a duration such as 5s or 250ms: '5' needs a unit"},
        RejectedCase{"DurationUnknownUnit", "wait: 5x\n", "wait", 1, 1, "unknown unit 'x'"},
        RejectedCase{"DurationAsList", "wait: [5s]\n", "wait", 1, 1,
                     "expected a duration such as 5s or 250ms, got a list"},
        RejectedCase{"SizeUnknownUnit", "size: 64Mb\n", "size", 1, 1,
                     "expected a size such as 64MiB or 512KiB: '64Mb' has an unknown unit"},
        RejectedCase{"ListForMap", "props: [a]\n", "props", 1, 1, "expected a mapping"},
        RejectedCase{"NestedValueInMap", "props: {a: [1]}\n", "props", 1, 9,
                     "expected plain `name: value` pairs"},
        RejectedCase{"ScalarForStruct", "inner: 5\n", "inner", 1, 8,
                     "expected a mapping of keys to values, got `5`"},
        RejectedCase{"NestedTypo", "inner:\n  depht: 2\n", "inner.depht", 2, 3,
                     "unknown key `depht` (did you mean `depth`?)"},
        RejectedCase{"ListElementTypo", "servers:\n  - {address: a, kye: 1}\n", "servers[0].kye", 2,
                     18, "did you mean `key`?"},
        RejectedCase{"ListElementCheck", "servers:\n  - {key: 1}\n", "servers[0].address", 2, 5,
                     "an address is required"},
        RejectedCase{"ScalarForList", "servers: ntp1\n", "servers", 1, 1, "expected a list"},
        RejectedCase{"EnumTypo", "color: gren\n", "color", 1, 1,
                     "unknown value `gren` (did you mean `green`?)"},
        RejectedCase{"EnumUnknown", "color: blue\n", "color", 1, 1,
                     "(expected one of: `red`, `green`)"},
        RejectedCase{"TopLevelTypo", "flag: true\ncolour: red\n", "colour", 2, 1,
                     "unknown key `colour` (did you mean `color`?)"},
        RejectedCase{"UnrelatedKey", "zzz: 1\n", "zzz", 1, 1, "(expected one of: `flag`"},
        RejectedCase{"DuplicateKey", "count: 1\ntext: a\ncount: 2\n", "count", 3, 1,
                     "key given twice (first on line 1)"},
        RejectedCase{"FailedCheck", "total: 1001\n", "total", 1, 1, "must be at most 1000"},
        RejectedCase{"DocumentNotMapping", "- a\n- b\n", "", 1, 1, "expected a mapping"}),
    [](const testing::TestParamInfo<RejectedCase>& info) { return info.param.name; });

TEST(YamlDecoder, ReportsEveryErrorNotOnlyTheFirst) {
  AllTypes options;
  const auto errors = decode("flag: maybe\ncount: x\nwait: 5\ncolur: red\n", options);
  ASSERT_EQ(errors.size(), 4u) << testing::PrintToString(errors);
  EXPECT_EQ(errors[0].path, "flag");
  EXPECT_EQ(errors[1].path, "count");
  EXPECT_EQ(errors[2].path, "wait");
  EXPECT_EQ(errors[3].path, "colur");
}

TEST(YamlDecoder, SkipsCheckWhenTheValueWasAlreadyRejected) {
  AllTypes options;
  const auto errors = decode("servers: [{address: [x]}]\n", options);
  ASSERT_EQ(errors.size(), 1u) << testing::PrintToString(errors);
  EXPECT_EQ(errors[0].message, "expected a string, got a list");
}

TEST(YamlDecoder, ReportsCheckOfAnAbsentKeyAtItsMapping) {
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load("items:\n  - other: 1\n")["items"][0], "items[0]", errors);
  Needs needs;
  needs.describe(decoder);
  decoder.take("other");
  decoder.finish();
  ASSERT_EQ(errors.size(), 1u) << testing::PrintToString(errors);
  EXPECT_EQ(errors[0].path, "items[0].name");
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].column, 5);
}

TEST(YamlDecoder, AcceptsKeysOfSeveralStructsOnOneNode) {
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load("name: a\ndepth: 4\n"), "", errors);
  Common common;
  Inner inner;
  common.describe(decoder);
  inner.describe(decoder);
  decoder.finish();
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_EQ(common.name, "a");
  EXPECT_EQ(inner.depth, 4);
}

TEST(YamlDecoder, SuggestsKeysFromEveryStructOnTheNode) {
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load("name: a\ndetph: 4\n"), "", errors);
  Common common;
  Inner inner;
  common.describe(decoder);
  inner.describe(decoder);
  decoder.finish();
  ASSERT_EQ(errors.size(), 1u) << testing::PrintToString(errors);
  EXPECT_EQ(errors[0].message, "unknown key `detph` (did you mean `depth`?)");
}

TEST(YamlDecoder, KeysTakenByHandAreNotUnknown) {
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load("inputs: [1, 2]\n"), "", errors);
  const YAML::Node inputs = decoder.take("inputs");
  decoder.finish();
  EXPECT_TRUE(errors.empty()) << testing::PrintToString(errors);
  EXPECT_EQ(inputs.size(), 2u);
  EXPECT_FALSE(decoder.take("absent").IsDefined());
}

// A struct whose option names files, nested in another, as a sink's options sit in a list.
struct Reader {
  std::vector<std::string> paths;
  template <class V>
  void describe(V& v) {
    v("paths", paths, "files read");
    v.files("paths", FileUse::reading(paths, {}));
  }
};

struct Readers {
  std::vector<Reader> readers;
  template <class V>
  void describe(V& v) {
    v("readers", readers, "every reader");
  }
};

TEST(YamlDecoder, RecordsFileUsesOfNestedMappingsAtTheirKeyButNotOfRejectedValues) {
  std::vector<ConfigError> errors;
  YamlDecoder decoder(YAML::Load("readers:\n"
                                 "  - paths: [a.log]\n"
                                 "  - paths: b.log\n"
                                 "  - {}\n"),
                      "", errors);
  Readers options;
  options.describe(decoder);
  decoder.finish();
  ASSERT_EQ(errors.size(), 1u) << testing::PrintToString(errors);  // b.log is not a list
  const std::vector<FileClaim>& claims = decoder.file_claims();
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].path, "readers[0].paths");
  EXPECT_EQ(claims[0].line, 2);
  EXPECT_EQ(claims[0].column, 5);
  EXPECT_EQ(claims[0].use.globs, std::vector<std::string>{"a.log"});
  EXPECT_EQ(claims[1].path, "readers[2].paths");  // absent: at its mapping, the default's files
  EXPECT_EQ(claims[1].line, 4);
  EXPECT_TRUE(claims[1].use.globs.empty());
}

}  // namespace
}  // namespace horolog::config
