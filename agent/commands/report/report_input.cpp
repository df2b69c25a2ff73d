// Raw logs reach the report as the NDJSON lines parse would print: a sink of our own receives the
// encoded batches, so there is one pipeline and one reader of its output, not a second of each.
#include "agent/commands/report/report_input.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <memory>

#include "agent/engine/batch_writer.h"
#include "agent/engine/read_loop.h"
#include "parsers/format_registry.h"

namespace horolog::report {

namespace {

constexpr std::size_t kChunk = 1 << 20;
// How much is looked at to find the first line; a longer first line is not horolog's output.
constexpr std::size_t kSniff = std::size_t{64} * 1024;

// Hands every encoded line to the report instead of writing it anywhere.
class ReportSink final : public Sink {
 public:
  ReportSink(ReportInput& input, AckCallback ack) : input_(input), ack_(std::move(ack)) {}

  void write(const EncodedBatch& batch) override {
    for (std::size_t i = 0; i < batch.line_ends.size(); ++i) input_.add_line(batch.line(i));
    counters_.events += batch.line_ends.size();
    counters_.bytes += batch.ndjson.size();
    ++counters_.batches_delivered;
    if (ack_) ack_(batch.ticket, Delivery::delivered);
  }
  void flush() override {}
  const SinkCounters& counters() const noexcept override { return counters_; }

 private:
  ReportInput& input_;
  AckCallback ack_;
  SinkCounters counters_;
};

// Reads until `out` holds a whole first line or kSniff bytes, or the input ends.
Result<void> read_first_line(int fd, std::string& out, const std::string& path) {
  char buffer[8192];
  while (out.size() < kSniff && out.find('\n') == std::string::npos) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(Error::from_errno(errno, path));
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return {};
}

std::string_view first_line(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\n')) ++begin;
  text.remove_prefix(begin);
  return text.substr(0, text.find('\n'));
}

// Closes the descriptor it owns (standard input is not ours to close).
struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd > 2) ::close(fd);
  }
};

}  // namespace

void ReportInput::add_line(std::string_view line) {
  if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  if (!reader_.read(line, event_)) {
    ++unreadable_;
    return;
  }
  stories_.add(event_);
}

Result<void> ReportInput::read(const std::string& path) {
  const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(Error::from_errno(errno, path));
  const FdCloser closer{fd};
  std::string head;
  if (Result<void> read = read_first_line(fd, head, path); !read) return read;
  if (NdjsonEventReader::looks_like_horolog(first_line(head))) {
    return read_ndjson(fd, std::move(head));
  }
  if (fd != 0) return read_raw(path, -1);
  // Standard input cannot be read again from its start: what parse reads is spooled to an
  // unnamed temporary file (on disk, not in memory), the part already read first.
  std::unique_ptr<FILE, int (*)(FILE*)> spool(std::tmpfile(), &std::fclose);
  if (!spool) return fail(Error::from_errno(errno, "temporary file for standard input"));
  const int spool_fd = ::fileno(spool.get());
  std::string chunk = std::move(head);
  while (true) {
    std::string_view rest = chunk;
    while (!rest.empty()) {
      const ssize_t n = ::write(spool_fd, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail(Error::from_errno(errno, "temporary file for standard input"));
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
    chunk.resize(kChunk);
    const ssize_t n = ::read(0, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) {
      chunk.clear();
      continue;
    }
    if (n < 0) return fail(Error::from_errno(errno, "standard input"));
    if (n == 0) break;
    chunk.resize(static_cast<std::size_t>(n));
  }
  if (::lseek(spool_fd, 0, SEEK_SET) < 0) return fail(Error::from_errno(errno, "temporary file"));
  return read_raw(path, spool_fd);
}

Result<void> ReportInput::read_ndjson(int fd, std::string pending) {
  std::string chunk(kChunk, '\0');
  while (true) {
    std::size_t begin = 0;
    for (std::size_t end = pending.find('\n'); end != std::string::npos;
         end = pending.find('\n', begin)) {
      add_line(std::string_view(pending).substr(begin, end - begin));
      begin = end + 1;
    }
    pending.erase(0, begin);
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(Error::from_errno(errno, fd == 0 ? "standard input" : "input"));
    if (n == 0) break;
    pending.append(chunk.data(), static_cast<std::size_t>(n));
  }
  add_line(pending);
  return {};
}

Result<void> ReportInput::read_raw(const std::string& path, int fd) {
  std::atomic<bool> stop{false};
  SinkSet sinks;
  sinks.add("report", std::make_unique<ReportSink>(*this, sinks.ack_callback()));
  RunStats stats;
  BatchWriter writer(sinks, stats, std::string(raw_.format->name));
  ReadLoop loop(writer);
  Result<std::unique_ptr<RecordSource>> source =
      fd < 0 ? open_source(path, raw_) : open_file_source(fd, path, raw_);
  if (!source) return fail(source.error());
  Result<SourceStatus> read = loop.run(**source, stop);
  sinks.flush();
  if (!read) return fail(read.error());
  return {};
}

}  // namespace horolog::report
