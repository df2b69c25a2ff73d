// append_json_string: every control character, quotes and backslashes, well-formed UTF-8 kept
// byte for byte, and each class of ill-formed UTF-8 replaced per maximal subpart.
#include "sinks/json_string.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>

#include "tests/sinks_encoder/json_line_check.h"

namespace horolog {
namespace {

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// Parses `"..."` back (wrapped in an object, so the checker applies) and returns the string.
std::string parse_back(const std::string& quoted) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const std::string object = "{\"v\":" + quoted + "}";
  EXPECT_TRUE(test::parse_json_object(parser, object, root));
  return test::string_at(root, "/v");
}

class JsonStringControl : public ::testing::TestWithParam<int> {};

TEST_P(JsonStringControl, EscapesEveryControlCharacterAndParsesBack) {
  const char c = static_cast<char>(GetParam());
  const std::string text = std::string("a") + c + "b";
  const std::string quoted = json_string(text);
  std::string expected_escape;
  switch (c) {
    case '\b': expected_escape = "\\b"; break;
    case '\f': expected_escape = "\\f"; break;
    case '\n': expected_escape = "\\n"; break;
    case '\r': expected_escape = "\\r"; break;
    case '\t': expected_escape = "\\t"; break;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      expected_escape = std::string("\\u00") + kHex[GetParam() >> 4] + kHex[GetParam() & 0xF];
    }
  }
  EXPECT_EQ(quoted, "\"a" + expected_escape + "b\"");
  EXPECT_EQ(parse_back(quoted), text);
}

INSTANTIATE_TEST_SUITE_P(AllC0, JsonStringControl, ::testing::Range(0, 0x20));

struct Accepted {
  std::string_view name;
  std::string_view text;
  std::string_view json;  // expected output, quotes included
};

class JsonStringAccepted : public ::testing::TestWithParam<Accepted> {};

TEST_P(JsonStringAccepted, WritesExpectedTextAndParsesBackUnchanged) {
  const Accepted& c = GetParam();
  EXPECT_EQ(json_string(c.text), c.json);
  EXPECT_EQ(parse_back(json_string(c.text)), c.text);
  EXPECT_TRUE(is_valid_utf8(c.text));
}

INSTANTIATE_TEST_SUITE_P(
    Table, JsonStringAccepted,
    ::testing::Values(
        Accepted{"empty", "", R"("")"},
        Accepted{"plain", "Accepted publickey for alice", R"("Accepted publickey for alice")"},
        Accepted{"quote", R"(say "hi")", R"("say \"hi\"")"},
        Accepted{"backslash", R"(C:\Windows\x)", R"("C:\\Windows\\x")"},
        Accepted{"slash_not_escaped", "/var/log", R"("/var/log")"},
        Accepted{"del_raw", "a\x7fz", "\"a\x7fz\""},
        Accepted{"two_byte", "Stra\xc3\x9fx", "\"Stra\xc3\x9fx\""},
        Accepted{"three_byte", "\xe6\x99\x82\xe5\x88\xbb", "\"\xe6\x99\x82\xe5\x88\xbb\""},
        Accepted{"bom", "\xef\xbb\xbfx", "\"\xef\xbb\xbfx\""},
        Accepted{"emoji_4_byte", "emoji \xf0\x9f\x95\x92!", "\"emoji \xf0\x9f\x95\x92!\""},
        Accepted{"highest_code_point", "\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""},
        Accepted{"last_before_surrogates", "\xed\x9f\xbf", "\"\xed\x9f\xbf\""},
        Accepted{"first_after_surrogates", "\xee\x80\x80", "\"\xee\x80\x80\""},
        Accepted{"specials_across_word_boundary", "0123456\"89abcde\\\n",
                 R"("0123456\"89abcde\\\n")"}),
    [](const auto& info) { return std::string(info.param.name); });

struct Rejected {
  std::string_view name;
  std::string_view text;
  std::string_view repaired;  // U+FFFD written as \xef\xbf\xbd
};

class JsonStringRejected : public ::testing::TestWithParam<Rejected> {};

TEST_P(JsonStringRejected, ReplacesEachMaximalSubpartWithOneReplacementCharacter) {
  const Rejected& c = GetParam();
  EXPECT_FALSE(is_valid_utf8(c.text));
  std::string repaired;
  append_utf8_repaired(repaired, c.text);
  EXPECT_EQ(repaired, c.repaired);
  EXPECT_EQ(json_string(c.text), "\"" + std::string(c.repaired) + "\"");
  EXPECT_EQ(parse_back(json_string(c.text)), c.repaired);
}

#define FFFD "\xef\xbf\xbd"
INSTANTIATE_TEST_SUITE_P(
    Table, JsonStringRejected,
    ::testing::Values(Rejected{"lone_continuation", "a\x80z", "a" FFFD "z"},
                      Rejected{"two_continuations", "\x80\xbf", FFFD FFFD},
                      Rejected{"overlong_two_byte_lead_c0", "\xc0\xaf", FFFD FFFD},
                      Rejected{"overlong_two_byte_lead_c1", "\xc1\xbf", FFFD FFFD},
                      Rejected{"overlong_three_byte", "\xe0\x80\xaf", FFFD FFFD FFFD},
                      Rejected{"overlong_four_byte", "\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD},
                      Rejected{"surrogate_high", "\xed\xa0\x80", FFFD FFFD FFFD},
                      Rejected{"surrogate_low", "\xed\xbf\xbf", FFFD FFFD FFFD},
                      Rejected{"above_max_code_point", "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD},
                      Rejected{"lead_f5", "\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD},
                      Rejected{"byte_fe", "x\xfe", "x" FFFD},
                      Rejected{"byte_ff", "\xffy", FFFD "y"},
                      Rejected{"truncated_two_byte_at_end", "ab\xc3", "ab" FFFD},
                      Rejected{"truncated_three_byte_at_end", "\xe2\x82", FFFD},
                      Rejected{"truncated_four_byte_at_end", "\xf0\x9f\x95", FFFD},
                      Rejected{"truncated_then_ascii",
                               "\xf0\x9f\x95"
                               "x",
                               FFFD "x"},
                      Rejected{"truncated_then_valid", "\xe2\x82\xc3\xa9", FFFD "\xc3\xa9"},
                      Rejected{"truncated_then_space", "\xe2 ", FFFD " "},
                      // The example of Unicode 15 section 3.9 (table 3-8).
                      Rejected{"unicode_table_3_8",
                               "\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64",
                               "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d"}),
    [](const auto& info) { return std::string(info.param.name); });
#undef FFFD

TEST(JsonString, HandlesSpecialBytesAtEveryPositionOfLongText) {
  for (const char special : {'"', '\\', '\n', '\x01', '\x80', '\xc3'}) {
    for (std::size_t length = 1; length <= 40; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'x');
        text[at] = special;
        std::string expected_text = text;
        if (special == '\x80' || special == '\xc3') {
          expected_text.replace(at, 1, "\xef\xbf\xbd");
        }
        EXPECT_EQ(parse_back(json_string(text)), expected_text)
            << "length " << length << " at " << at;
      }
    }
  }
}

TEST(JsonString, KeepsEmbeddedNulAsEscape) {
  const std::string text("a\0b", 3);
  EXPECT_EQ(json_string(text), R"("a\u0000b")");
  EXPECT_EQ(parse_back(json_string(text)), text);
}

TEST(JsonString, AppendsWithoutTouchingExistingOutput) {
  std::string out = "prefix:";
  append_json_string(out, "v");
  EXPECT_EQ(out, R"(prefix:"v")");
}

}  // namespace
}  // namespace horolog
