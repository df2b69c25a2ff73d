// Compressed archives read as plain byte streams, and damage reported instead of ignored.
#include "agent/engine/sources/archive_stream.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/support/compress_fixture.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

std::string read_all(ArchiveStream& stream) {
  std::string content;
  char buffer[4096];
  for (;;) {
    const Result<std::size_t> n = stream.read(buffer, sizeof buffer, content.size());
    if (!n || *n == 0) break;
    content.append(buffer, *n);
  }
  return content;
}

std::string many_lines() {
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "Jan  1 00:00:00 host app[1]: line " + std::to_string(i) + "\n";
  return text;
}

struct Case {
  const char* name;
  std::string (*compress)(std::string_view);
  ArchiveCompression kind;
};

std::string identity(std::string_view text) { return std::string(text); }

class ArchiveStreams : public testing::TestWithParam<Case> {};

TEST_P(ArchiveStreams, YieldTheOriginalBytes) {
  test::TempDir dir;
  const std::string text = many_lines();
  test::write_file(dir / GetParam().name, GetParam().compress(text));
  auto opened = ArchiveStream::open((dir / GetParam().name).string());
  ASSERT_TRUE(opened) << opened.error().message();
  auto stream = std::move(*opened);
  EXPECT_EQ(stream->compression(), GetParam().kind);
  EXPECT_EQ(read_all(*stream), text);
  EXPECT_TRUE(stream->finish());
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, ArchiveStreams,
    testing::Values(Case{"plain.log", identity, ArchiveCompression::none},
                    Case{"gzip.log.gz", test::gzip_bytes, ArchiveCompression::gzip},
                    Case{"zstd.log.zst", test::zstd_bytes, ArchiveCompression::zstd}));

TEST(ArchiveStream, RecognisesCompressionByContentNotByName) {
  test::TempDir dir;
  test::write_file(dir / "syslog.2", test::gzip_bytes("a\n"));
  auto opened = ArchiveStream::open((dir / "syslog.2").string());
  ASSERT_TRUE(opened) << opened.error().message();
  auto stream = std::move(*opened);
  EXPECT_EQ(stream->compression(), ArchiveCompression::gzip);
  EXPECT_EQ(read_all(*stream), "a\n");
}

TEST(ArchiveStream, ReadsEveryMemberOfAConcatenatedGzipFile) {
  test::TempDir dir;
  test::write_file(dir / "cat.gz", test::gzip_bytes("first\n") + test::gzip_bytes("second\n"));
  auto opened = ArchiveStream::open((dir / "cat.gz").string());
  ASSERT_TRUE(opened) << opened.error().message();
  auto stream = std::move(*opened);
  EXPECT_EQ(read_all(*stream), "first\nsecond\n");
  EXPECT_TRUE(stream->finish());
}

TEST(ArchiveStream, ReportsTruncatedAndCorruptArchives) {
  test::TempDir dir;
  const std::string text = many_lines();
  const std::string gz = test::gzip_bytes(text);
  const std::string zst = test::zstd_bytes(text);
  test::write_file(dir / "cut.gz", gz.substr(0, gz.size() / 2));
  test::write_file(dir / "cut.zst", zst.substr(0, zst.size() / 2));
  std::string bad = zst;
  bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x5a);
  bad[bad.size() / 2 + 1] = static_cast<char>(bad[bad.size() / 2 + 1] ^ 0x5a);
  test::write_file(dir / "bad.zst", bad);
  for (const char* name : {"cut.gz", "cut.zst", "bad.zst"}) {
    auto opened = ArchiveStream::open((dir / name).string());
    ASSERT_TRUE(opened) << opened.error().message();
    auto stream = std::move(*opened);
    (void)read_all(*stream);
    const Result<void> finished = stream->finish();
    ASSERT_FALSE(finished) << name;
    EXPECT_EQ(finished.error().code(), ErrorCode::corrupt);
    EXPECT_NE(finished.error().message().find(name), std::string::npos)
        << name << ": " << finished.error().message();
  }
}

TEST(ArchiveStream, StopsDecompressingWhenTheReaderGoesAwayEarly) {
  test::TempDir dir;
  std::string text;
  for (int i = 0; i < 20; ++i) text += many_lines();  // far more than the pipe holds
  test::write_file(dir / "big.zst", test::zstd_bytes(text));
  auto opened = ArchiveStream::open((dir / "big.zst").string());
  ASSERT_TRUE(opened) << opened.error().message();
  auto stream = std::move(*opened);
  char buffer[100];
  ASSERT_GT(stream->read(buffer, sizeof buffer, 0).value(), 0u);
  stream.reset();  // must neither hang nor die of SIGPIPE
  SUCCEED();
}

TEST(ArchiveStream, NamesAMissingFile) {
  test::TempDir dir;
  const auto opened = ArchiveStream::open((dir / "nope.gz").string());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code(), ErrorCode::not_found);
  EXPECT_NE(opened.error().message().find("nope.gz"), std::string::npos);
  EXPECT_NE(opened.error().message().find("No such file"), std::string::npos);
}

}  // namespace
}  // namespace horolog
