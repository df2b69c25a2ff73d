// Compressed archives read as plain byte streams, and damage reported instead of ignored.
#include "agent/engine/sources/archive_stream.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>

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

// Failure messages name the case, not the bytes of its function pointers.
void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }

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

// Entries in a /proc/self directory: the process's threads (task) or open descriptors (fd).
std::size_t proc_self_entries(const char* directory) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) ++n;
  return n;
}

// A thread's /proc entry may outlive its join by a moment: wait briefly for the count to settle.
bool settles_at(const char* directory, std::size_t expected) {
  for (int i = 0; i < 1000 && proc_self_entries(directory) != expected; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return proc_self_entries(directory) == expected;
}

// SIGPIPE at its default disposition for the lifetime of the object, then as it was.
class DefaultSigpipe {
 public:
  DefaultSigpipe() {
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    sigaction(SIGPIPE, &action, &saved_);
  }
  ~DefaultSigpipe() { sigaction(SIGPIPE, &saved_, nullptr); }
  DefaultSigpipe(const DefaultSigpipe&) = delete;
  DefaultSigpipe& operator=(const DefaultSigpipe&) = delete;

 private:
  struct sigaction saved_ {};
};

class ArchiveStreamEarlyStop : public testing::TestWithParam<Case> {};

// A replay that stops early (shutdown, an error downstream) destroys the stream while the
// decompressor still has most of the content to write, so it is blocked on the full pipe or
// soon will be: the destructor must return at once, the decompressor must end (not die of
// SIGPIPE, not stay blocked), and nothing the stream opened may stay open.
TEST_P(ArchiveStreamEarlyStop, ReaderGetsAPrefixAndLeavingEndsTheDecompressorPromptly) {
  // Under the default disposition (as in the agent) a write to the closed pipe kills the whole
  // test binary unless the decompressor blocks SIGPIPE; an inherited SIG_IGN would hide that.
  const DefaultSigpipe default_sigpipe;

  test::TempDir dir;
  std::string text;
  for (int i = 0; i < 20; ++i) text += many_lines();  // ~16 MB: far more than the pipe holds
  test::write_file(dir / GetParam().name, GetParam().compress(text));
  const std::size_t threads_before = proc_self_entries("/proc/self/task");
  const std::size_t fds_before = proc_self_entries("/proc/self/fd");

  auto opened = ArchiveStream::open((dir / GetParam().name).string());
  ASSERT_TRUE(opened) << opened.error().message();
  auto stream = std::move(*opened);
  ASSERT_EQ(stream->compression(), GetParam().kind);
  std::string prefix;
  char buffer[4096];
  while (prefix.size() < 200'000) {
    const Result<std::size_t> n = stream->read(buffer, sizeof buffer, prefix.size());
    ASSERT_TRUE(n && *n > 0) << "the content ended after " << prefix.size() << " bytes";
    prefix.append(buffer, *n);
  }
  EXPECT_TRUE(prefix == text.substr(0, prefix.size()))
      << "the first " << prefix.size() << " bytes read differ from the content";

  // Destroyed on a thread of its own, so a destructor that hangs fails the test instead of
  // hanging it; the stuck thread then owns what it uses.
  struct Closing {
    std::unique_ptr<ArchiveStream> stream;
    std::promise<void> done;
  };
  auto closing = std::make_shared<Closing>();
  closing->stream = std::move(stream);
  std::future<void> closed = closing->done.get_future();
  std::thread closer([closing] {
    closing->stream.reset();
    closing->done.set_value();
  });
  if (closed.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    closer.detach();
    FAIL() << "~ArchiveStream did not return within 5 s of the reader stopping early";
  }
  closer.join();
  EXPECT_TRUE(settles_at("/proc/self/task", threads_before)) << "the decompressor thread lives on";
  EXPECT_TRUE(settles_at("/proc/self/fd", fds_before)) << "a descriptor was left open";
}

INSTANTIATE_TEST_SUITE_P(
    Compressed, ArchiveStreamEarlyStop,
    testing::Values(Case{"big.log.gz", test::gzip_bytes, ArchiveCompression::gzip},
                    Case{"big.log.zst", test::zstd_bytes, ArchiveCompression::zstd}),
    [](const testing::TestParamInfo<Case>& info) {
      return info.param.kind == ArchiveCompression::gzip ? "gzip" : "zstd";
    });

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
