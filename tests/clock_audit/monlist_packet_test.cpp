// Mode 7 codec: the monlist request as the CVE-2013-5211 exploits send it, and response headers
// that are truncated, foreign, malformed or errors.
#include "agent/commands/clock_audit/monlist_packet.h"

#include <gtest/gtest.h>

#include <vector>

namespace horolog::audit {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes response(bool more, std::uint8_t sequence, std::uint16_t items, std::uint16_t size,
               std::uint8_t error = 0) {
  Bytes p(8 + std::size_t{items} * size, 0);
  p[0] = static_cast<std::uint8_t>(0x80 | (more ? 0x40 : 0) | (2 << 3) | 7);
  p[1] = sequence;
  p[2] = 3;
  p[3] = 42;
  p[4] = static_cast<std::uint8_t>((error << 4) | (items >> 8));
  p[5] = static_cast<std::uint8_t>(items);
  p[6] = static_cast<std::uint8_t>(size >> 8);
  p[7] = static_cast<std::uint8_t>(size);
  return p;
}

TEST(MonlistPacket, RequestIsTheEightBytesOfThePublishedExploits) {
  const auto request = encode_monlist_request();
  EXPECT_EQ(Bytes(request.begin(), request.end()), (Bytes{0x17, 0x00, 0x03, 0x2a, 0, 0, 0, 0}));
}

TEST(MonlistPacket, ReadsItemsSequenceAndTheMoreBit) {
  const Bytes p = response(true, 5, 6, kMonitorEntrySize);
  ASSERT_EQ(p.size(), 440u);
  const auto f = decode_monlist_response(p);
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->more);
  EXPECT_EQ(f->sequence, 5);
  EXPECT_EQ(f->items, 6);
  EXPECT_EQ(f->item_size, kMonitorEntrySize);
  EXPECT_EQ(f->error, 0);
  EXPECT_FALSE(decode_monlist_response(response(false, 0, 1, 72))->more);
}

TEST(MonlistPacket, ReadsAnErrorResponse) {
  const auto f = decode_monlist_response(response(false, 0, 0, 0, 2));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->error, 2);
  EXPECT_EQ(f->items, 0);
}

TEST(MonlistPacket, RejectsTruncatedAndForeignPackets) {
  const Bytes good = response(false, 0, 2, 72);
  for (std::size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(decode_monlist_response(std::span(good).first(n))) << n;
  }
  Bytes request = good;
  request[0] &= 0x7f;
  EXPECT_FALSE(decode_monlist_response(request));
  Bytes other_request = good;
  other_request[3] = 20;  // MON_GETLIST (the older one): not what we asked
  EXPECT_FALSE(decode_monlist_response(other_request));
  Bytes other_implementation = good;
  other_implementation[2] = 2;
  EXPECT_FALSE(decode_monlist_response(other_implementation));
  Bytes mbz = good;
  mbz[6] |= 0x10;
  EXPECT_FALSE(decode_monlist_response(mbz));
  Bytes ntp = good;
  ntp[0] = 0x24;  // a mode 4 reply
  EXPECT_FALSE(decode_monlist_response(ntp));
}

TEST(MonlistPacket, SurvivesEveryTwoByteHeaderGarbage) {
  // items x size can claim up to 4095 x 4095 bytes: never trusted beyond the packet.
  Bytes p = response(false, 0, 0, 0);
  p.resize(64);
  for (int hi = 0; hi < 256; ++hi) {
    for (int lo = 0; lo < 256; lo += 17) {
      p[4] = static_cast<std::uint8_t>(hi);
      p[5] = static_cast<std::uint8_t>(lo);
      p[7] = 72;
      if (const auto f = decode_monlist_response(p)) {
        EXPECT_LE(std::size_t{f->items} * f->item_size, p.size() - 8);
      }
    }
  }
}

}  // namespace
}  // namespace horolog::audit
