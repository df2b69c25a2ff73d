// FileSink: acknowledgements follow commits, size rotation, gzip/zstd output that decodes back to
// exactly the lines written (each batch a complete member/frame), outputs that fail for good,
// more outputs than descriptors, and repairing only what the sink itself wrote.
#include "sinks/file_sink.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include "sinks/output_state.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_seed.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

// A batch of `n` events whose lines are "line <first+i>\n"; `host(i)` names the host of event i.
struct TestBatch {
  EventBatch events;
  std::vector<std::string> hosts;
  std::string ndjson;
  EncodedBatch encoded;

  TestBatch(int first, int n, std::uint64_t ticket,
            const std::function<std::string(int)>& host = {}) {
    hosts.reserve(static_cast<std::size_t>(n));  // events view these strings
    for (int i = 0; i < n; ++i) {
      Event& e = events.next_event();
      e.timestamp = SysNanos(std::chrono::seconds(1764158401));
      e.input_name = "app";
      if (host) e.host = hosts.emplace_back(host(first + i));
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

// A sink as the registry builds it, keeping its state in `state_dir`; `one_shot` as for
// run --once.
std::unique_ptr<FileSink> open_sink(const fs::path& state_dir, const FileSinkOptions& options,
                                    AckCallback ack = {},
                                    const std::atomic<bool>* stopping = nullptr,
                                    bool one_shot = false) {
  auto sink =
      FileSink::create(SinkConfig{"out", "file", {}}, options,
                       SinkEnvironment{std::move(ack), stopping, nullptr, state_dir, one_shot});
  EXPECT_TRUE(sink) << sink.error().message();
  return sink ? std::move(*sink) : nullptr;
}

// Ends a sink's retries when a test would otherwise wait forever: sets the flag after `limit`.
class Watchdog {
 public:
  explicit Watchdog(std::chrono::milliseconds limit)
      : thread_([this, limit] {
          const auto deadline = std::chrono::steady_clock::now() + limit;
          while (!done_ && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
          stopping_ = true;
        }) {}
  ~Watchdog() {
    done_ = true;
    thread_.join();
  }
  const std::atomic<bool>* flag() const noexcept { return &stopping_; }

 private:
  std::atomic<bool> stopping_{false};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

TEST(FileSink, AcknowledgesEachBatchOnlyAfterItIsWritten) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "{input}.ndjson").string();
  std::vector<std::pair<std::uint64_t, Delivery>> acks;
  auto sink = open_sink(dir / "var", options, [&](std::uint64_t t, Delivery d) {
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
  auto sink = open_sink(dir / "var", options, [&](std::uint64_t, Delivery) { ++acked; });
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
  auto sink = open_sink(dir / "var", options);
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
      auto sink = open_sink(dir / "var", options);
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
      dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, &stopping);
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

TEST(FileSink, AHostNameOf250CharactersIsWrittenInsteadOfRetriedForever) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out/{host}.ndjson").string();
  std::vector<Delivery> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, watchdog.flag());
  TestBatch batch(0, 1, 1, [](int) { return std::string(250, 'h'); });
  sink->write(batch.encoded);
  ASSERT_EQ(acks, std::vector<Delivery>{Delivery::delivered});
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir / "out")) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(read_file(files[0]), "line 0\n");
  EXPECT_EQ(sink->counters().errors, 0u);
}

TEST(FileSink, AThousandHostsInOneBatchAreAllWrittenUnderALowDescriptorLimit) {
  TempDir dir;
  constexpr int kHosts = 1000;
  const int status = run_in_child(
      [&] {
        const rlimit limit{256, 256};  // far below one descriptor per host
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) return 2;
        FileSinkOptions options;
        options.path = (dir / "out/{host}.ndjson").string();
        std::vector<Delivery> acks;
        const Watchdog watchdog(std::chrono::seconds(20));
        auto sink = open_sink(
            dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); },
            watchdog.flag());
        TestBatch batch(0, kHosts, 1, [](int i) { return "host-" + std::to_string(i); });
        sink->write(batch.encoded);
        return acks == std::vector<Delivery>{Delivery::delivered} ? 0 : 1;
      },
      60'000);
  EXPECT_EQ(status, 0) << "the batch was not acknowledged `delivered`";
  int written = 0;
  for (int i = 0; i < kHosts; ++i) {
    const fs::path file = dir / "out" / ("host-" + std::to_string(i) + ".ndjson");
    written += fs::exists(file) && read_file(file) == "line " + std::to_string(i) + "\n";
  }
  EXPECT_EQ(written, kHosts) << "files holding exactly their host's line";
}

TEST(FileSink, AnExistingFileItDidNotWriteIsNeverCut) {
  TempDir dir;
  write_file(dir / "out.ndjson", "keep1\nkeep2-partial");
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  auto sink = open_sink(dir / "var", options);
  TestBatch batch(0, 2, 1);
  sink->write(batch.encoded);
  // Its last line is left as it was; ours start on a line of their own.
  EXPECT_EQ(read_file(dir / "out.ndjson"), "keep1\nkeep2-partial\nline 0\nline 1\n");
}

TEST(FileSink, BytesWithoutANewlineInAFileItDidNotWriteAreKept) {
  TempDir dir;
  const TestSeed seed;
  std::mt19937_64 rng(seed.value());
  std::string foreign(4989, '\0');
  for (char& c : foreign) {
    c = static_cast<char>(rng() % 255);
    if (c == '\n') c = ' ';
  }
  write_file(dir / "out.ndjson", foreign);
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  auto sink = open_sink(dir / "var", options);
  TestBatch batch(0, 1, 1);
  sink->write(batch.encoded);
  const std::string data = read_file(dir / "out.ndjson");
  EXPECT_TRUE(data == foreign + "\nline 0\n")
      << data.size() << " bytes, ending in "
      << data.substr(data.size() < 20 ? 0 : data.size() - 20);
}

TEST(FileSink, ASymlinkAtTheOutputPathIsNotFollowed) {
  TempDir dir;
  write_file(dir / "target.log", "a\nb-partial");
  fs::create_symlink(dir / "target.log", dir / "out.ndjson");
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  std::vector<Delivery> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, watchdog.flag());
  TestBatch batch(0, 1, 1);
  sink->write(batch.encoded);
  EXPECT_EQ(read_file(dir / "target.log"), "a\nb-partial");
  EXPECT_TRUE(fs::is_symlink(dir / "out.ndjson"));
  // Handled as an output that fails for good: dead-lettered (the default), and delivered.
  EXPECT_EQ(acks, std::vector<Delivery>{Delivery::delivered});
  EXPECT_EQ(sink->counters().dead_lettered, 1u);
  EXPECT_EQ(split_lines(read_file(dir / "var/file-sink-out-dead-letter.ndjson")).size(), 1u);
}

TEST(FileSink, EventsWhoseOutputFailsForGoodAreDeadLetteredAndDeliveryGoesOn) {
  TempDir dir;
  fs::create_directories(dir / "out");
  write_file(dir / "elsewhere", "");
  fs::create_symlink(dir / "elsewhere", dir / "out/bad.ndjson");
  FileSinkOptions options;
  options.path = (dir / "out/{host}.ndjson").string();
  options.dead_letter = (dir / "dead/letters.ndjson").string();
  std::vector<Delivery> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, watchdog.flag());
  TestBatch batch(0, 3, 1, [](int i) { return i == 1 ? std::string("bad") : "good"; });
  sink->write(batch.encoded);
  EXPECT_EQ(acks, std::vector<Delivery>{Delivery::delivered});
  EXPECT_EQ(read_file(dir / "out/good.ndjson"), "line 0\nline 2\n");
  EXPECT_EQ(sink->counters().dead_lettered, 1u);
  EXPECT_EQ(sink->counters().errors, 0u) << "nothing was retried";
  const std::string dead = read_file(dir / "dead/letters.ndjson");
  ASSERT_EQ(split_lines(dead).size(), 1u) << dead;
  EXPECT_TRUE(dead.starts_with("{\"@timestamp\":\"")) << dead;
  const std::string expected_tail =
      "\"error\":{\"code\":\"ELOOP\",\"reason\":\"Too many levels of symbolic links\"},"
      "\"file\":{\"path\":\"" +
      (dir / "out/bad.ndjson").string() + "\"},\"event\":line 1}\n";
  EXPECT_TRUE(dead.ends_with(expected_tail)) << dead;
  // Later batches go on to the outputs that work.
  TestBatch next(3, 1, 2, [](int) { return std::string("good"); });
  sink->write(next.encoded);
  EXPECT_EQ(acks.back(), Delivery::delivered);
  EXPECT_EQ(read_file(dir / "out/good.ndjson"), "line 0\nline 2\nline 3\n");
}

TEST(FileSink, APathLongerThanPathMaxIsDeadLetteredNotRetried) {
  TempDir dir;
  FileSinkOptions options;
  std::string path = (dir / "out").string();
  for (int i = 0; i < 40; ++i) path += "/{host}";  // 40 levels of 120 bytes: over PATH_MAX
  options.path = path + ".ndjson";
  std::vector<Delivery> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, watchdog.flag());
  TestBatch batch(0, 2, 1, [](int) { return std::string(120, 'h'); });
  sink->write(batch.encoded);
  EXPECT_EQ(acks, std::vector<Delivery>{Delivery::delivered});
  EXPECT_EQ(sink->counters().dead_lettered, 2u);
  EXPECT_EQ(sink->counters().errors, 0u);
  const std::string dead = read_file(dir / "var/file-sink-out-dead-letter.ndjson");
  EXPECT_EQ(split_lines(dead).size(), 2u);
  EXPECT_NE(dead.find("\"code\":\"ENAMETOOLONG\""), std::string::npos) << dead;
}

// A one-shot run has nobody to fix the cause and signal: a held batch is answered at once.
TEST(FileSink, InAOneShotRunHoldRejectsBatchesThatFailForGoodAndGoesOn) {
  TempDir dir;
  fs::create_directories(dir / "out");
  write_file(dir / "elsewhere", "");
  fs::create_symlink(dir / "elsewhere", dir / "out/bad.ndjson");
  FileSinkOptions options;
  options.path = (dir / "out/{host}.ndjson").string();
  options.on_permanent_error = OutputErrorPolicy::hold;
  std::vector<std::pair<std::uint64_t, Delivery>> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t t, Delivery d) { acks.emplace_back(t, d); },
      watchdog.flag(), /*one_shot=*/true);
  TestBatch held(0, 2, 1, [](int i) { return i == 0 ? std::string("bad") : "good"; });
  TestBatch next(2, 1, 2, [](int) { return std::string("good"); });
  sink->write(held.encoded);
  sink->write(next.encoded);
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[0], std::make_pair(std::uint64_t{1}, Delivery::rejected));
  EXPECT_EQ(acks[1], std::make_pair(std::uint64_t{2}, Delivery::delivered));
  EXPECT_EQ(read_file(dir / "out/good.ndjson"), "line 1\nline 2\n");
  EXPECT_EQ(sink->counters().dead_lettered, 0u);
  EXPECT_FALSE(fs::exists(dir / "var/file-sink-out-dead-letter.ndjson"));
}

// A running agent keeps a held batch unacknowledged (its file pauses), and writes it once the
// cause is fixed and SIGHUP reopens the outputs: the checkpoint moves on without a restart.
TEST(FileSink, HoldKeepsABatchUnacknowledgedUntilReopenWritesIt) {
  TempDir dir;
  fs::create_directories(dir / "out");
  write_file(dir / "elsewhere", "");
  fs::create_symlink(dir / "elsewhere", dir / "out/bad.ndjson");
  FileSinkOptions options;
  options.path = (dir / "out/{host}.ndjson").string();
  options.on_permanent_error = OutputErrorPolicy::hold;
  std::vector<std::pair<std::uint64_t, Delivery>> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t t, Delivery d) { acks.emplace_back(t, d); },
      watchdog.flag());
  TestBatch held(0, 2, 1, [](int i) { return i == 0 ? std::string("bad") : "good"; });
  TestBatch next(2, 1, 2, [](int) { return std::string("good"); });
  sink->write(held.encoded);
  sink->write(next.encoded);
  EXPECT_EQ(acks, (std::vector<std::pair<std::uint64_t, Delivery>>{{2, Delivery::delivered}}));
  sink->reopen();  // the cause is still there: held again
  EXPECT_EQ(acks.size(), 1u);
  fs::remove(dir / "out/bad.ndjson");
  sink->reopen();
  EXPECT_EQ(acks, (std::vector<std::pair<std::uint64_t, Delivery>>{{2, Delivery::delivered},
                                                                   {1, Delivery::delivered}}));
  EXPECT_EQ(read_file(dir / "out/bad.ndjson"), "line 0\n");
  EXPECT_EQ(read_file(dir / "out/good.ndjson"), "line 1\nline 2\n");
  EXPECT_EQ(read_file(dir / "elsewhere"), "");
}

TEST(FileSink, AHeldBatchIsRejectedAtShutdownToBeReadAgainAfterTheRestart) {
  TempDir dir;
  fs::create_directories(dir / "out");
  write_file(dir / "elsewhere", "");
  fs::create_symlink(dir / "elsewhere", dir / "out/bad.ndjson");
  FileSinkOptions options;
  options.path = (dir / "out/bad.ndjson").string();
  options.on_permanent_error = OutputErrorPolicy::hold;
  std::vector<std::pair<std::uint64_t, Delivery>> acks;
  std::atomic<bool> stopping{false};
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t t, Delivery d) { acks.emplace_back(t, d); },
      &stopping);
  TestBatch batch(0, 1, 7);
  sink->write(batch.encoded);
  EXPECT_TRUE(acks.empty());
  stopping = true;
  sink->flush();
  EXPECT_EQ(acks, (std::vector<std::pair<std::uint64_t, Delivery>>{{7, Delivery::rejected}}));
}

TEST(FileSink, EventsAreHeldWhenTheDeadLetterFileCannotBeWrittenEither) {
  TempDir dir;
  write_file(dir / "blocked", "a file where a directory should be");
  fs::create_directories(dir / "out");
  fs::create_symlink(dir / "blocked", dir / "out/bad.ndjson");
  FileSinkOptions options;
  options.path = (dir / "out/bad.ndjson").string();
  options.dead_letter = (dir / "blocked/letters.ndjson").string();
  std::vector<Delivery> acks;
  const Watchdog watchdog(std::chrono::seconds(10));
  auto sink = open_sink(
      dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); }, watchdog.flag(),
      /*one_shot=*/true);
  TestBatch batch(0, 1, 1);
  sink->write(batch.encoded);
  EXPECT_EQ(acks, std::vector<Delivery>{Delivery::rejected});
  EXPECT_EQ(sink->counters().dead_lettered, 0u);
}

// What a crash between writing a batch and acknowledging it leaves behind: the batch (whole or
// cut short) after the acknowledged data. The batch is delivered again after the restart.
TEST(FileSink, AnUnacknowledgedBatchOfItsOwnIsCutAtRestartPlainOrCompressed) {
  for (const Compression compression : {Compression::none, Compression::gzip, Compression::zstd}) {
    TempDir dir;
    FileSinkOptions options;
    options.path = (dir / "out.ndjson").string();
    options.compression = compression;
    const std::string extension = compression == Compression::gzip   ? ".gz"
                                  : compression == Compression::zstd ? ".zst"
                                                                     : "";
    const fs::path out = dir / ("out.ndjson" + extension);
    TestBatch acknowledged(0, 2, 1), again(2, 2, 2);
    open_sink(dir / "var", options)->write(acknowledged.encoded);
    {
      // The unacknowledged batch as the sink writes it, and half of it again, as a crash in
      // the middle of writing leaves it.
      FileSinkOptions elsewhere = options;
      elsewhere.path = (dir / "batch.ndjson").string();
      open_sink(dir / "var-elsewhere", elsewhere)->write(again.encoded);
      const std::string batch_bytes = read_file(dir / ("batch.ndjson" + extension));
      std::ofstream(out, std::ios::app | std::ios::binary)
          << batch_bytes << batch_bytes.substr(0, batch_bytes.size() / 2);
    }
    open_sink(dir / "var", options)->write(again.encoded);
    const std::string data = read_file(out);
    const std::string lines = compression == Compression::gzip   ? gunzip(data)
                              : compression == Compression::zstd ? unzstd(data)
                                                                 : data;
    EXPECT_EQ(lines, "line 0\nline 1\nline 2\nline 3\n") << extension;
  }
}

TEST(FileSink, NeverCutsBelowTheSizeItRecorded) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  TestBatch first(0, 2, 1), second(2, 1, 2);
  open_sink(dir / "var", options)->write(first.encoded);
  fs::resize_file(dir / "out.ndjson", 9);  // someone cut it: "line 0\nli"
  open_sink(dir / "var", options)->write(second.encoded);
  EXPECT_EQ(read_file(dir / "out.ndjson"), "line 0\nli\nline 2\n");
}

TEST(FileSink, AFileReplacedSinceItWasRecordedIsNotCut) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  TestBatch first(0, 2, 1), second(2, 1, 2);
  open_sink(dir / "var", options)->write(first.encoded);
  // Another file now has the name, longer than the recorded size (a copy moved into place).
  write_file(dir / "copy", "someone else's line\nand a partial one");
  fs::rename(dir / "copy", dir / "out.ndjson");
  open_sink(dir / "var", options)->write(second.encoded);
  EXPECT_EQ(read_file(dir / "out.ndjson"), "someone else's line\nand a partial one\nline 2\n");
}

TEST(FileSink, TheStateHoldsEachOutputsSizeBeforeItsBatchIsAcknowledged) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "{host}.ndjson").string();
  int checked = 0;
  auto sink = open_sink(dir / "var", options, [&](std::uint64_t, Delivery d) {
    EXPECT_EQ(d, Delivery::delivered);
    const Result<std::vector<OutputRecord>> records =
        OutputState((dir / "var/file-sink-out.state").string()).load();
    ASSERT_TRUE(records) << records.error().message();
    ASSERT_EQ(records->size(), 2u);
    for (const OutputRecord& record : *records) {
      EXPECT_EQ(record.size, fs::file_size(record.path)) << record.path;
      ++checked;
    }
  });
  TestBatch batch(0, 4, 1, [](int i) { return i % 2 == 0 ? std::string("a") : "b"; });
  sink->write(batch.encoded);
  EXPECT_EQ(checked, 2);
}

// A crash in the middle of the first batch written to a new file: the file was recorded (empty)
// before the batch was written, so the restart cuts what the batch left.
TEST(FileSink, ANewOutputIsRecordedBeforeItsFirstBatchIsWritten) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  const int status = run_in_child(
      [&] {
        // Writes past 4 KiB fail (EFBIG, retried): the batch is never written whole.
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{4096, 4096};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) return 2;
        std::vector<Delivery> acks;
        const Watchdog watchdog(std::chrono::milliseconds(300));
        auto sink = open_sink(
            dir / "var", options, [&](std::uint64_t, Delivery d) { acks.push_back(d); },
            watchdog.flag());
        TestBatch big(0, 1000, 1);
        sink->write(big.encoded);
        return acks == std::vector<Delivery>{Delivery::retry} ? 0 : 1;
      },
      60'000);
  ASSERT_EQ(status, 0);
  const Result<std::vector<OutputRecord>> records =
      OutputState((dir / "var/file-sink-out.state").string()).load();
  ASSERT_TRUE(records) << records.error().message();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].path, options.path);
  EXPECT_EQ((*records)[0].size, 0u);
  // What a crash during that write would have left, then the restart.
  write_file(dir / "out.ndjson", "line 0\nline 1\nli");
  TestBatch again(0, 2, 2);
  open_sink(dir / "var", options)->write(again.encoded);
  EXPECT_EQ(read_file(dir / "out.ndjson"), "line 0\nline 1\n");
}

TEST(FileSink, ASecondSinkOnTheSameStateIsRefused) {
  TempDir dir;
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  auto first = open_sink(dir / "var", options);
  const auto second = FileSink::create(SinkConfig{"out", "file", {}}, options,
                                       SinkEnvironment{{}, nullptr, nullptr, dir / "var"});
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message().find("in use by another horolog process"), std::string::npos)
      << second.error().message();
  first.reset();
  EXPECT_TRUE(FileSink::create(SinkConfig{"out", "file", {}}, options,
                               SinkEnvironment{{}, nullptr, nullptr, dir / "var"}));
}

TEST(FileSink, AStateDirectoryThatCannotBeWrittenStopsTheStart) {
  TempDir dir;
  write_file(dir / "var", "a file where the state directory should be");
  FileSinkOptions options;
  options.path = (dir / "out.ndjson").string();
  const auto sink = FileSink::create(SinkConfig{"out", "file", {}}, options,
                                     SinkEnvironment{{}, nullptr, nullptr, dir / "var"});
  ASSERT_FALSE(sink);
  EXPECT_NE(sink.error().message().find("sink out:"), std::string::npos) << sink.error().message();
}

}  // namespace
}  // namespace horolog::test
