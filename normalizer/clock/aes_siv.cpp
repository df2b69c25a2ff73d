// AES-SIV through OpenSSL 3's AES-128-SIV cipher, except where it cannot: OpenSSL 3.0 refuses
// an empty plaintext (openssl issues #17268, #26580), and every NTS request seals an empty one,
// so that tag is S2V computed here with AES-CMAC.
#include "normalizer/clock/aes_siv.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <memory>

#include "normalizer/clock/aes_cmac.h"

namespace horolog {
namespace {

using Block = AesCmacTag;

struct CipherFree {
  void operator()(EVP_CIPHER* cipher) const noexcept { EVP_CIPHER_free(cipher); }
};
struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};

// AES-CMAC with the first half of the SIV key (K1 of RFC 5297 §2.2).
class Cmac {
 public:
  explicit Cmac(const AesSivKey& key) : key_(key) {}

  std::optional<Block> operator()(std::span<const std::uint8_t> data) const {
    return aes_cmac(std::span(key_).first(16), data);
  }

 private:
  const AesSivKey& key_;
};

// Multiplication by x in GF(2^128) (RFC 5297 §2.3).
Block dbl(const Block& in) noexcept {
  Block out{};
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::uint8_t next = i + 1 < in.size() ? in[i + 1] : 0;
    out[i] = static_cast<std::uint8_t>((in[i] << 1) | (next >> 7));
  }
  if (in[0] & 0x80) out[15] ^= 0x87;
  return out;
}

void xor_into(std::span<std::uint8_t> target, const Block& block) noexcept {
  for (std::size_t i = 0; i < block.size(); ++i) target[i] ^= block[i];
}

std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> siv_context(const AesSivKey& key, bool encrypt) {
  std::unique_ptr<EVP_CIPHER, CipherFree> cipher(EVP_CIPHER_fetch(nullptr, "AES-128-SIV", nullptr));
  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!cipher || !ctx ||
      EVP_CipherInit_ex2(ctx.get(), cipher.get(), key.data(), nullptr, encrypt ? 1 : 0, nullptr) !=
          1) {
    return nullptr;
  }
  return ctx;
}

bool add_associated(EVP_CIPHER_CTX* ctx,
                    std::span<const std::span<const std::uint8_t>> associated) noexcept {
  for (const std::span<const std::uint8_t> data : associated) {
    int ignored = 0;
    if (EVP_CipherUpdate(ctx, nullptr, &ignored, data.data(), static_cast<int>(data.size())) != 1)
      return false;
  }
  return true;
}

// S2V over the associated strings followed by an empty plaintext.
std::optional<AesSivTag> empty_plaintext_tag(
    const AesSivKey& key, std::span<const std::span<const std::uint8_t>> associated) {
  std::vector<std::span<const std::uint8_t>> strings(associated.begin(), associated.end());
  strings.emplace_back();
  return aes_siv_s2v(key, strings);
}

}  // namespace

std::optional<AesSivTag> aes_siv_s2v(const AesSivKey& key,
                                     std::span<const std::span<const std::uint8_t>> strings) {
  if (strings.empty()) return std::nullopt;
  const Cmac cmac(key);
  std::optional<Block> d = cmac(Block{});
  if (!d) return std::nullopt;
  for (std::size_t i = 0; i + 1 < strings.size(); ++i) {
    const std::optional<Block> mac = cmac(strings[i]);
    if (!mac) return std::nullopt;
    *d = dbl(*d);
    xor_into(*d, *mac);
  }
  const std::span<const std::uint8_t> last = strings.back();
  std::vector<std::uint8_t> t(last.begin(), last.end());
  if (t.size() >= 16) {
    xor_into(std::span(t).last(16), *d);  // xorend
  } else {
    t.push_back(0x80);  // pad
    t.resize(16, 0);
    xor_into(t, dbl(*d));
  }
  return cmac(t);
}

std::optional<std::vector<std::uint8_t>> aes_siv_seal(
    const AesSivKey& key, std::span<const std::span<const std::uint8_t>> associated,
    std::span<const std::uint8_t> plaintext) {
  std::vector<std::uint8_t> out(kAesSivTagSize + plaintext.size());
  if (plaintext.empty()) {
    const std::optional<AesSivTag> tag = empty_plaintext_tag(key, associated);
    if (!tag) return std::nullopt;
    std::copy(tag->begin(), tag->end(), out.begin());
    return out;
  }
  const auto ctx = siv_context(key, true);
  int length = 0;
  int final_length = 0;
  if (!ctx || !add_associated(ctx.get(), associated) ||
      EVP_CipherUpdate(ctx.get(), out.data() + kAesSivTagSize, &length, plaintext.data(),
                       static_cast<int>(plaintext.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + kAesSivTagSize + length, &final_length) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, kAesSivTagSize, out.data()) != 1) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> aes_siv_open(
    const AesSivKey& key, std::span<const std::span<const std::uint8_t>> associated,
    std::span<const std::uint8_t> sealed) {
  if (sealed.size() < kAesSivTagSize) return std::nullopt;
  const std::span<const std::uint8_t> tag = sealed.first(kAesSivTagSize);
  const std::span<const std::uint8_t> ciphertext = sealed.subspan(kAesSivTagSize);
  if (ciphertext.empty()) {
    const std::optional<AesSivTag> expected = empty_plaintext_tag(key, associated);
    if (!expected || CRYPTO_memcmp(expected->data(), tag.data(), kAesSivTagSize) != 0)
      return std::nullopt;
    return std::vector<std::uint8_t>{};
  }
  std::vector<std::uint8_t> plaintext(ciphertext.size());
  AesSivTag tag_copy{};
  std::copy(tag.begin(), tag.end(), tag_copy.begin());
  const auto ctx = siv_context(key, false);
  int length = 0;
  int final_length = 0;
  if (!ctx ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, kAesSivTagSize, tag_copy.data()) != 1 ||
      !add_associated(ctx.get(), associated) ||
      EVP_CipherUpdate(ctx.get(), plaintext.data(), &length, ciphertext.data(),
                       static_cast<int>(ciphertext.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), plaintext.data() + length, &final_length) != 1) {
    return std::nullopt;
  }
  return plaintext;
}

}  // namespace horolog
