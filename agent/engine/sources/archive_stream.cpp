// Decompression runs beside the parser (two cores: one inflates, one parses); the pipe between
// them bounds the memory it may run ahead by.
#include "agent/engine/sources/archive_stream.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include "sinks/write_fully.h"

namespace horolog {

namespace {

constexpr std::size_t kHeadBytes = 4;  // enough for either magic
constexpr std::size_t kBufferBytes = std::size_t{256} * 1024;
constexpr int kPipeBytes = 1 << 20;  // the default maximum an unprivileged process may set

}  // namespace

ArchiveCompression detect_compression(std::string_view head) noexcept {
  if (head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b') return ArchiveCompression::gzip;
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xb5\x2f\xfd", 4)) {
    return ArchiveCompression::zstd;
  }
  return ArchiveCompression::none;
}

Result<std::unique_ptr<ArchiveStream>> ArchiveStream::open(const std::string& path) {
  std::unique_ptr<ArchiveStream> stream(new ArchiveStream());
  stream->path_ = path;
  stream->file_fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (stream->file_fd_ < 0) return fail(Error::from_errno(errno, "cannot open " + path));
  struct stat st {};
  if (fstat(stream->file_fd_, &st) != 0)
    return fail(Error::from_errno(errno, "cannot read " + path));
  if (!S_ISREG(st.st_mode)) {
    return fail(ErrorCode::unsupported, "cannot read " + path + ": not a regular file");
  }
  stream->file_size_ = static_cast<std::uint64_t>(st.st_size);
  char head[kHeadBytes];
  const ssize_t n = ::pread(stream->file_fd_, head, kHeadBytes, 0);
  if (n < 0) return fail(Error::from_errno(errno, "cannot read " + path));
  stream->compression_ = detect_compression({head, static_cast<std::size_t>(n)});
  if (stream->compression_ == ArchiveCompression::none) {
    stream->read_fd_ = stream->file_fd_;
    return stream;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return fail(Error::from_errno(errno, "cannot decompress " + path + ": pipe"));
  }
  (void)fcntl(fds[1], F_SETPIPE_SZ, kPipeBytes);  // a larger pipe means fewer wake-ups
  stream->read_fd_ = fds[0];
  ArchiveStream* self = stream.get();
  const int write_fd = fds[1];
  stream->worker_ = std::thread([self, write_fd] { self->decompress(write_fd); });
  return stream;
}

ArchiveStream::~ArchiveStream() {
  // Closing the read end first makes a decompressor still writing stop with EPIPE.
  if (read_fd_ >= 0 && read_fd_ != file_fd_) ::close(read_fd_);
  if (worker_.joinable()) worker_.join();
  if (file_fd_ >= 0) ::close(file_fd_);
}

Result<std::size_t> ArchiveStream::read(char* into, std::size_t size, std::uint64_t offset) {
  ssize_t n;
  do {
    n = compression_ == ArchiveCompression::none
            ? ::pread(read_fd_, into, size, static_cast<off_t>(offset))
            : ::read(read_fd_, into, size);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return fail(Error::from_errno(errno, "read error on " + path_));
  if (compression_ == ArchiveCompression::none) {
    plain_read_ = std::max(plain_read_, offset + static_cast<std::uint64_t>(n));
  }
  return static_cast<std::size_t>(n);
}

std::uint64_t ArchiveStream::stored_bytes_read() const noexcept {
  return compression_ == ArchiveCompression::none ? plain_read_ : consumed_.load();
}

std::optional<std::uint64_t> ArchiveStream::available(std::uint64_t offset) const noexcept {
  if (compression_ != ArchiveCompression::none) return std::nullopt;  // known only once decoded
  return regular_file_available(file_fd_, offset);
}

Result<void> ArchiveStream::finish() {
  if (worker_.joinable()) worker_.join();
  if (!error_.empty()) return fail(error_code_, error_);
  return {};
}

void ArchiveStream::decompress(int out_fd) noexcept {
  // A reader that stops early closes its end: that must be EPIPE here, not a fatal SIGPIPE.
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
  if (compression_ == ArchiveCompression::gzip) {
    (void)inflate_gzip(out_fd);
  } else {
    (void)decompress_zstd(out_fd);
  }
  ::close(out_fd);
}

ssize_t ArchiveStream::read_compressed(std::vector<unsigned char>& buffer) noexcept {
  ssize_t n;
  do {
    n = ::read(file_fd_, buffer.data(), buffer.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    error_ = path_ + ": read error: " + std::strerror(errno);
    error_code_ = ErrorCode::io;
  } else {
    consumed_ += static_cast<std::uint64_t>(n);
  }
  return n;
}

bool ArchiveStream::inflate_gzip(int out_fd) noexcept {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) {  // 15 + 32: a gzip or zlib header, detected
    error_ = path_ + ": cannot start gzip decoding";
    return false;
  }
  std::vector<unsigned char> in(kBufferBytes), out(kBufferBytes);
  bool ended = false;
  bool ok = true;
  for (;;) {
    const ssize_t n = read_compressed(in);
    if (n < 0) {
      ok = false;
      break;
    }
    if (n == 0) break;
    z.next_in = in.data();
    z.avail_in = static_cast<uInt>(n);
    while (ok) {
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      const int ret = inflate(&z, Z_NO_FLUSH);
      if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR) {
        error_ = path_ + ": corrupt gzip data: " + (z.msg != nullptr ? z.msg : "invalid stream");
        ok = false;
        break;
      }
      const std::size_t produced = out.size() - z.avail_out;
      if (produced > 0) {
        const int err = write_fully(out_fd, {reinterpret_cast<const char*>(out.data()), produced});
        if (err != 0) {
          inflateEnd(&z);
          return err == EPIPE;  // EPIPE: the reader stopped early, nothing is wrong here
        }
      }
      ended = ret == Z_STREAM_END;
      // Concatenated members (gzip a; gzip b; cat) are one file: carry on with the next one.
      if (ended) inflateReset(&z);
      if (z.avail_in == 0 && z.avail_out != 0) break;
    }
    if (!ok) break;
  }
  inflateEnd(&z);
  if (ok && !ended) {
    error_ = path_ + ": truncated gzip data (the stream has no end)";
    ok = false;
  }
  return ok;
}

bool ArchiveStream::decompress_zstd(int out_fd) noexcept {
  ZSTD_DStream* stream = ZSTD_createDStream();
  if (stream == nullptr) {
    error_ = path_ + ": cannot start zstd decoding";
    return false;
  }
  std::vector<unsigned char> in(kBufferBytes), out(kBufferBytes);
  std::size_t pending = 1;  // 0 once a frame is complete (nothing read yet: incomplete)
  bool ok = true;
  for (;;) {
    const ssize_t n = read_compressed(in);
    if (n < 0) {
      ok = false;
      break;
    }
    if (n == 0) break;
    ZSTD_inBuffer input{in.data(), static_cast<std::size_t>(n), 0};
    while (ok) {
      ZSTD_outBuffer output{out.data(), out.size(), 0};
      pending = ZSTD_decompressStream(stream, &output, &input);
      if (ZSTD_isError(pending)) {
        error_ = path_ + ": corrupt zstd data: " + ZSTD_getErrorName(pending);
        ok = false;
        break;
      }
      if (output.pos > 0) {
        const int err =
            write_fully(out_fd, {reinterpret_cast<const char*>(out.data()), output.pos});
        if (err != 0) {
          ZSTD_freeDStream(stream);
          return err == EPIPE;
        }
      }
      if (input.pos == input.size && output.pos < output.size) break;
    }
    if (!ok) break;
  }
  ZSTD_freeDStream(stream);
  if (ok && pending != 0) {
    error_ = path_ + ": truncated zstd data (the last frame has no end)";
    ok = false;
  }
  return ok;
}

}  // namespace horolog
