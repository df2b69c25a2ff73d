// Symmetric-key authentication of NTP packets (RFC 5905 §7.3 MAC, RFC 8573 AES-CMAC): the
// key id and digest that follow the 48-byte header, computed and verified with OpenSSL 3.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "normalizer/clock/ntp_packet.h"

namespace horolog {

enum class NtpKeyType : std::uint8_t { md5, sha1, sha256, sha384, sha512, aes128, aes256 };

std::string_view to_string(NtpKeyType type) noexcept;

struct NtpKey {
  std::uint32_t id = 0;
  NtpKeyType type = NtpKeyType::md5;
  std::vector<std::uint8_t> secret;
};

// Digest bytes carried after the key id: 16 for MD5 and AES-CMAC, 20 for SHA1, and longer
// hashes truncated to 20 as NTPv4 requires (RFC 5905 §7.3; chrony does the same).
std::size_t mac_digest_size(NtpKeyType type) noexcept;

// Largest MAC field (key id + digest) this code writes or accepts.
inline constexpr std::size_t kMaxNtpMacSize = 4 + 20;

// Writes key id and digest of `packet` (the 48-byte header) into `out`; returns the bytes
// written, 0 when `out` is too small or the crypto library fails.
std::size_t compute_mac(const NtpKey& key, std::span<const std::uint8_t> packet,
                        std::span<std::uint8_t> out) noexcept;

// True when `packet` is a header followed by exactly one MAC made with `key`.
bool verify_mac(const NtpKey& key, std::span<const std::uint8_t> packet) noexcept;

}  // namespace horolog
