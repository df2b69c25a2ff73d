// One archived log file opened for replay: plain files are read directly; gzip and zstd files
// (recognised by their magic bytes, not their names) are decompressed on a thread of their own
// into a pipe, so the line reader sees a plain byte stream either way.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace horolog {

enum class ArchiveCompression : std::uint8_t { none, gzip, zstd };

// The compression a file starting with `head` uses (gzip 1f 8b, zstd frame 28 b5 2f fd).
ArchiveCompression detect_compression(std::string_view head) noexcept;

class ArchiveStream {
 public:
  // Opens `path`; nullptr with `error` set (path and reason) when it cannot be read.
  static std::unique_ptr<ArchiveStream> open(const std::string& path, std::string& error);
  ~ArchiveStream();
  ArchiveStream(const ArchiveStream&) = delete;
  ArchiveStream& operator=(const ArchiveStream&) = delete;

  // What to read the content from: the file itself, or the read end of the decompression pipe.
  int fd() const noexcept { return read_fd_; }
  ArchiveCompression compression() const noexcept { return compression_; }
  std::uint64_t file_size() const noexcept { return file_size_; }
  // Compressed bytes decoded so far (compressed files only; for progress).
  std::uint64_t compressed_consumed() const noexcept { return consumed_.load(); }

  // Call once the reader has seen the end of the content: waits for the decompressor and
  // returns what went wrong (corrupt or truncated data), or an empty string.
  std::string finish();

 private:
  ArchiveStream() = default;
  void decompress(int out_fd) noexcept;
  // Reads up to `buffer.size()` compressed bytes and counts them; 0 at end of file, -1 on an
  // error (which it records).
  ssize_t read_compressed(std::vector<unsigned char>& buffer) noexcept;
  bool inflate_gzip(int out_fd) noexcept;
  bool decompress_zstd(int out_fd) noexcept;

  std::string path_;
  int file_fd_ = -1;
  int read_fd_ = -1;
  ArchiveCompression compression_ = ArchiveCompression::none;
  std::uint64_t file_size_ = 0;
  std::atomic<std::uint64_t> consumed_{0};
  std::string error_;  // written by the decompressor, read after join
  std::thread worker_;
};

}  // namespace horolog
