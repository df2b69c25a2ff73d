// pread first, read where the descriptor cannot seek.
#include "agent/engine/sources/byte_input.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace horolog {

DescriptorBytes::~DescriptorBytes() {
  if (owned_) ::close(fd_);
}

Result<std::size_t> DescriptorBytes::read(char* into, std::size_t size, std::uint64_t offset) {
  ssize_t n;
  do {
    n = ::pread(fd_, into, size, static_cast<off_t>(offset));
  } while (n < 0 && errno == EINTR);
  if (n < 0 && errno == ESPIPE) {
    do {
      n = ::read(fd_, into, size);
    } while (n < 0 && errno == EINTR);
  }
  if (n < 0) return fail(Error::from_errno(errno, "read error"));
  end_ = std::max(end_, offset + static_cast<std::uint64_t>(n));
  return static_cast<std::size_t>(n);
}

std::optional<std::uint64_t> DescriptorBytes::available(std::uint64_t offset) const noexcept {
  return regular_file_available(fd_, offset);
}

std::optional<std::uint64_t> regular_file_available(int fd, std::uint64_t offset) noexcept {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const auto size = static_cast<std::uint64_t>(st.st_size);
  return size > offset ? size - offset : 0;
}

}  // namespace horolog
