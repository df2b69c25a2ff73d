// AEAD_AES_SIV_CMAC_256 (RFC 5297), the one AEAD NTS uses (RFC 8915 §5.1): sealing and opening
// with a 32-byte key, several associated-data strings and a nonce, the SIV tag in front.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace horolog {

inline constexpr std::size_t kAesSivKeySize = 32;
inline constexpr std::size_t kAesSivTagSize = 16;

using AesSivKey = std::array<std::uint8_t, kAesSivKeySize>;
using AesSivTag = std::array<std::uint8_t, kAesSivTagSize>;

// S2V (RFC 5297 §2.4) over `strings` (associated data, nonce, then the plaintext last) with the
// CMAC half of `key`: the synthetic IV. Empty when the crypto library fails.
std::optional<AesSivTag> aes_siv_s2v(const AesSivKey& key,
                                     std::span<const std::span<const std::uint8_t>> strings);

// SIV tag followed by the ciphertext (as long as `plaintext`). `associated` is every
// associated-data string and then the nonce, as RFC 5297 §3 passes a nonce. Empty on failure.
std::optional<std::vector<std::uint8_t>> aes_siv_seal(
    const AesSivKey& key, std::span<const std::span<const std::uint8_t>> associated,
    std::span<const std::uint8_t> plaintext);

// The plaintext of `sealed` (tag, then ciphertext); empty when the tag does not verify.
std::optional<std::vector<std::uint8_t>> aes_siv_open(
    const AesSivKey& key, std::span<const std::span<const std::uint8_t>> associated,
    std::span<const std::uint8_t> sealed);

}  // namespace horolog
