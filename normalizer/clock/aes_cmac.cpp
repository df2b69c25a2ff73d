// One EVP_MAC "CMAC" context per call: NTP and NTS compute a few tags a second at most.
#include "normalizer/clock/aes_cmac.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <memory>

namespace horolog {

namespace {

struct MacFree {
  void operator()(EVP_MAC* mac) const noexcept { EVP_MAC_free(mac); }
};
struct MacCtxFree {
  void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};

}  // namespace

std::optional<AesCmacTag> aes_cmac(std::span<const std::uint8_t> key,
                                   std::span<const std::uint8_t> data) noexcept {
  char aes128[] = "AES-128-CBC";
  char aes256[] = "AES-256-CBC";
  char* cipher = key.size() == 16 ? aes128 : key.size() == 32 ? aes256 : nullptr;
  if (cipher == nullptr) return std::nullopt;
  const std::unique_ptr<EVP_MAC, MacFree> mac(EVP_MAC_fetch(nullptr, "CMAC", nullptr));
  if (!mac) return std::nullopt;
  const std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(mac.get()));
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipher, 0),
                               OSSL_PARAM_construct_end()};
  AesCmacTag tag{};
  std::size_t length = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), tag.data(), &length, tag.size()) != 1 || length != tag.size()) {
    return std::nullopt;
  }
  return tag;
}

}  // namespace horolog
