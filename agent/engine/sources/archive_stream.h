// One log file opened to be read once (parse, replay, bench): plain files are read directly; gzip
// and zstd files (recognised by their magic bytes, not their names) are decompressed on a thread
// of their own into a pipe, so the source sees the plain content either way.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "agent/engine/sources/byte_input.h"

namespace horolog {

enum class ArchiveCompression : std::uint8_t { none, gzip, zstd };

// The compression a file starting with `head` uses (gzip 1f 8b, zstd frame 28 b5 2f fd).
ArchiveCompression detect_compression(std::string_view head) noexcept;

class ArchiveStream final : public ByteInput {
 public:
  // Opens `path`, a regular file (errors name the path).
  static Result<std::unique_ptr<ArchiveStream>> open(const std::string& path);
  ~ArchiveStream() override;
  ArchiveStream(const ArchiveStream&) = delete;
  ArchiveStream& operator=(const ArchiveStream&) = delete;

  // The content: the file itself at `offset`, or the decompressed bytes in order.
  Result<std::size_t> read(char* into, std::size_t size, std::uint64_t offset) override;
  // Once the content has been read to its end: waits for the decompressor and reports corrupt or
  // truncated data.
  Result<void> finish() override;
  std::uint64_t stored_bytes_read() const noexcept override;
  std::optional<std::uint64_t> available(std::uint64_t offset) const noexcept override;

  // The file itself (plain files can be mapped); for a compressed file its content comes only
  // through read().
  int file_fd() const noexcept { return file_fd_; }
  ArchiveCompression compression() const noexcept { return compression_; }
  std::uint64_t file_size() const noexcept { return file_size_; }

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
  std::atomic<std::uint64_t> consumed_{0};  // compressed bytes decoded so far
  std::uint64_t plain_read_ = 0;            // plain files: the furthest byte read
  std::string error_;                       // written by the decompressor, read after join
  ErrorCode error_code_ = ErrorCode::corrupt;
  std::thread worker_;
};

}  // namespace horolog
