// AES-CMAC (RFC 4493) through OpenSSL's EVP_MAC: the MAC of NTP's AES128/AES256 symmetric keys
// and the S2V step of NTS's AES-SIV.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace horolog {

using AesCmacTag = std::array<std::uint8_t, 16>;

// The tag of `data` under `key` (16 bytes: AES-128, 32: AES-256); nullopt for another key size
// or when OpenSSL fails.
std::optional<AesCmacTag> aes_cmac(std::span<const std::uint8_t> key,
                                   std::span<const std::uint8_t> data) noexcept;

}  // namespace horolog
