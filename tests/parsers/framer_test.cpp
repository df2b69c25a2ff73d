// Framer: zero-copy line splitting, partial records across chunks, CRLF, the size cap.
#include "parsers/framer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tests/support/test_seed.h"

namespace horolog {
namespace {

struct Split {
  std::vector<std::string> records;
  std::vector<bool> truncated;
  std::size_t consumed = 0;
};

Split split(Framer& framer, std::string_view chunk, bool end_of_input = false) {
  Split out;
  FramedRecord record;
  std::size_t pos = 0;
  while (framer.next(chunk, pos, record, end_of_input)) {
    out.records.emplace_back(record.text);
    out.truncated.push_back(record.truncated);
  }
  out.consumed = pos;
  return out;
}

struct FramerCase {
  std::string name;
  std::string chunk;
  bool end_of_input;
  std::vector<std::string> records;
  std::size_t consumed;
};

class FramerTable : public testing::TestWithParam<FramerCase> {};

TEST_P(FramerTable, SplitsChunkIntoRecords) {
  const FramerCase& c = GetParam();
  Framer framer(16);
  const Split s = split(framer, c.chunk, c.end_of_input);
  EXPECT_EQ(s.records, c.records);
  EXPECT_EQ(s.consumed, c.consumed);
}

INSTANTIATE_TEST_SUITE_P(
    Framer, FramerTable,
    testing::Values(
        FramerCase{"lf", "a\nbb\n", false, {"a", "bb"}, 5},
        FramerCase{"crlf", "a\r\nbb\r\n", false, {"a", "bb"}, 7},
        FramerCase{"partial_last_kept", "a\nbb", false, {"a"}, 2},
        FramerCase{"partial_last_at_end_of_input", "a\nbb", true, {"a", "bb"}, 4},
        FramerCase{"blank_lines_skipped", "\n\r\na\n\n", false, {"a"}, 6},
        FramerCase{"lone_cr_inside_kept", "a\rb\n", false, {"a\rb"}, 4},
        FramerCase{"empty_chunk", "", true, {}, 0},
        FramerCase{
            "crlf_record_of_exactly_max", "0123456789abcdef\r\n", false, {"0123456789abcdef"}, 18}),
    [](const testing::TestParamInfo<FramerCase>& info) { return info.param.name; });

TEST(Framer, RecordsViewIntoTheChunk) {
  const std::string chunk = "first\nsecond\n";
  Framer framer;
  FramedRecord record;
  std::size_t pos = 0;
  ASSERT_TRUE(framer.next(chunk, pos, record));
  ASSERT_TRUE(framer.next(chunk, pos, record));
  EXPECT_EQ(record.text.data(), chunk.data() + 6);
  EXPECT_EQ(record.offset, 6u);
  EXPECT_FALSE(framer.next(chunk, pos, record));
}

TEST(Framer, CutsLongLineFlagsItAndSkipsItsTail) {
  Framer framer(4);
  const Split s = split(framer, "abcdefgh\nxy\n");
  EXPECT_EQ(s.records, (std::vector<std::string>{"abcd", "xy"}));
  EXPECT_EQ(s.truncated, (std::vector<bool>{true, false}));
  EXPECT_EQ(framer.truncated_records(), 1u);
}

TEST(Framer, SkipsTailOfCutLineAcrossChunks) {
  Framer framer(4);
  Split first = split(framer, "abcdefgh");  // no newline yet: cut now, never buffered
  EXPECT_EQ(first.records, (std::vector<std::string>{"abcd"}));
  EXPECT_EQ(first.consumed, 8u);
  Split second = split(framer, "ijklmn");
  EXPECT_TRUE(second.records.empty());
  EXPECT_EQ(second.consumed, 6u);
  Split third = split(framer, "op\nqr\n");
  EXPECT_EQ(third.records, (std::vector<std::string>{"qr"}));
}

TEST(Framer, CountsBlankLines) {
  Framer framer;
  split(framer, "\n\na\n\r\n");
  EXPECT_EQ(framer.blank_lines(), 3u);
}

// Feeding the same text in random pieces, keeping the unconsumed tail as a real reader does,
// yields exactly the records of a single pass.
TEST(Framer, RandomChunkingYieldsSameRecords) {
  const test::TestSeed seed;
  std::mt19937_64 rng(seed.value());
  std::string text;
  for (int i = 0; i < 500; ++i) {
    text += std::string(rng() % 40, static_cast<char>('a' + i % 26));
    text += (rng() % 3 == 0) ? "\r\n" : "\n";
  }
  Framer whole(32);
  const Split expected = split(whole, text, true);

  Framer framer(32);
  std::vector<std::string> records;
  std::string buffer;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t n = 1 + rng() % 64;
    buffer += text.substr(at, n);
    at += n;
    const Split s = split(framer, buffer, at >= text.size());
    records.insert(records.end(), s.records.begin(), s.records.end());
    buffer.erase(0, s.consumed);
    ASSERT_LE(buffer.size(), 33u);  // never more than one record (plus its CR) held back
  }
  EXPECT_EQ(records, expected.records);
}

}  // namespace
}  // namespace horolog
