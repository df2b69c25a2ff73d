// The source factory: the right source for a format and a file, archive or pipe, `auto` finding
// whole-file formats by their first bytes, and batches that outlive the source they came from.
#include "agent/engine/sources/source_factory.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "parsers/format_registry.h"
#include "tests/support/compress_fixture.h"
#include "tests/support/test_paths.h"

namespace horolog {
namespace {

SourceOptions options_for(std::string_view format) {
  SourceOptions options;
  options.format = find_format(format);
  options.input_name = "test";
  options.host = "test-host";
  return options;
}

// Every event's message and log.offset, read to the end; the format the source settled on.
struct Read {
  std::string format;
  std::vector<std::pair<std::string, std::uint64_t>> events;
};

Read read_all(RecordSource& source) {
  Read read{std::string(source.format().name), {}};
  EventBatch batch;
  for (;;) {
    const Result<SourceStatus> status = source.read(batch);
    EXPECT_TRUE(status) << status.error().message();
    if (!status || *status == SourceStatus::end) break;
    EXPECT_EQ(*status, SourceStatus::batch);
    for (const Event& event : batch) read.events.emplace_back(event.message, event.offset);
  }
  return read;
}

Read read_path(const std::string& path, std::string_view format = "auto") {
  Result<std::unique_ptr<RecordSource>> source = open_source(path, options_for(format));
  EXPECT_TRUE(source) << source.error().message();
  return source ? read_all(**source) : Read{};
}

constexpr std::string_view kSyslog =
    "<13>Nov 26 12:00:01 web1 sshd[7]: first\n<13>Nov 26 12:00:02 web1 sshd[7]: second\n";

TEST(SourceFactory, DecompressesGzipAndZstdLineFilesByTheirFirstBytes) {
  test::TempDir dir;
  test::write_file(dir / "plain", kSyslog);
  test::write_file(dir / "syslog.1", test::gzip_bytes(kSyslog));  // no telling name
  test::write_file(dir / "syslog.2", test::zstd_bytes(kSyslog));
  const Read plain = read_path((dir / "plain").string());
  ASSERT_EQ(plain.events.size(), 2u);
  EXPECT_EQ(plain.events[1].first, "second");
  EXPECT_EQ(plain.events[1].second, kSyslog.find("<13>Nov 26 12:00:02"));  // decompressed offset
  EXPECT_EQ(read_path((dir / "syslog.1").string()).events, plain.events);
  EXPECT_EQ(read_path((dir / "syslog.2").string()).events, plain.events);
}

TEST(SourceFactory, RecognisesWholeFileFormatsAlsoInsideArchives) {
  test::TempDir dir;
  const std::string xml =
      test::read_file(test::source_path("tests/data/winevent/otel_xml_sample.xml"));
  test::write_file(dir / "export.xml", xml);
  test::write_file(dir / "export.xml.zst", test::zstd_bytes(xml));
  const Read plain = read_path((dir / "export.xml").string());
  EXPECT_EQ(plain.format, "winevent-xml");
  ASSERT_EQ(plain.events.size(), 1u);
  const Read compressed = read_path((dir / "export.xml.zst").string());
  EXPECT_EQ(compressed.format, "winevent-xml");
  EXPECT_EQ(compressed.events, plain.events);
}

TEST(SourceFactory, ReadsANamedPipeInOrderAndRecognisesItsFormat) {
  test::TempDir dir;
  const std::string evtx =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  test::write_file(dir / "export.evtx", evtx);
  const std::string fifo = (dir / "pipe").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { test::write_file(fifo, evtx); });
  const Read piped = read_path(fifo);
  writer.join();
  EXPECT_EQ(piped.format, "evtx");
  EXPECT_EQ(piped.events, read_path((dir / "export.evtx").string()).events);
  EXPECT_EQ(piped.events.size(), 7u);
}

TEST(SourceFactory, NamesTheFileItCannotOpen) {
  test::TempDir dir;
  const auto source = open_source((dir / "absent.log").string(), options_for("auto"));
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().code(), ErrorCode::not_found);
  EXPECT_NE(source.error().message().find("absent.log"), std::string::npos);
}

TEST(SourceFactory, RefusesOptionsTheFormatsParserCannotUse) {
  test::TempDir dir;
  test::write_file(dir / "a.log", "x\n");
  const auto source = open_source((dir / "a.log").string(), options_for("regex"));
  ASSERT_FALSE(source);
  EXPECT_EQ(source.error().code(), ErrorCode::invalid_config);
}

TEST(SourceFactory, AFollowedFileWaitsForTheRestOfItsLastLine) {
  test::TempDir dir;
  const std::string path = (dir / "live.log").string();
  test::write_file(path, "<13>Nov 26 12:00:01 web1 app: whole\n<13>Nov 26 12:00:02 web1 app: ha");
  SourceOptions options = options_for("rfc3164");
  options.follow = true;
  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  {
    auto source = open_file_source(fd, path, options).value();
    EventBatch batch;
    ASSERT_EQ(source->read(batch).value(), SourceStatus::batch);
    ASSERT_EQ(batch.size, 1u);
    EXPECT_EQ(batch.events[0].message, "whole");
    EXPECT_EQ(source->read(batch).value(), SourceStatus::idle);  // "ha" is not a line yet
    std::ofstream(path, std::ios::app) << "lf\n";
    ASSERT_EQ(source->read(batch).value(), SourceStatus::batch);
    ASSERT_EQ(batch.size, 1u);
    EXPECT_EQ(batch.events[0].message, "half");
    EXPECT_EQ(source->position().offset, test::read_file(path).size());
  }
  ::close(fd);
}

TEST(SourceFactory, ASourceThatWillNotGrowDeliversAnUnterminatedLastLine) {
  test::TempDir dir;
  test::write_file(dir / "end.log", "<13>Nov 26 12:00:01 web1 app: no newline");
  const Read read = read_path((dir / "end.log").string(), "rfc3164");
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].first, "no newline");
}

TEST(WholeFileSource, BatchesKeepTheMappedFileAliveAfterTheSourceIsGone) {
  test::TempDir dir;
  const std::string xml =
      test::read_file(test::source_path("tests/data/winevent/otel_xml_sample.xml"));
  test::write_file(dir / "export.xml", xml);
  EventBatch batch;
  std::string original;
  {
    auto source = open_source((dir / "export.xml").string(), options_for("winevent-xml")).value();
    ASSERT_EQ(source->read(batch).value(), SourceStatus::batch);
    original = std::string(batch.events[0].time_original);
  }
  std::filesystem::remove(dir / "export.xml");
  // A view into a file the source had unmapped would fault here.
  EXPECT_EQ(batch.events[0].time_original, original);
  EXPECT_NE(xml.find(original), std::string::npos);
}

}  // namespace
}  // namespace horolog
