// The UDP client end to end against a scripted loopback server: honest and offset replies,
// and every crafted reply that must be rejected (wrong origin, KoD, leap 3, stratum 0, MAC).
#include "normalizer/clock/ntp_query.h"

#include <gtest/gtest.h>

#include "fake_ntp_server.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;
using test::FakeNtpBehaviour;
using test::FakeNtpServer;

const NtpKey kSha1Key{
    1, NtpKeyType::sha1, {0x81, 0x84, 0x62, 0xb8, 0x76, 0xfe, 0x3b, 0xec, 0x37, 0x3b,
                          0x53, 0x61, 0xd7, 0xd1, 0x49, 0xeb, 0xed, 0xc0, 0x2d, 0xd9}};

NtpQueryOptions quick(int samples = 3) {
  NtpQueryOptions o;
  o.samples = samples;
  o.timeout = 300ms;
  o.sample_interval = 10ms;
  return o;
}

ServerReport query_one(const FakeNtpServer& server, const NtpKeyRing& keys = {},
                       std::uint32_t key_id = 0, int samples = 3) {
  const NtpServerSpec spec{"127.0.0.1", server.port(), key_id};
  return query_servers(std::span(&spec, 1), keys, quick(samples)).front();
}

TEST(NtpQuery, MeasuresNearZeroOffsetAgainstAnHonestServer) {
  FakeNtpServer server;
  const ServerReport r = query_one(server);
  ASSERT_EQ(r.status, ServerStatus::answered) << to_string(r.last_reject);
  EXPECT_EQ(r.sent, 3);
  EXPECT_EQ(r.valid, 3);
  EXPECT_LT(std::chrono::abs(r.filtered.best.offset), Nanoseconds(1ms));
  EXPECT_GE(r.filtered.best.delay, 0ns);
  EXPECT_GT(r.filtered.root_distance, r.filtered.best.delay / 2);
}

TEST(NtpQuery, MeasuresAServerAheadByTwoAndAHalfSeconds) {
  FakeNtpServer server;
  server.set_offset(2500ms);
  const ServerReport r = query_one(server);
  ASSERT_EQ(r.status, ServerStatus::answered);
  EXPECT_NEAR(static_cast<double>(r.filtered.best.offset.count()), 2.5e9, 1e6);
}

TEST(NtpQuery, NoListenerIsUnreachable) {
  std::uint16_t port = 0;
  { port = FakeNtpServer{}.port(); }
  const NtpServerSpec spec{"127.0.0.1", port, 0};
  const ServerReport r = query_servers(std::span(&spec, 1), NtpKeyRing{}, quick(1)).front();
  EXPECT_EQ(r.status, ServerStatus::unreachable);
}

struct CraftedReply {
  const char* name;
  std::function<void(NtpHeader&)> spoil;
  ServerStatus status;
  ReplyStatus reject;
};

class NtpQueryRejection : public testing::TestWithParam<CraftedReply> {};

TEST_P(NtpQueryRejection, UsesNoSampleFromTheCraftedReply) {
  FakeNtpServer server(FakeNtpBehaviour{GetParam().spoil, std::nullopt, false});
  const ServerReport r = query_one(server);
  EXPECT_EQ(r.valid, 0);
  EXPECT_EQ(r.status, GetParam().status) << to_string(r.status);
  EXPECT_EQ(r.last_reject, GetParam().reject) << to_string(r.last_reject);
}

INSTANTIATE_TEST_SUITE_P(
    Crafted, NtpQueryRejection,
    testing::Values(CraftedReply{"WrongOrigin", [](NtpHeader& h) { h.origin.fraction ^= 0x10; },
                                 ServerStatus::rejected, ReplyStatus::bogus_origin},
                    CraftedReply{"KissRate",
                                 [](NtpHeader& h) {
                                   h.stratum = 0;
                                   h.reference_id = kiss_code("RATE");
                                 },
                                 ServerStatus::rate_limited, ReplyStatus::kiss_rate},
                    CraftedReply{"KissDeny",
                                 [](NtpHeader& h) {
                                   h.stratum = 0;
                                   h.reference_id = kiss_code("DENY");
                                 },
                                 ServerStatus::denied, ReplyStatus::kiss_deny},
                    CraftedReply{"StratumZero",
                                 [](NtpHeader& h) {
                                   h.stratum = 0;
                                   h.reference_id = 0;
                                 },
                                 ServerStatus::rejected, ReplyStatus::kiss_other},
                    CraftedReply{"LeapThree", [](NtpHeader& h) { h.leap = 3; },
                                 ServerStatus::rejected, ReplyStatus::unsynchronized},
                    CraftedReply{"Stratum16", [](NtpHeader& h) { h.stratum = 16; },
                                 ServerStatus::rejected, ReplyStatus::bad_stratum},
                    CraftedReply{"ZeroTransmit", [](NtpHeader& h) { h.transmit = {}; },
                                 ServerStatus::rejected, ReplyStatus::zero_timestamp},
                    CraftedReply{"ClientMode", [](NtpHeader& h) { h.mode = 3; },
                                 ServerStatus::rejected, ReplyStatus::bad_mode}),
    [](const testing::TestParamInfo<CraftedReply>& info) { return std::string(info.param.name); });

TEST(NtpQuery, StopsTheBurstAfterAKissOfDeath) {
  FakeNtpServer server(FakeNtpBehaviour{[](NtpHeader& h) {
                                          h.stratum = 0;
                                          h.reference_id = kiss_code("RATE");
                                        },
                                        std::nullopt, false});
  const ServerReport r = query_one(server, {}, 0, 4);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(server.requests(), 1);
}

NtpKeyRing ring_with(const NtpKey& key) {
  NtpKeyRing ring;
  ring.add(key);
  return ring;
}

TEST(NtpQuery, AcceptsAReplyWhoseMacVerifies) {
  FakeNtpServer server(FakeNtpBehaviour{{}, kSha1Key, false});
  const ServerReport r = query_one(server, ring_with(kSha1Key), kSha1Key.id);
  EXPECT_EQ(r.status, ServerStatus::answered);
  EXPECT_EQ(r.valid, 3);
}

TEST(NtpQuery, RejectsAKeyedServersReplyWithABadMac) {
  FakeNtpServer server(FakeNtpBehaviour{{}, kSha1Key, true});
  const ServerReport r = query_one(server, ring_with(kSha1Key), kSha1Key.id);
  EXPECT_EQ(r.status, ServerStatus::bad_auth);
  EXPECT_EQ(r.valid, 0);
}

TEST(NtpQuery, RejectsAKeyedServersReplyWithoutMac) {
  FakeNtpServer server;
  const ServerReport r = query_one(server, ring_with(kSha1Key), kSha1Key.id);
  EXPECT_EQ(r.status, ServerStatus::bad_auth);
}

TEST(NtpQuery, RejectsAReplySignedWithAnotherKey) {
  NtpKey other = kSha1Key;
  other.secret[5] ^= 0x40;
  FakeNtpServer server(FakeNtpBehaviour{{}, other, false});
  const ServerReport r = query_one(server, ring_with(kSha1Key), kSha1Key.id);
  EXPECT_EQ(r.status, ServerStatus::bad_auth);
}

TEST(NtpQuery, AKeyIdMissingFromTheKeyRingIsNotQueried) {
  FakeNtpServer server;
  const ServerReport r = query_one(server, NtpKeyRing{}, 42);
  EXPECT_EQ(r.status, ServerStatus::no_key);
  EXPECT_EQ(server.requests(), 0);
}

}  // namespace
}  // namespace horolog
