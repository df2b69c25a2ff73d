// Binary XML values rendered as the text Windows shows in event XML, one row per value type.
#include "parsers/winevent/binxml_values.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace horolog::winevent {
namespace {

struct ValueCase {
  const char* name;
  std::uint8_t type;
  std::vector<std::uint8_t> bytes;
  const char* text;
};

void PrintTo(const ValueCase& c, std::ostream* os) { *os << c.name; }

class BinXmlValueText : public ::testing::TestWithParam<ValueCase> {};

TEST_P(BinXmlValueText, RendersAsWindowsDoes) {
  StringArena arena;
  const ValueCase& c = GetParam();
  const RenderedValue value = render_value(c.type, Bytes(c.bytes.data(), c.bytes.size()), arena);
  EXPECT_EQ(std::string(value.text), c.text);
}

INSTANTIATE_TEST_SUITE_P(
    Types, BinXmlValueText,
    ::testing::Values(
        ValueCase{"utf16",
                  kString,
                  {'S', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE, 0, 0},
                  "S\xC3\xA9\xF0\x9F\x98\x80"},
        ValueCase{"unpaired_surrogate", kString, {0x00, 0xD8, 'x', 0}, "\xEF\xBF\xBDx"},
        ValueCase{"ansi", kAnsiString, {'a', 0xE9, 0}, "a\xC3\xA9"},
        ValueCase{"int8", kInt8, {0xFF}, "-1"}, ValueCase{"uint8", kUInt8, {0xFF}, "255"},
        ValueCase{"int16", kInt16, {0x00, 0x80}, "-32768"},
        ValueCase{"uint16", kUInt16, {0x34, 0x12}, "4660"},
        ValueCase{"int32", kInt32, {0xFE, 0xFF, 0xFF, 0xFF}, "-2"},
        ValueCase{"uint32", kUInt32, {0x20, 0x14, 0, 0}, "5152"},
        ValueCase{"int64", kInt64, {0, 0, 0, 0, 0, 0, 0, 0x80}, "-9223372036854775808"},
        ValueCase{"uint64",
                  kUInt64,
                  {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF},
                  "18446744073709551615"},
        ValueCase{"real32", kReal32, {0, 0, 0xC0, 0x3F}, "1.5"},
        ValueCase{"real64", kReal64, {0, 0, 0, 0, 0, 0, 0x04, 0x40}, "2.5"},
        ValueCase{"bool_true", kBool, {1, 0, 0, 0}, "true"},
        ValueCase{"bool_irregular", kBool, {0, 2, 0, 0}, "true"},
        ValueCase{"bool_false", kBool, {0, 0, 0, 0}, "false"},
        ValueCase{"binary", kBinary, {0x0A, 0xBC}, "0ABC"},
        ValueCase{"guid",
                  kGuid,
                  {0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xA5, 0xBA, 0x3E, 0x3B, 0x03,
                   0x28, 0xC3, 0x0D},
                  "{54849625-5478-4994-A5BA-3E3B0328C30D}"},
        ValueCase{"size_t_64", kSizeT, {0xE7, 0x03, 0, 0, 0, 0, 0, 0}, "0x3e7"},
        ValueCase{"size_t_32", kSizeT, {0x10, 0, 0, 0}, "0x10"},
        ValueCase{"filetime",
                  kFiletime,
                  {0x00, 0x80, 0x3E, 0xD5, 0xDE, 0xB1, 0x9D, 0x01},
                  "1970-01-01T00:00:00.0000000Z"},
        ValueCase{"systemtime",
                  kSystemtime,
                  {0xEA, 0x07, 11, 0, 1, 0, 26, 0, 12, 0, 5, 0, 7, 0, 0x2A, 0},
                  "2026-11-26T12:05:07.042Z"},
        ValueCase{"sid", kSid, {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}, "S-1-5-18"},
        ValueCase{"hex32", kHexInt32, {0x6A, 0x00, 0x00, 0xC0}, "0xc000006a"},
        ValueCase{"hex64", kHexInt64, {0, 0, 0, 0, 0, 0, 0x10, 0x80}, "0x8010000000000000"},
        ValueCase{"string_array", kString | kArrayFlag, {'a', 0, 0, 0, 'b', 0, 0, 0}, "a, b"},
        ValueCase{"uint16_array", kUInt16 | kArrayFlag, {1, 0, 2, 0}, "1, 2"},
        ValueCase{"sid_too_short", kSid, {1, 5, 0}, "010500"},
        ValueCase{"int32_too_short", kInt32, {0x01}, "01"}, ValueCase{"null", kNull, {}, ""}));

TEST(BinXmlValue, KeepsTheNumberBehindIntegerText) {
  StringArena arena;
  const std::vector<std::uint8_t> bytes{0x20, 0x14};
  const RenderedValue value = render_value(kUInt16, Bytes(bytes.data(), bytes.size()), arena);
  EXPECT_EQ(value.raw_kind, RawKind::unsigned_integer);
  EXPECT_EQ(value.raw, 5152u);
}

}  // namespace
}  // namespace horolog::winevent
