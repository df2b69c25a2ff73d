// The audit against real peers on loopback: an imitation of an old open ntpd (monlist, mode 6),
// chronyd open, rate-limited, denying, and as an NTS server, ntpsec open and restricted; then the
// binary's exit status, JSON and timeouts.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "agent/commands/clock_audit/clock_audit.h"
#include "tests/clock/chrony_peer.h"
#include "tests/clock/nts_test_certs.h"
#include "tests/clock_audit/legacy_ntpd.h"
#include "tests/clock_audit/ntpsec_peer.h"
#include "tests/support/process.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;
using audit::Finding;
using audit::ServerAudit;
using audit::Severity;
using test::ChronyPeer;
using test::ChronyPeerOptions;
using test::free_tcp_port;
using test::LegacyNtpd;
using test::LegacyNtpdBehaviour;
using test::NtpsecPeer;
using test::NtpsecPeerOptions;

ServerAudit run_audit(const std::string& server, std::uint16_t nts_ke_port = free_tcp_port()) {
  const Result<audit::AuditTarget> target = audit::resolve_target(server);
  EXPECT_TRUE(target) << server;
  if (!target) return {};
  return audit::audit_server(*target, {nts_ke_port, std::chrono::milliseconds(700)});
}

const Finding* find(const ServerAudit& a, std::string_view code) {
  const auto it = std::find_if(a.findings.begin(), a.findings.end(),
                               [&](const Finding& f) { return f.finding == code; });
  return it == a.findings.end() ? nullptr : &*it;
}

double number(const Finding& f, std::string_view name) {
  for (const auto& [key, value] : f.numbers) {
    if (key == name) return value;
  }
  return -1;
}

std::string text(const Finding& f, std::string_view name) {
  for (const auto& [key, value] : f.texts) {
    if (key == name) return value;
  }
  return {};
}

std::string codes(const ServerAudit& a) {
  std::string out;
  for (const Finding& f : a.findings) {
    out += f.check + "/" + f.finding + "/" + std::string(to_string(f.severity)) + ": " + f.reason +
           "\n";
  }
  return out;
}

std::string local(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

TEST(ClockAudit, MonlistAnswerIsHighSeverityWithItsAmplificationFactor) {
  LegacyNtpd ntpd;  // 60 clients: 10 packets of 6 entries, 440 bytes each
  const ServerAudit a = run_audit(local(ntpd.port()));
  const Finding* f = find(a, "monlist_answered");
  ASSERT_NE(f, nullptr) << codes(a);
  EXPECT_EQ(f->severity, Severity::high);
  EXPECT_EQ(number(*f, "response_packets"), 10);
  EXPECT_EQ(number(*f, "response_bytes"), 4400);
  EXPECT_EQ(number(*f, "entries"), 60);
  EXPECT_DOUBLE_EQ(number(*f, "amplification_factor"), 4400.0 / 8);
  EXPECT_EQ(ntpd.monlist_requests(), 1);  // one request, never more
}

TEST(ClockAudit, MonlistRefusedWithAnErrorIsLow) {
  LegacyNtpdBehaviour refusing;
  refusing.monlist_error = true;
  LegacyNtpd ntpd(refusing);
  const ServerAudit a = run_audit(local(ntpd.port()));
  const Finding* f = find(a, "mode7_error_answer");
  ASSERT_NE(f, nullptr) << codes(a);
  EXPECT_EQ(f->severity, Severity::low);
}

TEST(ClockAudit, OpenModeSixIsMediumAndDisclosesTheDaemonVersion) {
  LegacyNtpd ntpd;  // READVAR in 100-byte fragments, sent last first
  const ServerAudit a = run_audit(local(ntpd.port()));
  const Finding* readvar = find(a, "mode6_readvar_answered");
  ASSERT_NE(readvar, nullptr) << codes(a);
  EXPECT_EQ(readvar->severity, Severity::medium);
  EXPECT_GE(number(*readvar, "fragments"), 4);
  const Finding* version = find(a, "version_disclosed");
  ASSERT_NE(version, nullptr) << codes(a);
  EXPECT_EQ(version->severity, Severity::low);
  EXPECT_EQ(text(*version, "version"), LegacyNtpdBehaviour{}.version);
  const Finding* peers = find(a, "mode6_peer_list");
  ASSERT_NE(peers, nullptr) << codes(a);
  EXPECT_EQ(number(*peers, "associations"), 3);
  EXPECT_EQ(find(a, "mode6_mru_list"), nullptr);  // 4.2.6 has no MRU list
}

TEST(ClockAudit, UnsynchronizedServerIsHigh) {
  LegacyNtpdBehaviour lost;
  lost.unsynchronized = true;
  lost.monlist_entries = 0;
  lost.control = false;
  LegacyNtpd ntpd(lost);
  const ServerAudit a = run_audit(local(ntpd.port()));
  const Finding* f = find(a, "unsynchronized");
  ASSERT_NE(f, nullptr) << codes(a);
  EXPECT_EQ(f->severity, Severity::high);
  EXPECT_EQ(number(*f, "stratum"), 16);
  EXPECT_NE(find(a, "mode7_not_answered"), nullptr);
  EXPECT_NE(find(a, "mode6_not_answered"), nullptr);
}

TEST(ClockAudit, BurstStaysWithinTwentyQueriesInUnderOneSecond) {
  LegacyNtpdBehaviour time_only;
  time_only.monlist_entries = 0;
  time_only.control = false;
  LegacyNtpd ntpd(time_only);
  const auto start = std::chrono::steady_clock::now();
  const ServerAudit a = run_audit(local(ntpd.port()));
  const Finding* f = find(a, "no_rate_limiting");
  ASSERT_NE(f, nullptr) << codes(a);
  EXPECT_EQ(number(*f, "sent"), 20);
  EXPECT_EQ(ntpd.time_requests(), 1 + 20);  // the mode 3 check and the burst
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST(ClockAudit, SilentServerGetsNoBurstAndEndsWithinATimeout) {
  LegacyNtpdBehaviour mute;
  mute.answer_time = false;
  mute.monlist_entries = 0;
  mute.control = false;
  LegacyNtpd ntpd(mute);
  const auto start = std::chrono::steady_clock::now();
  const ServerAudit a = run_audit(local(ntpd.port()));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_NE(find(a, "no_answer"), nullptr) << codes(a);
  EXPECT_EQ(ntpd.time_requests(), 1);
  EXPECT_LT(took, 1500ms);  // the probes wait side by side: one 0.7 s timeout, not four
}

TEST(ClockAudit, OpenChronydServesTimeWithoutModeSixOrSevenAndWithoutRateLimits) {
  HOROLOG_REQUIRE_CHRONY(ChronyPeerOptions{});
  ChronyPeer chrony;
  ASSERT_TRUE(chrony.wait_ready()) << chrony.log();
  for (const std::string host : {"127.0.0.1", "[::1]"}) {
    const ServerAudit a = run_audit(host + ":" + std::to_string(chrony.port()));
    const Finding* time = find(a, "synchronized");
    ASSERT_NE(time, nullptr) << codes(a);
    EXPECT_EQ(number(*time, "stratum"), 8);
    EXPECT_EQ(time->severity, Severity::info);
    EXPECT_NE(find(a, "served"), nullptr) << codes(a);
    EXPECT_NE(find(a, "no_rate_limiting"), nullptr) << codes(a);
    EXPECT_NE(find(a, "mode6_not_answered"), nullptr) << codes(a);
    EXPECT_NE(find(a, "mode7_not_answered"), nullptr) << codes(a);
    EXPECT_NE(find(a, "no_listener"), nullptr) << codes(a);
  }
}

TEST(ClockAudit, RateLimitedChronydDropsPartOfTheBurstAndDeniedAddressGetsNothing) {
  ChronyPeerOptions restricted;
  // Two responses in a burst, then one in 2 s; leak 4: 1 in 16 slips through. chronyd learns a
  // new client's rate over a few packets, so a first burst still gets a dozen answers or so.
  restricted.extra_config = "ratelimit interval 1 burst 2 leak 4\ndeny ::1\n";
  HOROLOG_REQUIRE_CHRONY(restricted);
  ChronyPeer chrony(restricted);
  ASSERT_TRUE(chrony.wait_ready()) << chrony.log();
  const ServerAudit v4 = run_audit(local(chrony.port()));
  const Finding* f = find(v4, "rate_limited_by_dropping");
  ASSERT_NE(f, nullptr) << codes(v4);
  EXPECT_EQ(f->severity, Severity::info);
  EXPECT_LT(number(*f, "answered"), 20);
  const ServerAudit v6 = run_audit("[::1]:" + std::to_string(chrony.port()));
  EXPECT_NE(find(v6, "no_answer"), nullptr) << codes(v6);
  EXPECT_EQ(find(v6, "no_rate_limiting"), nullptr) << codes(v6);
}

bool wait_for_tcp(std::uint16_t port, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    if (up) return true;
    std::this_thread::sleep_for(100ms);
  }
  return false;
}

TEST(ClockAudit, NtsKeWithATestCaIsMediumAndNamesItsCertificate) {
  if (::access("/usr/bin/openssl", X_OK) != 0) GTEST_SKIP() << "openssl not installed";
  test::TempDir certs;
  ASSERT_TRUE(test::make_nts_certificates(certs.path()));
  const std::uint16_t ke_port = free_tcp_port();
  ChronyPeerOptions nts;
  const std::string d = certs.path().string();
  nts.extra_config = "ntsserverkey " + d + "/server.key\nntsservercert " + d +
                     "/server.crt\nntsport " + std::to_string(ke_port) + "\nntsdumpdir " + d + "\n";
  HOROLOG_REQUIRE_CHRONY(nts);
  ChronyPeer chrony(nts);
  ASSERT_TRUE(chrony.wait_ready()) << chrony.log();
  ASSERT_TRUE(wait_for_tcp(ke_port, 5s)) << chrony.log();
  const ServerAudit a = run_audit(local(chrony.port()), ke_port);
  const Finding* f = find(a, "certificate_unverified");
  ASSERT_NE(f, nullptr) << codes(a);
  EXPECT_EQ(f->severity, Severity::medium);
  EXPECT_EQ(text(*f, "subject"), "CN=nts test server");
  EXPECT_EQ(text(*f, "issuer"), "CN=NTS Test CA");
  EXPECT_EQ(text(*f, "alpn"), "ntske/1");
  EXPECT_EQ(text(*f, "tls_version"), "TLSv1.3");
  // Plain time beside NTS: a client that does not insist on NTS can be fooled.
  const Finding* plain = find(a, "served_beside_nts");
  ASSERT_NE(plain, nullptr) << codes(a);
  EXPECT_EQ(plain->severity, Severity::low);
}

// The test ntpsec has no source (and runs with `disable ntp`): it answers mode 3 as it does before
// its first synchronization (leap 3, stratum 0, INIT), which is what anyone asking it sees.
void expect_unsynchronized_ntpsec(const ServerAudit& a) {
  const Finding* time = find(a, "unsynchronized");
  ASSERT_NE(time, nullptr) << codes(a);
  EXPECT_EQ(time->severity, Severity::high);
  EXPECT_EQ(number(*time, "leap"), 3);
  EXPECT_EQ(text(*time, "reference"), "INIT");
  // ntpsec has no mode 7 at all.
  const Finding* monlist = find(a, "mode7_not_answered");
  ASSERT_NE(monlist, nullptr) << codes(a);
  EXPECT_EQ(monlist->severity, Severity::info);
}

// What an ntpsec with `restrict default` cleared of its built-in noquery and limited tells anyone.
NtpsecPeerOptions open_ntpsec() { return {"unrestrict default noquery limited\n"}; }

TEST(ClockAudit, NtpsecOpenConfigurationDisclosesItsVersion) {
  HOROLOG_START_NTPSEC(ntpsec, open_ntpsec());
  for (const std::string server : {"127.0.0.1:123", "[::1]:123"}) {
    ServerAudit a;
    ASSERT_TRUE(ntpsec.in_network([&] { a = run_audit(server); }));
    expect_unsynchronized_ntpsec(a);
    const Finding* readvar = find(a, "mode6_readvar_answered");
    ASSERT_NE(readvar, nullptr) << codes(a);
    EXPECT_EQ(readvar->severity, Severity::medium);
    const Finding* version = find(a, "version_disclosed");
    ASSERT_NE(version, nullptr) << codes(a);
    EXPECT_EQ(version->severity, Severity::low);
    EXPECT_EQ(text(*version, "version").rfind("ntpd ntpsec-", 0), 0u) << text(*version, "version");
    const Finding* mru = find(a, "mode6_mru_list");  // ntpsec's monlist successor, open here
    ASSERT_NE(mru, nullptr) << codes(a);
    EXPECT_EQ(mru->severity, Severity::medium);
    const Finding* rate = find(a, "no_rate_limiting");
    ASSERT_NE(rate, nullptr) << codes(a);
    EXPECT_EQ(number(*rate, "answered"), 20);
  }
}

TEST(ClockAudit, NtpsecRestrictedConfigurationAnswersNoControlQueries) {
  // A burst of 4 at one packet per second on average, then RATE kisses.
  HOROLOG_START_NTPSEC(ntpsec, NtpsecPeerOptions{"restrict default noquery nomodify limited kod\n"
                                                 "limit average 1 burst 4\n"});
  ServerAudit a;
  ASSERT_TRUE(ntpsec.in_network([&] { a = run_audit("127.0.0.1:123"); }));
  expect_unsynchronized_ntpsec(a);
  const Finding* control = find(a, "mode6_not_answered");
  ASSERT_NE(control, nullptr) << codes(a);
  EXPECT_EQ(control->severity, Severity::info);
  EXPECT_EQ(find(a, "version_disclosed"), nullptr) << codes(a);
  const Finding* rate = find(a, "rate_limited_with_kod");
  ASSERT_NE(rate, nullptr) << codes(a);
  EXPECT_EQ(rate->severity, Severity::info);
  EXPECT_GE(number(*rate, "rate_kisses"), 1);
  EXPECT_LT(number(*rate, "answered"), 20);
}

TEST(ClockAudit, NtpsecRunsWithoutTheRightToSetTheClock) {
  HOROLOG_START_NTPSEC(ntpsec, open_ntpsec());
  // CapInh, CapPrm, CapEff, CapBnd, CapAmb of the running ntpd: CAP_SYS_TIME (bit 25) clear.
  const auto lines = test::split_lines(ntpsec.capabilities());
  ASSERT_EQ(lines.size(), 5u) << ntpsec.capabilities();
  for (const std::string_view line : lines) {
    const std::uint64_t mask =
        std::stoull(std::string(line.substr(line.find(':') + 1)), nullptr, 16);
    EXPECT_EQ((mask >> 25) & 1u, 0u) << line;
  }
  // ntpsec 1.2.2 tries ntp_adjtime at start despite `disable kernel`: the kernel refuses it.
  EXPECT_NE(ntpsec.log().find("ntp_adjtime: Operation not permitted"), std::string::npos)
      << ntpsec.log();
}

test::ProcessResult horolog(std::vector<std::string> args) {
  args.insert(args.begin(), {test::horolog_binary().string(), "clock"});
  return test::run_process(args);
}

TEST(ClockAuditCli, ExitsOneWhenAServerAnswersMonlist) {
  LegacyNtpd ntpd;
  const auto r =
      horolog({"--audit", local(ntpd.port()), "--nts-ke-port", std::to_string(free_tcp_port())});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("monlist               high      monlist_answered"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("amplification x550.0"), std::string::npos) << r.out;
}

TEST(ClockAuditCli, JsonIsOneDocumentWithEveryCheckOfEveryServer) {
  LegacyNtpd ntpd;
  LegacyNtpdBehaviour mute;
  mute.answer_time = false;
  mute.monlist_entries = 0;
  mute.control = false;
  LegacyNtpd silent(mute);
  const auto r =
      horolog({"--json", "--audit", local(ntpd.port()), local(silent.port()), "--nts-ke-port",
               std::to_string(free_tcp_port()), "--audit-timeout", "0.5"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(r.out).get(doc), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(doc["worst"]), "high");
  EXPECT_GE(int64_t(doc["counts"]["high"]), 1);
  simdjson::dom::array servers = doc["servers"];
  ASSERT_EQ(servers.size(), 2u);
  std::vector<std::string> checks;
  for (simdjson::dom::element f : servers.at(0)["findings"].get_array()) {
    checks.emplace_back(std::string_view(f["check"]));
    EXPECT_TRUE(f["severity"].is_string());
    EXPECT_TRUE(f["finding"].is_string());
    EXPECT_TRUE(f["reason"].is_string());
    EXPECT_TRUE(f["values"].is_object());
  }
  for (const char* check :
       {"time", "unauthenticated_time", "rate", "control", "monlist", "nts_ke"}) {
    EXPECT_NE(std::find(checks.begin(), checks.end(), check), checks.end()) << check;
  }
  EXPECT_EQ(std::string_view(servers.at(1)["address"]), "127.0.0.1");
  EXPECT_EQ(std::string_view(servers.at(1)["findings"].at(0)["finding"]), "no_answer");
}

TEST(ClockAuditCli, DeadPortEndsWithinTheTimeoutAndIsNoHighFinding) {
  LegacyNtpdBehaviour mute;
  mute.answer_time = false;
  mute.monlist_entries = 0;
  mute.control = false;
  LegacyNtpd silent(mute);  // takes the datagrams, never answers: a filtered host
  const auto start = std::chrono::steady_clock::now();
  const auto r = horolog({"--audit", local(silent.port()), "--audit-timeout", "0.5",
                          "--nts-ke-port", std::to_string(free_tcp_port())});
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("no reply to a mode 3 client query within 0.5 s"), std::string::npos)
      << r.out;
}

TEST(ClockAuditCli, UnsynchronizedNtpsecExitsOneAndItsTableNamesTheVersion) {
  HOROLOG_START_NTPSEC(ntpsec, open_ntpsec());
  test::ProcessResult r;
  // The binary started from the namespace's thread runs in the namespace.
  ASSERT_TRUE(ntpsec.in_network([&] {
    r = horolog({"--audit", "127.0.0.1", "--audit-timeout", "0.5", "--nts-ke-port",
                 std::to_string(free_tcp_port())});
  }));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("127.0.0.1:123  time                  high      unsynchronized"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("version_disclosed             version=\"ntpd ntpsec-"), std::string::npos)
      << r.out;
}

TEST(ClockAuditCli, MalformedServerIsAnArgumentErrorBeforeAnyPacket) {
  const auto r = horolog({"--audit", "[::1"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("bad server `[::1`"), std::string::npos) << r.err;
  const auto both = horolog({"--audit", "127.0.0.1", "--server", "127.0.0.1"});
  EXPECT_EQ(both.exit_code, 2) << both.err;
}

}  // namespace
}  // namespace horolog
