// NTS Key Establishment records (RFC 8915 §4): the request the client sends and the parsing of
// a server's answer (protocol and AEAD chosen, cookies, NTP server and port, errors).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "normalizer/error.h"

namespace horolog {

inline constexpr std::uint16_t kNtsKePort = 4460;
inline constexpr std::uint16_t kNtsProtocolNtpv4 = 0;
// AEAD_AES_SIV_CMAC_256, the algorithm every NTS implementation must support (§5.1).
inline constexpr std::uint16_t kNtsAeadAesSivCmac256 = 15;
// A client keeps at most this many cookies (§6: "eight cookies").
inline constexpr std::size_t kNtsMaxCookies = 8;
// An answer longer than this is not a key exchange (chrony's is about 900 bytes).
inline constexpr std::size_t kNtsKeMaxAnswer = std::size_t{64} * 1024;

enum class NtsKeRecordType : std::uint16_t {
  end_of_message = 0,
  next_protocol = 1,
  error = 2,
  warning = 3,
  aead_algorithm = 4,
  new_cookie = 5,
  ntpv4_server = 6,
  ntpv4_port = 7,
};

struct NtsKeAnswer {
  std::vector<std::vector<std::uint8_t>> cookies;  // at most kNtsMaxCookies
  std::string ntp_server;                          // empty: the key-exchange host
  std::optional<std::uint16_t> ntp_port;           // empty: 123
};

// Next Protocol NTPv4, AEAD AES-SIV-CMAC-256, End of Message; all critical.
std::vector<std::uint8_t> nts_ke_request();

// The length of the records up to and including End of Message when `data` holds them all;
// empty while more bytes are needed (or the records are malformed: parsing will say how).
std::optional<std::size_t> nts_ke_answer_length(std::span<const std::uint8_t> data) noexcept;

// A server's complete answer; the error says which record was wrong or what the server refused.
Result<NtsKeAnswer> parse_nts_ke_answer(std::span<const std::uint8_t> data);

}  // namespace horolog
