// AES-SIV-CMAC-256 against RFC 5297's example, S2V against OpenSSL's own tag, the empty
// plaintext NTS requests seal, and tampering detected.
#include "normalizer/clock/aes_siv.h"

#include <gtest/gtest.h>

#include <string_view>

namespace horolog {
namespace {

std::vector<std::uint8_t> hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(
        static_cast<std::uint8_t>(std::stoi(std::string(text.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

AesSivKey key_of(std::string_view text) {
  const std::vector<std::uint8_t> bytes = hex(text);
  AesSivKey key{};
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

// RFC 5297 Appendix A.1, "Deterministic Authenticated Encryption Example".
const AesSivKey kA1Key = key_of("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
const std::vector<std::uint8_t> kA1Ad = hex("101112131415161718191a1b1c1d1e1f2021222324252627");
const std::vector<std::uint8_t> kA1Plaintext = hex("112233445566778899aabbccddee");
const std::vector<std::uint8_t> kA1Output =
    hex("85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c");

TEST(AesSiv, SealsTheRfc5297DeterministicExample) {
  const std::span<const std::uint8_t> ad[] = {kA1Ad};
  const auto sealed = aes_siv_seal(kA1Key, ad, kA1Plaintext);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(*sealed, kA1Output);
}

TEST(AesSiv, OpensTheRfc5297DeterministicExample) {
  const std::span<const std::uint8_t> ad[] = {kA1Ad};
  const auto opened = aes_siv_open(kA1Key, ad, kA1Output);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, kA1Plaintext);
}

TEST(AesSiv, S2vGivesTheSyntheticIvOfTheRfc5297Example) {
  const std::span<const std::uint8_t> strings[] = {kA1Ad, kA1Plaintext};
  const auto tag = aes_siv_s2v(kA1Key, strings);
  ASSERT_TRUE(tag);
  EXPECT_TRUE(std::equal(tag->begin(), tag->end(), kA1Output.begin()));
}

TEST(AesSiv, S2vAgreesWithOpenSslForPlaintextsShorterThanABlock) {
  // The pad branch of S2V is the one an empty plaintext takes.
  const std::vector<std::uint8_t> nonce = hex("00112233445566778899aabbccddeeff");
  const std::vector<std::uint8_t> short_plaintext = hex("01");
  const std::span<const std::uint8_t> ad[] = {kA1Ad, nonce};
  const auto sealed = aes_siv_seal(kA1Key, ad, short_plaintext);
  ASSERT_TRUE(sealed);
  const std::span<const std::uint8_t> strings[] = {kA1Ad, nonce, short_plaintext};
  const auto tag = aes_siv_s2v(kA1Key, strings);
  ASSERT_TRUE(tag);
  EXPECT_TRUE(std::equal(tag->begin(), tag->end(), sealed->begin()));
}

TEST(AesSiv, SealsAnEmptyPlaintextIntoATagThatOpens) {
  const std::vector<std::uint8_t> nonce = hex("0f0e0d0c0b0a09080706050403020100");
  const std::span<const std::uint8_t> ad[] = {kA1Ad, nonce};
  const auto sealed = aes_siv_seal(kA1Key, ad, {});
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->size(), kAesSivTagSize);
  const auto opened = aes_siv_open(kA1Key, ad, *sealed);
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->empty());
}

TEST(AesSiv, RefusesAnyChangedByte) {
  const std::span<const std::uint8_t> ad[] = {kA1Ad};
  for (std::size_t i = 0; i < kA1Output.size(); ++i) {
    std::vector<std::uint8_t> changed = kA1Output;
    changed[i] ^= 0x01;
    EXPECT_FALSE(aes_siv_open(kA1Key, ad, changed)) << "byte " << i;
  }
  std::vector<std::uint8_t> other_ad = kA1Ad;
  other_ad[0] ^= 0x80;
  const std::span<const std::uint8_t> changed_ad[] = {other_ad};
  EXPECT_FALSE(aes_siv_open(kA1Key, changed_ad, kA1Output));
}

TEST(AesSiv, RefusesAnEmptyPlaintextTagUnderAnotherNonce) {
  const std::vector<std::uint8_t> nonce = hex("0f0e0d0c0b0a09080706050403020100");
  const std::vector<std::uint8_t> other = hex("1f0e0d0c0b0a09080706050403020100");
  const std::span<const std::uint8_t> ad[] = {kA1Ad, nonce};
  const std::span<const std::uint8_t> other_ad[] = {kA1Ad, other};
  const auto sealed = aes_siv_seal(kA1Key, ad, {});
  ASSERT_TRUE(sealed);
  EXPECT_FALSE(aes_siv_open(kA1Key, other_ad, *sealed));
}

}  // namespace
}  // namespace horolog
