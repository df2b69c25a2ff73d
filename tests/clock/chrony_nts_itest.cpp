// The NTS client against real chronyd NTS servers on loopback (honest, a +5 s falseticker, a
// cookie changed on the way) and against certificates and key-exchange servers that must fail.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <vector>

#include "chrony_peer.h"
#include "fake_nts_ke_server.h"
#include "normalizer/clock/clock_measurement.h"
#include "nts_test_certs.h"
#include "tampering_relay.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;
using test::ChronyPeer;
using test::ChronyPeerOptions;

NtpQueryOptions quick(int samples = 4) {
  NtpQueryOptions o;
  o.samples = samples;
  o.timeout = 500ms;
  o.sample_interval = 100ms;
  return o;
}

NtsKeOptions trusting(const test::TempDir& certs) {
  NtsKeOptions o;
  o.ca_file = (certs / "ca.crt").string();
  o.timeout = 3s;
  return o;
}

// Certificates for localhost, 127.0.0.1 and ::1 in a fresh directory.
std::unique_ptr<test::TempDir> certificates(
    const std::string& names = "DNS:localhost,IP:127.0.0.1,IP:::1") {
  auto dir = std::make_unique<test::TempDir>();
  if (!test::make_nts_certificates(dir->path(), names)) ADD_FAILURE() << "openssl failed";
  return dir;
}

ChronyPeerOptions nts_peer(const test::TempDir& certs, std::string fake_offset = "") {
  ChronyPeerOptions o;
  o.fake_offset = std::move(fake_offset);
  o.nts_cert_dir = certs.path().string();
  return o;
}

std::unique_ptr<ChronyPeer> start(const ChronyPeerOptions& options) {
  auto peer = std::make_unique<ChronyPeer>(options);
  if (!peer->wait_ready()) ADD_FAILURE() << "chronyd did not answer:\n" << peer->log();
  return peer;
}

NtpServerSpec nts_server(const std::string& host, std::uint16_t port) {
  NtpServerSpec s{host, port, 0};
  s.nts = true;
  return s;
}

ServerReport query_one(const NtpServerSpec& server, const NtsKeOptions& trust, int samples = 2) {
  NtsSessions sessions(trust);
  return query_servers(std::span(&server, 1), NtpKeyRing{}, quick(samples), sessions).front();
}

#define HOROLOG_REQUIRE_NTS_PEER(certs) HOROLOG_REQUIRE_CHRONY(nts_peer(certs))

TEST(NtsClient, GivesASynchronizedEstimateWithSourceNtsFromAnHonestServer) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  const auto peer = start(nts_peer(*certs));
  const std::vector<NtpServerSpec> servers{nts_server("127.0.0.1", peer->nts_port())};
  NtsSessions sessions(trusting(*certs));
  const ClockMeasurement m = measure_clock(servers, NtpKeyRing{}, quick(), TrustPolicy{}, sessions);
  const ServerReport& r = m.servers[0];
  ASSERT_EQ(r.status, ServerStatus::selected)
      << to_string(r.status) << " " << r.detail << " " << to_string(r.last_reject);
  EXPECT_EQ(r.valid, 4);
  EXPECT_EQ(r.sent, 4);
  EXPECT_EQ(r.address, "127.0.0.1");  // the NTP port came from the key exchange
  EXPECT_LT(std::chrono::abs(r.filtered.best.offset), Nanoseconds(2ms));
  EXPECT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.source, ClockSource::nts);
}

TEST(NtsClient, OneKeyExchangeAndQueryTakesMilliseconds) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  const auto peer = start(nts_peer(*certs));
  const auto begin = std::chrono::steady_clock::now();
  const ServerReport r = query_one(nts_server("127.0.0.1", peer->nts_port()), trusting(*certs), 1);
  const auto took = std::chrono::steady_clock::now() - begin;
  ASSERT_EQ(r.status, ServerStatus::answered) << to_string(r.status) << " " << r.detail;
  std::printf("one NTS-KE and one NTS query on loopback: %.2f ms\n",
              std::chrono::duration<double, std::milli>(took).count());
  EXPECT_LT(took, 1s);
}

TEST(NtsClient, RefillsItsCookiesSoOneKeyExchangeServesManyQueries) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  const auto peer = start(nts_peer(*certs));
  const NtpServerSpec server = nts_server("127.0.0.1", peer->nts_port());
  NtsSessions sessions(trusting(*certs));
  // 4 + 8 requests: more than the 8 cookies of the key exchange.
  const auto first = query_servers(std::span(&server, 1), NtpKeyRing{}, quick(4), sessions);
  ASSERT_EQ(first[0].status, ServerStatus::answered) << first[0].detail;
  const auto second = query_servers(std::span(&server, 1), NtpKeyRing{}, quick(8), sessions);
  EXPECT_EQ(second[0].status, ServerStatus::answered) << second[0].detail;
  EXPECT_EQ(second[0].valid, 8);
  EXPECT_EQ(sessions.key_exchanges(), 1);
}

TEST(NtsClient, RejectsTheFiveSecondFalsetickerAmongHonestNtsServers) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_CHRONY(nts_peer(*certs, "+5s"));
  std::vector<std::unique_ptr<ChronyPeer>> peers;
  peers.push_back(start(nts_peer(*certs)));
  peers.push_back(start(nts_peer(*certs)));
  peers.push_back(start(nts_peer(*certs, "+5s")));
  std::vector<NtpServerSpec> servers;
  servers.reserve(peers.size());
  for (const auto& p : peers) servers.push_back(nts_server("127.0.0.1", p->nts_port()));
  NtsSessions sessions(trusting(*certs));
  TrustPolicy policy;
  policy.min_agreeing = 2;
  const ClockMeasurement m = measure_clock(servers, NtpKeyRing{}, quick(), policy, sessions);
  ASSERT_EQ(m.servers.size(), 3u);
  EXPECT_EQ(m.servers[0].status, ServerStatus::selected) << m.servers[0].detail;
  EXPECT_EQ(m.servers[1].status, ServerStatus::selected) << m.servers[1].detail;
  ASSERT_EQ(m.servers[2].status, ServerStatus::falseticker) << m.servers[2].detail;
  EXPECT_NEAR(std::chrono::duration<double>(m.servers[2].filtered.best.offset).count(), 5.0, 0.1);
  EXPECT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.source, ClockSource::nts);
  EXPECT_LT(std::chrono::abs(m.estimate.offset), Nanoseconds(2ms));
}

TEST(NtsClient, AnEstimateWithAPlainServerAmongTheSurvivorsHasSourceNtp) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  const auto nts = start(nts_peer(*certs));
  const auto plain = start(ChronyPeerOptions{});
  const std::vector<NtpServerSpec> servers{nts_server("127.0.0.1", nts->nts_port()),
                                           {"127.0.0.1", plain->port(), 0}};
  NtsSessions sessions(trusting(*certs));
  const ClockMeasurement m = measure_clock(servers, NtpKeyRing{}, quick(), TrustPolicy{}, sessions);
  EXPECT_TRUE(m.estimate.synchronized);
  EXPECT_EQ(m.estimate.servers_used, 2);
  EXPECT_EQ(m.estimate.source, ClockSource::ntp);
}

TEST(NtsClient, RejectsACertificateFromAnotherCa) {
  const auto certs = certificates();
  const auto other_ca = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  const auto peer = start(nts_peer(*certs));
  const ServerReport r = query_one(nts_server("127.0.0.1", peer->nts_port()), trusting(*other_ca));
  EXPECT_EQ(r.status, ServerStatus::certificate_untrusted) << to_string(r.status) << r.detail;
  EXPECT_EQ(r.sent, 0);  // never used
  EXPECT_FALSE(r.detail.empty());
}

TEST(NtsClient, RejectsACertificateForAnotherName) {
  // Signed by the trusted CA, but for another name and none of the loopback addresses.
  const auto certs = certificates("DNS:time.other.test");
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  const auto peer = start(nts_peer(*certs));
  const ServerReport by_address =
      query_one(nts_server("127.0.0.1", peer->nts_port()), trusting(*certs));
  EXPECT_EQ(by_address.status, ServerStatus::hostname_mismatch)
      << to_string(by_address.status) << by_address.detail;
  const ServerReport by_name =
      query_one(nts_server("localhost", peer->nts_port()), trusting(*certs));
  EXPECT_EQ(by_name.status, ServerStatus::hostname_mismatch)
      << to_string(by_name.status) << by_name.detail;
  EXPECT_EQ(by_name.sent, 0);
}

TEST(NtsClient, NoticesACookieChangedOnTheWay) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  // The key exchange names 127.0.0.2 as NTP server, where the relay listens on chronyd's port.
  ChronyPeerOptions options = nts_peer(*certs);
  options.nts_ntp_server = "127.0.0.2";
  const auto peer = start(options);
  // Header (48), Unique Identifier field (36), the cookie field's header (4): a cookie byte.
  const test::TamperingRelay relay("127.0.0.2", peer->port(), peer->port(), test::Tamper::requests,
                                   48 + 36 + 4 + 10);
  ASSERT_TRUE(relay.listening());
  const NtpServerSpec server = nts_server("127.0.0.1", peer->nts_port());
  NtsSessions sessions(trusting(*certs));
  const ServerReport r =
      query_servers(std::span(&server, 1), NtpKeyRing{}, quick(2), sessions).front();
  const int sessions_used = sessions.key_exchanges();
  EXPECT_GT(relay.tampered(), 0);
  EXPECT_EQ(r.address, "127.0.0.2");
  EXPECT_EQ(r.valid, 0);
  // An NTS NAK makes the client exchange keys again before its next request.
  EXPECT_GT(sessions_used, 1);
  // chronyd cannot decrypt the changed cookie and answers with an NTS NAK.
  EXPECT_EQ(r.status, ServerStatus::nts_nak)
      << to_string(r.status) << " " << to_string(r.last_reject);
}

TEST(NtsClient, RefusesAReplyChangedOnTheWay) {
  const auto certs = certificates();
  HOROLOG_REQUIRE_NTS_PEER(*certs);
  ChronyPeerOptions options = nts_peer(*certs);
  options.nts_ntp_server = "127.0.0.2";
  const auto peer = start(options);
  // Header (48), Unique Identifier (36), the authenticator's header and lengths (8): its nonce.
  const test::TamperingRelay relay("127.0.0.2", peer->port(), peer->port(), test::Tamper::replies,
                                   48 + 36 + 8 + 3);
  ASSERT_TRUE(relay.listening());
  const ServerReport r = query_one(nts_server("127.0.0.1", peer->nts_port()), trusting(*certs));
  EXPECT_GT(relay.tampered(), 0);
  EXPECT_EQ(r.valid, 0);
  EXPECT_EQ(r.status, ServerStatus::bad_auth) << to_string(r.status);
}

TEST(NtsClient, ReportsAKeyExchangeServerThatClosesHalfWay) {
  const auto certs = certificates();
  const test::FakeNtsKeServer server(certs->path(), test::KeMisbehaviour::close_half_way);
  const ServerReport r = query_one(nts_server("127.0.0.1", server.port()), trusting(*certs));
  EXPECT_EQ(r.status, ServerStatus::nts_ke_failed) << to_string(r.status);
  EXPECT_NE(r.detail.find("half-way"), std::string::npos) << r.detail;
}

TEST(NtsClient, ReportsAKeyExchangeServerWithoutAlpn) {
  const auto certs = certificates();
  const test::FakeNtsKeServer server(certs->path(), test::KeMisbehaviour::no_alpn);
  const ServerReport r = query_one(nts_server("127.0.0.1", server.port()), trusting(*certs));
  EXPECT_EQ(r.status, ServerStatus::nts_ke_failed) << to_string(r.status);
  EXPECT_NE(r.detail.find("no ALPN"), std::string::npos) << r.detail;
}

TEST(NtsClient, ReportsARefusedKeyExchangeConnection) {
  const auto certs = certificates();
  const ServerReport r =
      query_one(nts_server("127.0.0.1", test::free_tcp_port()), trusting(*certs));
  EXPECT_EQ(r.status, ServerStatus::nts_ke_failed) << to_string(r.status);
  EXPECT_NE(r.detail.find("refused"), std::string::npos) << r.detail;
}

}  // namespace
}  // namespace horolog
