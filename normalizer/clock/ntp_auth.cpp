// MAC computation for NTP symmetric keys: H(key || packet) digests and AES-CMAC.
#include "normalizer/clock/ntp_auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <memory>

#include "normalizer/clock/aes_cmac.h"

namespace horolog {
namespace {

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

const EVP_MD* digest_of(NtpKeyType type) noexcept {
  switch (type) {
    case NtpKeyType::md5: return EVP_md5();
    case NtpKeyType::sha1: return EVP_sha1();
    case NtpKeyType::sha256: return EVP_sha256();
    case NtpKeyType::sha384: return EVP_sha384();
    case NtpKeyType::sha512: return EVP_sha512();
    case NtpKeyType::aes128:
    case NtpKeyType::aes256: return nullptr;
  }
  return nullptr;
}

// Full-length digest or CMAC tag into `out`; returns its length, 0 on failure.
std::size_t raw_mac(const NtpKey& key, std::span<const std::uint8_t> packet,
                    std::array<std::uint8_t, EVP_MAX_MD_SIZE>& out) noexcept {
  if (const EVP_MD* md = digest_of(key.type)) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    unsigned int length = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), key.secret.data(), key.secret.size()) != 1 ||
        EVP_DigestUpdate(ctx.get(), packet.data(), packet.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), out.data(), &length) != 1) {
      return 0;
    }
    return length;
  }
  const std::size_t key_size = key.type == NtpKeyType::aes128 ? 16 : 32;
  if (key.secret.size() != key_size) return 0;
  const std::optional<AesCmacTag> tag = aes_cmac(key.secret, packet);
  if (!tag) return 0;
  std::copy(tag->begin(), tag->end(), out.begin());
  return tag->size();
}

}  // namespace

std::string_view to_string(NtpKeyType type) noexcept {
  switch (type) {
    case NtpKeyType::md5: return "MD5";
    case NtpKeyType::sha1: return "SHA1";
    case NtpKeyType::sha256: return "SHA256";
    case NtpKeyType::sha384: return "SHA384";
    case NtpKeyType::sha512: return "SHA512";
    case NtpKeyType::aes128: return "AES128";
    case NtpKeyType::aes256: return "AES256";
  }
  return "?";
}

std::size_t mac_digest_size(NtpKeyType type) noexcept {
  switch (type) {
    case NtpKeyType::md5:
    case NtpKeyType::aes128:
    case NtpKeyType::aes256: return 16;
    case NtpKeyType::sha1:
    case NtpKeyType::sha256:
    case NtpKeyType::sha384:
    case NtpKeyType::sha512: return 20;
  }
  return 0;
}

std::size_t compute_mac(const NtpKey& key, std::span<const std::uint8_t> packet,
                        std::span<std::uint8_t> out) noexcept {
  const std::size_t digest_size = mac_digest_size(key.type);
  if (out.size() < 4 + digest_size) return 0;
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> full{};
  if (raw_mac(key, packet, full) < digest_size) return 0;
  out[0] = static_cast<std::uint8_t>(key.id >> 24);
  out[1] = static_cast<std::uint8_t>(key.id >> 16);
  out[2] = static_cast<std::uint8_t>(key.id >> 8);
  out[3] = static_cast<std::uint8_t>(key.id);
  std::copy_n(full.begin(), digest_size, out.begin() + 4);
  return 4 + digest_size;
}

bool verify_mac(const NtpKey& key, std::span<const std::uint8_t> packet) noexcept {
  const std::size_t mac_size = 4 + mac_digest_size(key.type);
  if (packet.size() != kNtpHeaderSize + mac_size) return false;
  std::array<std::uint8_t, kMaxNtpMacSize> expected{};
  if (compute_mac(key, packet.first(kNtpHeaderSize), expected) != mac_size) return false;
  return CRYPTO_memcmp(expected.data(), packet.data() + kNtpHeaderSize, mac_size) == 0;
}

}  // namespace horolog
