// The 48-byte NTPv4 header (RFC 5905 §7.3): encoding a client request with a random transmit
// timestamp, decoding a reply, and the checks a reply must pass before it is used.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "normalizer/clock/ntp_timestamp.h"

namespace horolog {

inline constexpr std::size_t kNtpHeaderSize = 48;
inline constexpr std::uint8_t kNtpVersion = 4;

enum class NtpMode : std::uint8_t { client = 3, server = 4 };

struct NtpHeader {
  std::uint8_t leap = 0;  // 0 no warning, 1/2 leap second pending, 3 unsynchronized
  std::uint8_t version = kNtpVersion;
  std::uint8_t mode = 0;
  std::uint8_t stratum = 0;  // 0 = Kiss-o'-Death, 1 primary, 2..15 secondary, 16 unsynchronized
  std::int8_t poll = 0;
  std::int8_t precision = 0;          // log2 seconds
  std::uint32_t root_delay = 0;       // NTP short format
  std::uint32_t root_dispersion = 0;  // NTP short format
  std::uint32_t reference_id = 0;     // for stratum 0 the kiss code in ASCII
  NtpTimestamp reference;
  NtpTimestamp origin;
  NtpTimestamp receive;
  NtpTimestamp transmit;
};

void encode_header(const NtpHeader& header, std::span<std::uint8_t, kNtpHeaderSize> out) noexcept;
NtpHeader decode_header(std::span<const std::uint8_t, kNtpHeaderSize> in) noexcept;

// A client request whose transmit timestamp is `nonce`: random bits rather than the send time,
// so that only someone who saw the request can forge a reply echoing it (RFC 5905 §15,
// draft-ietf-ntp-data-minimization). The real send time stays local as T1.
NtpHeader make_request(NtpTimestamp nonce) noexcept;

// 64 random bits from the kernel's CSPRNG.
NtpTimestamp random_nonce() noexcept;

enum class ReplyStatus : std::uint8_t {
  ok,
  bad_length,      // shorter than a header, or a MAC field of impossible size
  bad_mode,        // not a server (mode 4) reply
  bad_version,     // not NTPv3 or NTPv4
  bogus_origin,    // origin does not echo our transmit timestamp: stale, duplicate or forged
  kiss_rate,       // Kiss-o'-Death RATE: we poll too often; back off
  kiss_deny,       // Kiss-o'-Death DENY: access denied; stop querying this server
  kiss_rstr,       // Kiss-o'-Death RSTR: access restricted; stop querying this server
  kiss_ntsn,       // Kiss-o'-Death NTSN (NTS NAK): the server could not use our cookie
  kiss_other,      // stratum 0 with another kiss code: no time in it
  bad_stratum,     // stratum above 15: the server is not synchronized
  unsynchronized,  // leap indicator 3: the server says its clock is not set
  zero_timestamp,  // receive or transmit timestamp is zero
  bad_auth,        // no MAC, a wrong key id or MAC; for NTS a wrong unique id or authenticator
};

std::string_view to_string(ReplyStatus status) noexcept;

// Checks a decoded reply against the request whose transmit timestamp was `nonce`.
ReplyStatus validate_reply(const NtpHeader& reply, NtpTimestamp nonce) noexcept;

// "RATE" etc. as the 32-bit big-endian reference id of a kiss packet.
constexpr std::uint32_t kiss_code(std::string_view code) noexcept {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<std::uint8_t>(i < code.size() ? code[i] : ' ');
  }
  return value;
}

}  // namespace horolog
