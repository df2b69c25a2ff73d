// NTS extension fields: a request's layout, and a reply accepted only with our unique id and an
// authenticator that opens with the server-to-client key; the cookies taken from it.
#include "normalizer/clock/nts_extension_fields.h"

#include <gtest/gtest.h>

#include "normalizer/clock/ntp_packet.h"

namespace horolog {
namespace {

using Bytes = std::vector<std::uint8_t>;

AesSivKey key(std::uint8_t fill) {
  AesSivKey k{};
  k.fill(fill);
  return k;
}

NtsUniqueId id(std::uint8_t fill) {
  NtsUniqueId u{};
  u.fill(fill);
  return u;
}

void put_field(Bytes& out, std::uint16_t type, const Bytes& body) {
  const std::size_t length = 4 + body.size();
  const std::size_t at = out.size();
  out.resize(at + length);
  out[at] = static_cast<std::uint8_t>(type >> 8);
  out[at + 1] = static_cast<std::uint8_t>(type);
  out[at + 2] = static_cast<std::uint8_t>(length >> 8);
  out[at + 3] = static_cast<std::uint8_t>(length);
  std::copy(body.begin(), body.end(), out.begin() + static_cast<std::ptrdiff_t>(at) + 4);
}

// A server's reply as RFC 8915 §5.7 lays it out: header, the echoed unique id, then the
// authenticator sealing `cookies` as Cookie fields.
Bytes reply(const NtsUniqueId& uid, const AesSivKey& s2c, const std::vector<Bytes>& cookies) {
  Bytes packet(kNtpHeaderSize, 0);
  packet[0] = 0x24;  // NTPv4, server
  put_field(packet, 0x0104, Bytes(uid.begin(), uid.end()));
  Bytes plaintext;
  for (const Bytes& c : cookies) put_field(plaintext, 0x0204, c);
  const Bytes nonce(16, 0x5a);
  const std::span<const std::uint8_t> associated[] = {packet, nonce};
  const auto sealed = aes_siv_seal(s2c, associated, plaintext);
  Bytes body(4 + nonce.size() + sealed->size());
  body[1] = static_cast<std::uint8_t>(nonce.size());
  body[2] = static_cast<std::uint8_t>(sealed->size() >> 8);
  body[3] = static_cast<std::uint8_t>(sealed->size());
  std::copy(nonce.begin(), nonce.end(), body.begin() + 4);
  std::copy(sealed->begin(), sealed->end(), body.begin() + 4 + 16);
  put_field(packet, 0x0404, body);
  return packet;
}

TEST(NtsExtensionFields, RequestCarriesIdCookiePlaceholdersAndAnAuthenticator) {
  Bytes packet(kNtpHeaderSize, 0);
  const Bytes cookie(100, 0xc0);
  ASSERT_TRUE(append_nts_request_fields(packet, id(7), cookie, 2, key(1)));
  // 36 unique id + 104 cookie + 2 * 104 placeholders + 40 authenticator (16-byte nonce and tag).
  EXPECT_EQ(packet.size(), kNtpHeaderSize + 36 + 104 + std::size_t{2} * 104 + 40);
  EXPECT_EQ(packet[kNtpHeaderSize], 0x01);
  EXPECT_EQ(packet[kNtpHeaderSize + 1], 0x04);
  EXPECT_EQ(packet[kNtpHeaderSize + 36 + 1], 0x04);
  EXPECT_EQ(packet[kNtpHeaderSize + 36], 0x02);
  EXPECT_EQ(packet[kNtpHeaderSize + 140], 0x03);
  EXPECT_TRUE(echoes_unique_id(packet, id(7)));
  EXPECT_FALSE(echoes_unique_id(packet, id(8)));
  // Sealed over everything before it: the same layout opens with the same key, and only then.
  const auto opened = open_nts_reply(packet, id(7), key(1));
  ASSERT_TRUE(opened);
  EXPECT_TRUE(opened->empty());
  EXPECT_FALSE(open_nts_reply(packet, id(7), key(2)));
}

TEST(NtsExtensionFields, TakesTheCookiesOfAnAuthenticReply) {
  const Bytes packet = reply(id(3), key(9), {Bytes(100, 1), Bytes(100, 2)});
  const auto cookies = open_nts_reply(packet, id(3), key(9));
  ASSERT_TRUE(cookies);
  ASSERT_EQ(cookies->size(), 2u);
  EXPECT_EQ((*cookies)[1], Bytes(100, 2));
}

TEST(NtsExtensionFields, RefusesAReplyToAnotherRequest) {
  EXPECT_FALSE(open_nts_reply(reply(id(3), key(9), {Bytes(100, 1)}), id(4), key(9)));
}

TEST(NtsExtensionFields, RefusesAReplyChangedInAnyByteBeforeOrInTheAuthenticator) {
  const Bytes packet = reply(id(3), key(9), {Bytes(100, 1)});
  for (std::size_t i = 0; i < packet.size(); i += 7) {
    Bytes changed = packet;
    changed[i] ^= 0x10;
    EXPECT_FALSE(open_nts_reply(changed, id(3), key(9))) << "byte " << i;
  }
}

TEST(NtsExtensionFields, RefusesAReplyWithoutAuthenticator) {
  Bytes packet(kNtpHeaderSize, 0);
  const NtsUniqueId uid = id(3);
  put_field(packet, 0x0104, Bytes(uid.begin(), uid.end()));
  EXPECT_TRUE(echoes_unique_id(packet, uid));
  EXPECT_FALSE(open_nts_reply(packet, uid, key(9)));
}

TEST(NtsExtensionFields, RefusesFieldsThatDoNotFillThePacket) {
  Bytes packet = reply(id(3), key(9), {Bytes(100, 1)});
  packet.push_back(0);
  EXPECT_FALSE(open_nts_reply(packet, id(3), key(9)));
  EXPECT_FALSE(echoes_unique_id(packet, id(3)));
}

}  // namespace
}  // namespace horolog
