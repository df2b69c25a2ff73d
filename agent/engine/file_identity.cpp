// fstat for device and inode, pread of the first bytes for the fingerprint.
#include "agent/engine/file_identity.h"

#include <sys/stat.h>
#include <unistd.h>

namespace horolog {

std::uint64_t fingerprint_bytes(const char* data, std::size_t length) noexcept {
  std::uint64_t hash = 14695981039346656037ull;
  for (std::size_t i = 0; i < length; ++i) {
    hash ^= static_cast<unsigned char>(data[i]);
    hash *= 1099511628211ull;
  }
  return hash;
}

bool identify_file(int fd, FileIdentity& identity) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return false;
  identity.device = static_cast<std::uint64_t>(st.st_dev);
  identity.inode = static_cast<std::uint64_t>(st.st_ino);
  char head[kFingerprintBytes];
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  if (n < 0) return false;
  identity.fingerprint_length = static_cast<std::uint32_t>(n);
  identity.fingerprint = fingerprint_bytes(head, static_cast<std::size_t>(n));
  return true;
}

bool fingerprint_matches(int fd, const FileIdentity& identity) {
  char head[kFingerprintBytes];
  const ssize_t n = ::pread(fd, head, identity.fingerprint_length, 0);
  return n == static_cast<ssize_t>(identity.fingerprint_length) &&
         fingerprint_bytes(head, identity.fingerprint_length) == identity.fingerprint;
}

}  // namespace horolog
