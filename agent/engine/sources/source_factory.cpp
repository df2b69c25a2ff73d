// Format resolution first (a whole-file format under `auto`?), then the source over the bytes:
// a plain file is read in place, a stream or an archive is read in order.
#include "agent/engine/sources/source_factory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "agent/engine/sources/archive_stream.h"
#include "agent/engine/sources/journal_source.h"
#include "agent/engine/sources/line_source.h"
#include "agent/engine/sources/whole_file_source.h"
#include "parsers/format_registry.h"

namespace horolog {

namespace {

SysNanos now_ns() {
  return std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
}

SysNanos modification_time(int fd) {
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    return SysNanos(std::chrono::seconds(st.st_mtim.tv_sec) + Nanoseconds(st.st_mtim.tv_nsec));
  }
  return now_ns();
}

TimeResolverSettings time_settings(const SourceOptions& options, SysNanos fallback_reference) {
  return {options.zone, options.follow ? now_ns() : options.reference.value_or(fallback_reference)};
}

// The format to read with: a whole-file format `auto` recognises in `head`, else the one asked.
const FormatInfo& resolve_format(const SourceOptions& options, std::string_view head) {
  if (options.format->name == "auto") {
    if (const FormatInfo* whole = detect_whole_file_format(head)) return *whole;
  }
  return *options.format;
}

Result<std::unique_ptr<RecordSource>> line_source(const FormatInfo& format, const std::string& path,
                                                  const SourceOptions& options,
                                                  TimeResolverSettings time,
                                                  std::unique_ptr<ByteInput> input,
                                                  std::string prefix = {}) {
  Result<std::unique_ptr<Parser>> parser = format.make(options.parser);
  if (!parser) return fail(parser.error().within("format " + std::string(format.name)));
  LineSourceSettings settings{path, options.input_name, options.host, options.max_record_size};
  settings.follow = options.follow;
  return std::make_unique<LineSource>(format, std::move(settings), std::move(*parser), time,
                                      std::move(input), options.start, std::move(prefix));
}

WholeFileSettings whole_settings(const std::string& path, const SourceOptions& options) {
  WholeFileSettings settings{path, options.input_name, options.host, options.parser};
  settings.follow = options.follow;
  return settings;
}

// Journal files: sd-journal reads them itself, from `path` or from the caller's descriptor.
Result<std::unique_ptr<RecordSource>> journal_source(const FormatInfo& format,
                                                     const std::string& path, int fd,
                                                     const SourceOptions& options) {
  JournalSettings settings;
  if (fd >= 0) {
    settings.fd = fd;
  } else {
    settings.files = {path};
  }
  settings.path = path;
  settings.input_name = options.input_name;
  settings.host = options.host;
  settings.follow = options.follow;
  settings.start = SourcePosition(options.start);
  Result<std::unique_ptr<JournalSource>> source = JournalSource::open(format, std::move(settings));
  if (!source) return fail(source.error());
  return std::unique_ptr<RecordSource>(std::move(*source));
}

// sd-journal maps journal files: a stream or an archive of one cannot be read as it comes.
Error journal_not_in_file(const std::string& path) {
  return Error(ErrorCode::unsupported,
               path + ": a journal is read from a file (decompress it to a file first)");
}

// Reads up to `limit` bytes (everything when 0) of an input read in order, from `start` (which
// matters where the input can seek: standard input redirected from a file). `once`: a single
// read, however much it returns.
Result<std::string> read_in_order(ByteInput& input, std::uint64_t start, std::size_t limit,
                                  bool once) {
  std::string bytes;
  std::string buffer(std::size_t{64} * 1024, '\0');
  while (limit == 0 || bytes.size() < limit) {
    const std::size_t want =
        limit == 0 ? buffer.size() : std::min(buffer.size(), limit - bytes.size());
    Result<std::size_t> got = input.read(buffer.data(), want, start + bytes.size());
    if (!got) return fail(got.error());
    if (*got == 0) break;
    bytes.append(buffer.data(), *got);
    if (once) break;
  }
  return bytes;
}

// Standard input or a pipe: its first read decides the format (a single read, so that a live
// stream is not held up waiting for more); a whole-file format is then read to its end.
Result<std::unique_ptr<RecordSource>> stream_source(int fd, bool owned, const std::string& path,
                                                    const SourceOptions& options) {
  auto input = std::make_unique<DescriptorBytes>(fd, owned);
  std::string head;
  if (options.format->name == "auto") {
    Result<std::string> first = read_in_order(*input, 0, kWholeFileDetectBytes, /*once=*/true);
    if (!first) return fail(first.error().within(path));
    head = std::move(*first);
  }
  const FormatInfo& format = resolve_format(options, head);
  const TimeResolverSettings time = time_settings(options, now_ns());
  if (format.framing == RecordFraming::journal) return fail(journal_not_in_file(path));
  if (format.framing == RecordFraming::whole_file) {
    Result<std::string> rest = read_in_order(*input, head.size(), 0, /*once=*/false);
    if (!rest) return fail(rest.error().within(path));
    return std::make_unique<WholeFileSource>(format, whole_settings(path, options), time,
                                             head + *rest);
  }
  return line_source(format, path, options, time, std::move(input), std::move(head));
}

// The first bytes of a regular file, read without moving its offset.
Result<std::string> file_head(int fd, const std::string& path) {
  std::string head(kWholeFileDetectBytes, '\0');
  const ssize_t got = ::pread(fd, head.data(), head.size(), 0);
  if (got < 0) return fail(Error::from_errno(errno, "cannot read " + path));
  head.resize(static_cast<std::size_t>(got));
  return head;
}

}  // namespace

Result<std::unique_ptr<RecordSource>> open_file_source(int fd, const std::string& path,
                                                       const SourceOptions& options) {
  std::string head;
  if (options.format->name == "auto") {
    Result<std::string> read = file_head(fd, path);
    if (!read) return fail(read.error());
    head = std::move(*read);
  }
  const FormatInfo& format = resolve_format(options, head);
  if (format.framing == RecordFraming::journal) return journal_source(format, path, fd, options);
  const TimeResolverSettings time = time_settings(options, modification_time(fd));
  if (format.framing == RecordFraming::whole_file) {
    return std::make_unique<WholeFileSource>(format, whole_settings(path, options), time, fd,
                                             /*owns_fd=*/false, options.start);
  }
  return line_source(format, path, options, time,
                     std::make_unique<DescriptorBytes>(fd, /*owned=*/false));
}

Result<std::unique_ptr<RecordSource>> open_source(const std::string& path,
                                                  const SourceOptions& options) {
  if (path == "-") return stream_source(0, /*owned=*/false, path, options);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
    // A named pipe, a process substitution, a terminal: read in order, like standard input.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(Error::from_errno(errno, "cannot open " + path));
    return stream_source(fd, /*owned=*/true, path, options);
  }
  Result<std::unique_ptr<ArchiveStream>> opened = ArchiveStream::open(path);
  if (!opened) return fail(opened.error());
  std::unique_ptr<ArchiveStream> stream = std::move(*opened);
  const TimeResolverSettings time = time_settings(options, modification_time(stream->file_fd()));
  std::string head;
  if (stream->compression() == ArchiveCompression::none) {
    if (options.format->name == "auto") {
      Result<std::string> read = file_head(stream->file_fd(), path);
      if (!read) return fail(read.error());
      head = std::move(*read);
    }
    const FormatInfo& format = resolve_format(options, head);
    if (format.framing == RecordFraming::journal) return journal_source(format, path, -1, options);
    if (format.framing == RecordFraming::whole_file) {
      // Mapped in place: the source takes a descriptor of its own and the stream goes.
      const int fd = ::dup(stream->file_fd());
      if (fd < 0) return fail(Error::from_errno(errno, "cannot read " + path));
      return std::make_unique<WholeFileSource>(format, whole_settings(path, options), time, fd,
                                               /*owns_fd=*/true, 0);
    }
    return line_source(format, path, options, time, std::move(stream));
  }
  // An archive: the decompressed head decides the format; a whole-file format is decompressed
  // into memory, a line format is parsed as the bytes come.
  if (options.format->name == "auto") {
    Result<std::string> first = read_in_order(*stream, 0, kWholeFileDetectBytes, /*once=*/false);
    if (!first) return fail(first.error());
    head = std::move(*first);
  }
  const FormatInfo& format = resolve_format(options, head);
  if (format.framing == RecordFraming::journal) return fail(journal_not_in_file(path));
  if (format.framing == RecordFraming::whole_file) {
    Result<std::string> rest = read_in_order(*stream, head.size(), 0, /*once=*/false);
    if (!rest) return fail(rest.error());
    if (Result<void> finished = stream->finish(); !finished) return fail(finished.error());
    return std::make_unique<WholeFileSource>(format, whole_settings(path, options), time,
                                             head + *rest);
  }
  return line_source(format, path, options, time, std::move(stream), std::move(head));
}

}  // namespace horolog
