// NTP header codec and reply validation: an accepted reply, and one hand-built reply per
// rejection rule.
#include "normalizer/clock/ntp_packet.h"

#include <gtest/gtest.h>

#include <array>
#include <functional>

namespace horolog {
namespace {

const NtpTimestamp kNonce{0x12345678u, 0x9abcdef0u};

// A reply a healthy stratum-2 server would send to a request carrying kNonce.
NtpHeader good_reply() {
  NtpHeader h;
  h.leap = 0;
  h.version = 4;
  h.mode = 4;
  h.stratum = 2;
  h.poll = 6;
  h.precision = -20;
  h.root_delay = 0x00000123u;
  h.root_dispersion = 0x00000456u;
  h.reference_id = 0x7f000001u;
  h.reference = {3973000000u, 1u};
  h.origin = kNonce;
  h.receive = {3973000100u, 5u};
  h.transmit = {3973000100u, 9u};
  return h;
}

TEST(NtpPacket, EncodesTheRequestHeaderByteForByte) {
  std::array<std::uint8_t, kNtpHeaderSize> bytes{};
  encode_header(make_request(kNonce), bytes);
  EXPECT_EQ(bytes[0], 0x23);  // LI 0, VN 4, mode 3
  for (std::size_t i = 1; i < 40; ++i) EXPECT_EQ(bytes[i], 0) << "byte " << i;
  const std::array<std::uint8_t, 8> transmit{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
  EXPECT_TRUE(std::equal(transmit.begin(), transmit.end(), bytes.begin() + 40));
}

TEST(NtpPacket, DecodeInvertsEncode) {
  std::array<std::uint8_t, kNtpHeaderSize> bytes{};
  NtpHeader h = good_reply();
  h.leap = 2;
  h.poll = -3;
  encode_header(h, bytes);
  const NtpHeader back = decode_header(bytes);
  EXPECT_EQ(back.leap, 2);
  EXPECT_EQ(back.version, 4);
  EXPECT_EQ(back.mode, 4);
  EXPECT_EQ(back.stratum, 2);
  EXPECT_EQ(back.poll, -3);
  EXPECT_EQ(back.precision, -20);
  EXPECT_EQ(back.root_delay, h.root_delay);
  EXPECT_EQ(back.root_dispersion, h.root_dispersion);
  EXPECT_EQ(back.reference_id, h.reference_id);
  EXPECT_EQ(back.reference, h.reference);
  EXPECT_EQ(back.origin, h.origin);
  EXPECT_EQ(back.receive, h.receive);
  EXPECT_EQ(back.transmit, h.transmit);
}

TEST(NtpPacket, RandomNoncesDifferAndAreNeverZero) {
  const NtpTimestamp a = random_nonce();
  const NtpTimestamp b = random_nonce();
  EXPECT_NE(a, b);
  EXPECT_FALSE(a.is_zero());
}

TEST(NtpPacket, AcceptsAHealthyReply) {
  EXPECT_EQ(validate_reply(good_reply(), kNonce), ReplyStatus::ok);
}

TEST(NtpPacket, AcceptsNtpv3AndLeapWarnings) {
  NtpHeader h = good_reply();
  h.version = 3;
  h.leap = 1;
  EXPECT_EQ(validate_reply(h, kNonce), ReplyStatus::ok);
}

struct RejectCase {
  const char* name;
  std::function<void(NtpHeader&)> spoil;
  ReplyStatus expected;
};

class NtpReplyRejection : public testing::TestWithParam<RejectCase> {};

TEST_P(NtpReplyRejection, RejectsTheReplyWithItsReason) {
  NtpHeader h = good_reply();
  GetParam().spoil(h);
  EXPECT_EQ(validate_reply(h, kNonce), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NtpReplyRejection,
    testing::Values(
        RejectCase{"WrongOrigin", [](NtpHeader& h) { h.origin.fraction ^= 1; },
                   ReplyStatus::bogus_origin},
        RejectCase{"ZeroOrigin", [](NtpHeader& h) { h.origin = {}; }, ReplyStatus::bogus_origin},
        RejectCase{"ClientMode", [](NtpHeader& h) { h.mode = 3; }, ReplyStatus::bad_mode},
        RejectCase{"BroadcastMode", [](NtpHeader& h) { h.mode = 5; }, ReplyStatus::bad_mode},
        RejectCase{"SymmetricActiveMode", [](NtpHeader& h) { h.mode = 1; }, ReplyStatus::bad_mode},
        RejectCase{"Version2", [](NtpHeader& h) { h.version = 2; }, ReplyStatus::bad_version},
        RejectCase{"Version5", [](NtpHeader& h) { h.version = 5; }, ReplyStatus::bad_version},
        RejectCase{"KissRate",
                   [](NtpHeader& h) {
                     h.stratum = 0;
                     h.reference_id = kiss_code("RATE");
                   },
                   ReplyStatus::kiss_rate},
        RejectCase{"KissDeny",
                   [](NtpHeader& h) {
                     h.stratum = 0;
                     h.reference_id = kiss_code("DENY");
                   },
                   ReplyStatus::kiss_deny},
        RejectCase{"KissRstr",
                   [](NtpHeader& h) {
                     h.stratum = 0;
                     h.reference_id = kiss_code("RSTR");
                   },
                   ReplyStatus::kiss_rstr},
        RejectCase{"StratumZeroOtherCode",
                   [](NtpHeader& h) {
                     h.stratum = 0;
                     h.reference_id = kiss_code("INIT");
                   },
                   ReplyStatus::kiss_other},
        RejectCase{"ForgedKissWithWrongOrigin",
                   [](NtpHeader& h) {
                     h.stratum = 0;
                     h.reference_id = kiss_code("DENY");
                     h.origin = {};
                   },
                   ReplyStatus::bogus_origin},
        RejectCase{"Stratum16", [](NtpHeader& h) { h.stratum = 16; }, ReplyStatus::bad_stratum},
        RejectCase{"Stratum255", [](NtpHeader& h) { h.stratum = 255; }, ReplyStatus::bad_stratum},
        RejectCase{"LeapThree", [](NtpHeader& h) { h.leap = 3; }, ReplyStatus::unsynchronized},
        RejectCase{"ZeroTransmit", [](NtpHeader& h) { h.transmit = {}; },
                   ReplyStatus::zero_timestamp},
        RejectCase{"ZeroReceive", [](NtpHeader& h) { h.receive = {}; },
                   ReplyStatus::zero_timestamp}),
    [](const testing::TestParamInfo<RejectCase>& info) { return std::string(info.param.name); });

TEST(NtpPacket, KissCodesAreBigEndianAscii) {
  EXPECT_EQ(kiss_code("RATE"), 0x52415445u);
  EXPECT_EQ(to_string(ReplyStatus::kiss_rate), "kiss_rate");
}

}  // namespace
}  // namespace horolog
