// MAC test vectors (hash of key||packet, RFC 4493 / SP 800-38B AES-CMAC) and chrony keyfile
// parsing.
#include "normalizer/clock/ntp_auth.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

#include "normalizer/clock/ntp_keyfile.h"

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

std::vector<std::uint8_t> bytes(std::string_view text) { return {text.begin(), text.end()}; }

struct MacVector {
  const char* name;
  NtpKeyType type;
  std::vector<std::uint8_t> key;
  std::vector<std::uint8_t> message;
  const char* digest_hex;  // expected digest as carried in an NTPv4 MAC (truncated to 20)
};

class NtpMacVector : public testing::TestWithParam<MacVector> {};

TEST_P(NtpMacVector, ComputesTheKnownDigestAfterTheKeyId) {
  const MacVector& v = GetParam();
  const NtpKey key{0x01020304u, v.type, v.key};
  std::array<std::uint8_t, kMaxNtpMacSize> out{};
  const std::size_t n = compute_mac(key, v.message, out);
  const std::vector<std::uint8_t> expected = hex(v.digest_hex);
  ASSERT_EQ(n, 4 + expected.size());
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[3], 4);
  EXPECT_EQ(std::vector<std::uint8_t>(out.begin() + 4, out.begin() + static_cast<long>(n)),
            expected);
}

const std::vector<std::uint8_t> kCmacMessage =
    hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411");

INSTANTIATE_TEST_SUITE_P(
    Vectors, NtpMacVector,
    testing::Values(
        // H(key || packet) with key "a" and packet "bc" is H("abc"), the FIPS 180 examples.
        MacVector{"Md5", NtpKeyType::md5, bytes("a"), bytes("bc"),
                  "900150983cd24fb0d6963f7d28e17f72"},
        MacVector{"Sha1", NtpKeyType::sha1, bytes("a"), bytes("bc"),
                  "a9993e364706816aba3e25717850c26c9cd0d89d"},
        MacVector{"Sha256TruncatedTo20", NtpKeyType::sha256, bytes("a"), bytes("bc"),
                  "ba7816bf8f01cfea414140de5dae2223b00361a3"},
        MacVector{"Aes128CmacRfc4493Example3", NtpKeyType::aes128,
                  hex("2b7e151628aed2a6abf7158809cf4f3c"), kCmacMessage,
                  "dfa66747de9ae63030ca32611497c827"},
        MacVector{"Aes256CmacSp800_38B", NtpKeyType::aes256,
                  hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"),
                  kCmacMessage, "aaf3d8f1de5640c232f5b169b9c911e6"}),
    [](const testing::TestParamInfo<MacVector>& info) { return std::string(info.param.name); });

std::vector<std::uint8_t> signed_packet(const NtpKey& key) {
  std::vector<std::uint8_t> packet(kNtpHeaderSize + kMaxNtpMacSize);
  encode_header(make_request({1, 2}),
                std::span<std::uint8_t, kNtpHeaderSize>(packet.data(), kNtpHeaderSize));
  const std::size_t n = compute_mac(key, std::span(packet).first(kNtpHeaderSize),
                                    std::span(packet).subspan(kNtpHeaderSize));
  packet.resize(kNtpHeaderSize + n);
  return packet;
}

TEST(NtpMac, VerifiesItsOwnMacAndRejectsAnyChange) {
  const NtpKey key{7, NtpKeyType::aes128, hex("2a3816f4100f66aa650a4d2044dbbf06")};
  std::vector<std::uint8_t> packet = signed_packet(key);
  ASSERT_EQ(packet.size(), kNtpHeaderSize + 20);
  EXPECT_TRUE(verify_mac(key, packet));
  packet[45] ^= 1;  // the transmit timestamp
  EXPECT_FALSE(verify_mac(key, packet));
}

TEST(NtpMac, RejectsAnotherKeyAndATruncatedMac) {
  const NtpKey key{1, NtpKeyType::sha1, hex("818462b876fe3bec373b5361d7d149ebedc02dd9")};
  NtpKey other = key;
  other.secret[0] ^= 0x80;
  std::vector<std::uint8_t> packet = signed_packet(key);
  EXPECT_FALSE(verify_mac(other, packet));
  packet.pop_back();
  EXPECT_FALSE(verify_mac(key, packet));
  EXPECT_FALSE(verify_mac(key, std::span(packet).first(kNtpHeaderSize)));
}

TEST(ChronyKeyfile, ReadsEveryTypeInChronysOwnFormat) {
  const auto ring = parse_chrony_keys(
      "# test keys\n"
      "1 SHA1 HEX:818462B876FE3BEC373B5361D7D149EBEDC02DD9\n"
      "\n"
      "2 AES128 HEX:2A3816F4100F66AA650A4D2044DBBF06\n"
      "3 sha256 HEX:9E887952FC8A99C71329A9B7BBEAD429576DA5993A7AED83212C47A0DD601CE9\n"
      "10 plaintext\n"
      "11 MD5 ASCII:secret\n");
  ASSERT_TRUE(ring) << ring.error().message();
  EXPECT_EQ(ring->size(), 5u);
  ASSERT_NE(ring->find(2), nullptr);
  EXPECT_EQ(ring->find(2)->type, NtpKeyType::aes128);
  EXPECT_EQ(ring->find(2)->secret.size(), 16u);
  EXPECT_EQ(ring->find(3)->type, NtpKeyType::sha256);
  EXPECT_EQ(ring->find(10)->type, NtpKeyType::md5);  // chrony's default type
  EXPECT_EQ(ring->find(10)->secret, bytes("plaintext"));
  EXPECT_EQ(ring->find(11)->secret, bytes("secret"));
  EXPECT_EQ(ring->find(4), nullptr);
}

struct BadKeyLine {
  const char* name;
  const char* text;
};

class ChronyKeyfileRejection : public testing::TestWithParam<BadKeyLine> {};

TEST_P(ChronyKeyfileRejection, NamesTheLine) {
  const auto ring = parse_chrony_keys(std::string("1 SHA1 HEX:00\n") + GetParam().text + "\n");
  ASSERT_FALSE(ring);
  EXPECT_EQ(ring.error().message().rfind("line 2:", 0), 0u) << ring.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ChronyKeyfileRejection,
    testing::Values(BadKeyLine{"ZeroId", "0 SHA1 HEX:00"}, BadKeyLine{"TextId", "x SHA1 HEX:00"},
                    BadKeyLine{"UnknownType", "2 CRC32 HEX:00"},
                    BadKeyLine{"OddHex", "2 SHA1 HEX:001"}, BadKeyLine{"NonHex", "2 SHA1 HEX:zz"},
                    BadKeyLine{"ShortAes128", "2 AES128 HEX:00112233"},
                    BadKeyLine{"TrailingWord", "2 SHA1 HEX:00 extra"}),
    [](const testing::TestParamInfo<BadKeyLine>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace horolog
