// Who a file is, independent of its current name: rename keeps it, inode reuse is caught by a
// fingerprint of its first bytes (recorded with how many bytes it covers).
#pragma once

#include <cstdint>

namespace horolog {

struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t fingerprint = 0;
  std::uint32_t fingerprint_length = 0;

  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

// How many leading bytes a fingerprint covers at most.
inline constexpr std::uint32_t kFingerprintBytes = 1024;

// Hash of the first `length` bytes of a file (FNV-1a, 64 bit): the identity's fingerprint.
std::uint64_t fingerprint_bytes(const char* data, std::size_t length) noexcept;

// Reads up to kFingerprintBytes from the start of an open file and fills the identity (device
// and inode from fstat). False when the file cannot be read.
bool identify_file(int fd, FileIdentity& identity);

// True when the file still starts with the bytes the identity's fingerprint covers.
bool fingerprint_matches(int fd, const FileIdentity& identity);

}  // namespace horolog
