// FileSink: acknowledgements follow commits, size rotation, and gzip/zstd output that decodes
// back to exactly the lines written (each batch a complete member/frame).
#include "sinks/file_sink.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

// A batch of `n` events whose lines are "line <first+i>\n".
struct TestBatch {
  EventBatch events;
  std::string ndjson;
  EncodedBatch encoded;

  TestBatch(int first, int n, std::uint64_t ticket) {
    for (int i = 0; i < n; ++i) {
      Event& e = events.next_event();
      e.timestamp = SysNanos(std::chrono::seconds(1764158401));
      e.input_name = "app";
      ndjson += "line " + std::to_string(first + i) + "\n";
      encoded.line_ends.push_back(static_cast<std::uint32_t>(ndjson.size()));
    }
    encoded.ticket = ticket;
    encoded.events = &events;
    encoded.format = "rfc3164";
    encoded.ndjson = ndjson;
  }
};

std::string gunzip(const std::string& data) {
  std::string out;
  z_stream s{};
  inflateInit2(&s, 15 + 32);
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  char buffer[65536];
  for (;;) {
    s.next_out = reinterpret_cast<Bytef*>(buffer);
    s.avail_out = sizeof buffer;
    const int rc = inflate(&s, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - s.avail_out);
    if (rc == Z_STREAM_END && s.avail_in > 0) {
      inflateReset(&s);  // the next batch's member
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&s);
  return out;
}

std::string unzstd(const std::string& data) {
  std::string out;
  ZSTD_DStream* d = ZSTD_createDStream();
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  char buffer[65536];
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buffer, sizeof buffer, 0};
    if (ZSTD_isError(ZSTD_decompressStream(d, &o, &in))) break;
    out.append(buffer, o.pos);
  }
  ZSTD_freeDStream(d);
  return out;
}

// A sink as the registry builds it.
std::unique_ptr<FileSink> open_sink(const FileSinkOptions& options, AckCallback ack = {},
                                    const std::atomic<bool>* stopping = nullptr) {
  auto sink = FileSink::create(SinkConfig{"out", "file", {}}, options,
                               SinkEnvironment{std::move(ack), stopping, nullptr});
  EXPECT_TRUE(sink) << sink.error().message();
  return sink ? std::move(*sink) : nullptr;
}

TEST(FileSink, AcknowledgesEachBatchOnlyAfterItIsWritten) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "{input}.ndjson").string();
  std::vector<std::pair<std::uint64_t, Delivery>> acks;
  auto sink = open_sink(options, [&](std::uint64_t t, Delivery d) {
    EXPECT_TRUE(fs::exists(dir / "app.ndjson")) << "acked before the file existed";
    acks.emplace_back(t, d);
  });
  TestBatch a(0, 3, 7), b(3, 2, 8);
  sink->write(a.encoded);
  sink->write(b.encoded);
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[0], std::make_pair(std::uint64_t{7}, Delivery::delivered));
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{8}, Delivery::delivered));
  EXPECT_EQ(read_file(dir / "app.ndjson"), "line 0\nline 1\nline 2\nline 3\nline 4\n");
  EXPECT_EQ(sink->counters().events, 5u);
}

TEST(FileSink, IntervalPolicyAcknowledgesAtTheNextFlush) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  options.flush = FlushPolicy::interval;
  options.flush_interval = std::chrono::hours(1);
  int acked = 0;
  auto sink = open_sink(options, [&](std::uint64_t, Delivery) { ++acked; });
  TestBatch a(0, 2, 1);
  sink->write(a.encoded);
  EXPECT_EQ(acked, 0);
  sink->flush();
  EXPECT_EQ(acked, 1);
  EXPECT_EQ(read_file(dir / "out.ndjson"), "line 0\nline 1\n");
}

TEST(FileSink, RotatesWhenAFileReachesMaxSize) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  options.max_size = config::ByteSize{20};
  auto sink = open_sink(options);
  std::string all;
  for (int i = 0; i < 6; ++i) {
    TestBatch b(i * 2, 2, static_cast<std::uint64_t>(i));
    sink->write(b.encoded);
    all += b.ndjson;
  }
  // Rotated files keep the lines in order: out.ndjson.1, .2, … then the active out.ndjson.
  std::string joined;
  int rotated = 0;
  for (int n = 1; fs::exists(dir / ("out.ndjson." + std::to_string(n))); ++n, ++rotated) {
    joined += read_file(dir / ("out.ndjson." + std::to_string(n)));
  }
  joined += read_file(dir / "out.ndjson");
  EXPECT_GE(rotated, 2);
  EXPECT_EQ(joined, all);
}

TEST(FileSink, GzipAndZstdOutputDecodesToTheLinesWritten) {
  for (const auto& [compression, extension] :
       {std::pair{Compression::gzip, ".gz"}, std::pair{Compression::zstd, ".zst"}}) {
    TempDir dir;
    FileSinkOptions options;
    options.path = (dir / "out.ndjson").string();
    options.compression = compression;
    std::string all;
    {
      auto sink = open_sink(options);
      for (int i = 0; i < 4; ++i) {
        TestBatch b(i * 100, 100, static_cast<std::uint64_t>(i));
        sink->write(b.encoded);
        all += b.ndjson;
      }
    }
    const std::string data = read_file(dir / (std::string("out.ndjson") + extension));
    EXPECT_LT(data.size(), all.size());
    EXPECT_EQ(compression == Compression::gzip ? gunzip(data) : unzstd(data), all) << extension;
  }
}

TEST(FileSink, RetriesAnUnwritablePathAndGivesUpOnlyAtShutdown) {
  TempDir dir;
  write_file(dir / "blocked", "a file where a directory should be");
  FileSinkOptions options;
  options.path = (dir / "blocked/out.ndjson").string();
  std::atomic<bool> stopping{false};
  std::vector<Delivery> acks;
  auto sink = open_sink(
      options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, &stopping);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stopping = true;
  });
  TestBatch a(0, 1, 1);
  sink->write(a.encoded);  // blocks, retrying, until stopping
  stopper.join();
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0], Delivery::retry);  // not delivered: the checkpoint does not move
  EXPECT_GE(sink->counters().errors, 2u);
}

TEST(FileSink, AHalfLineLeftByACrashIsCutBeforeAppending) {
  TempDir dir;
  // What a kill -9 in the middle of a write leaves: whole lines, then part of one.
  write_file(dir / "out.ndjson", "line 0\nline 1\n{\"@timestamp\":\"2026-");
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  auto sink = open_sink(options);
  TestBatch again(2, 2, 1);  // the unacknowledged batch, delivered again
  sink->write(again.encoded);
  EXPECT_EQ(read_file(dir / "out.ndjson"), "line 0\nline 1\nline 2\nline 3\n");
}

}  // namespace
}  // namespace horolog::test
