// NTS extension fields of NTP packets (RFC 8915 §5): a request's Unique Identifier, cookie,
// cookie placeholders and authenticator; a reply's checks and the new cookies sealed in it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "normalizer/clock/aes_siv.h"

namespace horolog {

inline constexpr std::size_t kNtsUniqueIdSize = 32;
using NtsUniqueId = std::array<std::uint8_t, kNtsUniqueIdSize>;

enum class NtsFieldType : std::uint16_t {
  unique_identifier = 0x0104,
  cookie = 0x0204,
  cookie_placeholder = 0x0304,
  authenticator = 0x0404,
};

// Random bytes from OpenSSL's CSPRNG (unique ids, nonces); false when it fails.
bool fill_random(std::span<std::uint8_t> out) noexcept;

// Appends to `packet`, which holds the 48-byte request header, the Unique Identifier `id`, the
// cookie, `placeholders` Cookie Placeholders (each asks the server for one more cookie) and the
// authenticator sealed with `c2s` over everything before it. False when the crypto fails.
bool append_nts_request_fields(std::vector<std::uint8_t>& packet, const NtsUniqueId& id,
                               std::span<const std::uint8_t> cookie, std::size_t placeholders,
                               const AesSivKey& c2s);

// True when the reply carries `id` in a Unique Identifier field (what makes an NTS NAK, which
// is not authenticated, an answer to our request).
bool echoes_unique_id(std::span<const std::uint8_t> packet, const NtsUniqueId& id) noexcept;

// The cookies of an authentic reply: one that echoes `id` before its authenticator, which
// opens with `s2c` over the header and fields before it. Empty when either check fails.
std::optional<std::vector<std::vector<std::uint8_t>>> open_nts_reply(
    std::span<const std::uint8_t> packet, const NtsUniqueId& id, const AesSivKey& s2c);

}  // namespace horolog
