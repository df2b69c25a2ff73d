// The real agent sends a file to a real rsyslogd over each transport, and what rsyslogd wrote is
// compared event by event with the NDJSON the same run wrote to a file; a receiver whose
// certificate no trusted CA signed gets nothing; a receiver that requires a client certificate
// gets the events from an agent that has one, and from one that has none nothing is counted as
// delivered; over UDP, paced events all arrive on loopback and an oversized one arrives cut.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "tests/syslog/rsyslog_peer.h"
#include "tests/syslog/syslog_agent_fixture.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct TransportCase {
  const char* name;
  RsyslogInput::Kind receiver;
  std::string sink;  // the transport's keys, YAML lines
};

class SyslogToRsyslog : public ::testing::TestWithParam<TransportCase> {
 protected:
  void SetUp() override {
    if (const std::string missing = rsyslog_missing(); !missing.empty()) GTEST_SKIP() << missing;
    fs::create_directories(dir_ / "logs");
  }
  TempDir dir_;
};

TEST_P(SyslogToRsyslog, ReceiverGetsEveryEventAsTheNdjsonLine) {
  constexpr std::uint64_t kEvents = 5000;
  const TransportCase& c = GetParam();
  const TestCertificates certs = make_certificates(dir_ / "certs");
  RsyslogPeer peer(dir_ / "rsyslog", {c.receiver, "%msg%\\n", &certs});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, kEvents);
  std::string sink = "    type: syslog\n    address: [\"" + peer.address() + "\"]\n" + c.sink;
  const bool tls =
      c.receiver == RsyslogInput::Kind::tls || c.receiver == RsyslogInput::Kind::relp_tls;
  if (tls) sink += "    ca_file: \"" + certs.ca.string() + "\"\n";
  write_agent_config(dir_.path(), sink, /*with_file=*/true);
  const ProcessResult run = run_agent_once(dir_.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("sink    siem: 5000 event(s)"), std::string::npos) << run.out;
  peer.wait_lines(kEvents, 10'000);
  expect_same_events(peer.lines(), dir_.path(), kEvents);
}

INSTANTIATE_TEST_SUITE_P(
    Transports, SyslogToRsyslog,
    ::testing::Values(
        TransportCase{"tcp_octet_counting", RsyslogInput::Kind::tcp, "    transport: tcp\n"},
        TransportCase{"tcp_lf", RsyslogInput::Kind::tcp, "    transport: tcp\n    framing: lf\n"},
        TransportCase{"tls", RsyslogInput::Kind::tls, "    transport: tls\n"},
        TransportCase{"relp", RsyslogInput::Kind::relp, "    transport: relp\n"},
        TransportCase{"relp_tls", RsyslogInput::Kind::relp_tls,
                      "    transport: relp\n    tls: true\n"}),
    [](const auto& info) { return std::string(info.param.name); });

class SyslogTls : public SyslogToRsyslog {};

TEST_F(SyslogTls, RefusesAReceiverNoTrustedAuthoritySigned) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  RsyslogPeer peer(dir_ / "rsyslog", {RsyslogInput::Kind::tls, "%msg%\\n", &certs});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, 10);
  write_agent_config(dir_.path(),
                     "    type: syslog\n    transport: tls\n    address: [\"" + peer.address() +
                         "\"]\n    ca_file: \"" + certs.stranger_ca.string() + "\"\n",
                     false);
  auto agent = start_agent(dir_.path(), 1);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::string log;
  while (std::chrono::steady_clock::now() < deadline &&
         log.find("cannot connect") == std::string::npos) {
    std::this_thread::sleep_for(100ms);
    log = read_file(dir_ / "agent.err.1");
  }
  EXPECT_NE(log.find("self-signed certificate in certificate chain"), std::string::npos) << log;
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  EXPECT_EQ(peer.lines().size(), 0u);
}

TEST_F(SyslogTls, RefusesACertificateForAnotherName) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  RsyslogPeer peer(dir_ / "rsyslog", {RsyslogInput::Kind::tls, "%msg%\\n", &certs});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, 10);
  write_agent_config(dir_.path(),
                     "    type: syslog\n    transport: tls\n    address: [\"" + peer.address() +
                         "\"]\n    ca_file: \"" + certs.ca.string() +
                         "\"\n    server_name: siem.example\n",
                     false);
  auto agent = start_agent(dir_.path(), 1);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::string log;
  while (std::chrono::steady_clock::now() < deadline &&
         log.find("cannot connect") == std::string::npos) {
    std::this_thread::sleep_for(100ms);
    log = read_file(dir_ / "agent.err.1");
  }
  EXPECT_NE(log.find("hostname mismatch"), std::string::npos) << log;
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  EXPECT_EQ(peer.lines().size(), 0u);
}

// Waits until the agent's log (run `run`) holds `text`, up to 10 s; the log.
std::string wait_agent_log(const fs::path& dir, int run, std::string_view text) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::string log;
  while (std::chrono::steady_clock::now() < deadline && log.find(text) == std::string::npos) {
    std::this_thread::sleep_for(100ms);
    log = read_file(dir / ("agent.err." + std::to_string(run)));
  }
  return log;
}

TEST_F(SyslogTls, AReceiverRequiringAClientCertificateGetsEventsFromAnAgentThatHasOne) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  RsyslogPeer peer(dir_ / "rsyslog", {RsyslogInput::Kind::tls_client_cert, "%msg%\\n", &certs});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, 5000);
  write_agent_config(dir_.path(),
                     "    type: syslog\n    transport: tls\n    address: [\"" + peer.address() +
                         "\"]\n    ca_file: \"" + certs.ca.string() + "\"\n    cert_file: \"" +
                         certs.client_cert.string() + "\"\n    key_file: \"" +
                         certs.client_key.string() + "\"\n",
                     /*with_file=*/true);
  const ProcessResult run = run_agent_once(dir_.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  peer.wait_lines(5000, 10'000);
  expect_same_events(peer.lines(), dir_.path(), 5000);
}

TEST_F(SyslogTls, AnAgentWithoutAClientCertificateDeliversNothingUntilItHasOne) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  RsyslogPeer peer(dir_ / "rsyslog", {RsyslogInput::Kind::tls_client_cert, "%msg%\\n", &certs});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, 100);
  const std::string sink = "    type: syslog\n    transport: tls\n    address: [\"" +
                           peer.address() + "\"]\n    ca_file: \"" + certs.ca.string() +
                           "\"\n    reconnect_min: 100ms\n    reconnect_max: 500ms\n";
  write_agent_config(dir_.path(), sink, false);
  auto agent = start_agent(dir_.path(), 1);
  const std::string log = wait_agent_log(dir_.path(), 1, "certificate required");
  EXPECT_NE(log.find("cannot connect"), std::string::npos) << log;
  std::this_thread::sleep_for(1s);  // several refused attempts
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  EXPECT_EQ(peer.lines().size(), 0u);
  const std::string summary = read_file(dir_ / "agent.out.1");
  EXPECT_NE(summary.find("sink    siem: 0 event(s)"), std::string::npos) << summary;

  // With the certificate, the same events arrive: none was taken for delivered.
  write_agent_config(dir_.path(),
                     sink + "    cert_file: \"" + certs.client_cert.string() +
                         "\"\n    key_file: \"" + certs.client_key.string() + "\"\n",
                     false);
  agent = start_agent(dir_.path(), 2);
  SeqTally tally(100);
  peer.wait_lines(100, 10'000);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  for (const std::string& line : peer.lines()) tally.add(line);
  EXPECT_EQ(tally.missing(), 0u);
  EXPECT_EQ(tally.foreign(), 0u);
}

class SyslogUdp : public SyslogToRsyslog {};

TEST_F(SyslogUdp, EveryEventSentAtAModestPaceArrivesOnLoopback) {
  constexpr std::uint64_t kEvents = 200;
  RsyslogPeer peer(dir_ / "rsyslog", {RsyslogInput::Kind::udp, "%msg%\\n", nullptr});
  write_agent_config(
      dir_.path(),
      "    type: syslog\n    transport: udp\n    address: [\"" + peer.address() + "\"]\n",
      /*with_file=*/true);
  fs::path log = dir_ / "logs" / "app.log";
  auto agent = start_agent(dir_.path(), 1);
  // 20 events every 100 ms: a datagram lost on loopback would be a receive buffer overrun, which
  // this pace never comes near.
  for (std::uint64_t first = 0; first < kEvents; first += 20) {
    append_numbered_lines(log, first, 20);
    std::this_thread::sleep_for(100ms);
  }
  peer.wait_lines(kEvents, 10'000);
  wait_file_lines(dir_ / "copy.ndjson", kEvents, 10'000);
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  expect_same_events(peer.lines(), dir_.path(), kEvents);
}

TEST_F(SyslogUdp, AMessageLongerThanTheDatagramLimitArrivesCutAndFlagged) {
  RsyslogPeer peer(dir_ / "rsyslog", {RsyslogInput::Kind::udp, "%rawmsg%\\n", nullptr});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, 1);
  write_file(dir_ / "logs" / "long.log",
             "Nov 30 12:00:00 web1 app[42]: seq=000000001 " + std::string(5000, 'x') + "\n");
  write_agent_config(
      dir_.path(),
      "    type: syslog\n    transport: udp\n    address: [\"" + peer.address() + "\"]\n", false);
  const ProcessResult run = run_agent_once(dir_.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1 truncated"), std::string::npos) << run.out;
  peer.wait_lines(2, 10'000);
  const std::vector<std::string> received = peer.lines();
  ASSERT_EQ(received.size(), 2u);
  std::size_t cut = 0;
  for (const std::string& message : received) {
    if (message.find("xxxx") == std::string::npos) {
      EXPECT_EQ(message.find("truncated="), std::string::npos) << message;
      continue;
    }
    ++cut;
    EXPECT_EQ(message.size(), 2048u) << message;  // transport: udp's default max_message_size
    EXPECT_NE(message.find("[horolog@32473 truncated=\"true\"]"), std::string::npos) << message;
  }
  EXPECT_EQ(cut, 1u);
}

}  // namespace
}  // namespace horolog::test
