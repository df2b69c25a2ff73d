// Where a line source's bytes come from: an open descriptor (a file the input tracks, standard
// input) or an archive (archive_stream.h). Plain files are read at an offset, so a source can
// resume and re-read; pipes and terminals are read in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "normalizer/error.h"

namespace horolog {

class ByteInput {
 public:
  virtual ~ByteInput() = default;
  // Reads up to `size` bytes of the content at `offset` (inputs read in order ignore it); 0 when
  // there is nothing more for now.
  virtual Result<std::size_t> read(char* into, std::size_t size, std::uint64_t offset) = 0;
  // Called once the end has been read: what went wrong that the reads could not tell (an archive
  // that ends in the middle of a frame).
  virtual Result<void> finish() { return {}; }
  // Bytes of the file read so far as stored (compressed bytes for an archive).
  virtual std::uint64_t stored_bytes_read() const noexcept = 0;
  // How many bytes there are now from `offset` on, where that is known (a regular file), so a
  // reader sizes its buffer to the data; nullopt for pipes and archives.
  virtual std::optional<std::uint64_t> available(std::uint64_t offset) const noexcept {
    (void)offset;
    return std::nullopt;
  }
};

// ByteInput::available() of a descriptor: what a regular file holds past `offset`.
std::optional<std::uint64_t> regular_file_available(int fd, std::uint64_t offset) noexcept;

// A descriptor read with pread, or with read where it cannot seek (pipes, terminals).
class DescriptorBytes final : public ByteInput {
 public:
  // `owned`: closed with this object; otherwise the caller keeps it open while this lives.
  DescriptorBytes(int fd, bool owned) noexcept : fd_(fd), owned_(owned) {}
  ~DescriptorBytes() override;
  DescriptorBytes(const DescriptorBytes&) = delete;
  DescriptorBytes& operator=(const DescriptorBytes&) = delete;

  Result<std::size_t> read(char* into, std::size_t size, std::uint64_t offset) override;
  std::uint64_t stored_bytes_read() const noexcept override { return end_; }
  std::optional<std::uint64_t> available(std::uint64_t offset) const noexcept override;

 private:
  int fd_;
  bool owned_;
  std::uint64_t end_ = 0;  // the furthest byte read
};

}  // namespace horolog
