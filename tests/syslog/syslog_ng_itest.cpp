// The real agent sends a file to a real syslog-ng over TCP (both framings) and TLS, and what
// syslog-ng wrote is compared event by event with the NDJSON the same run wrote to a file, as
// against rsyslog; a syslog-ng requiring a client certificate refuses an agent without one, and
// nothing counts as delivered. syslog-ng's open-source edition has no RELP: no RELP case.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "tests/syslog/syslog_agent_fixture.h"
#include "tests/syslog/syslog_ng_receiver.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::uint64_t kEvents = 5000;

class SyslogSinkToSyslogNg : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string missing = syslog_ng_missing(); !missing.empty()) {
      GTEST_SKIP() << missing;
    }
    fs::create_directories(dir_ / "logs");
    append_numbered_lines(dir_ / "logs" / "app.log", 0, kEvents);
  }

  // Sends the log to `receiver` with the sink keys `sink` (YAML lines) and compares.
  void expect_all_arrive(const SyslogNgReceiver& receiver, const std::string& sink) {
    write_agent_config(dir_.path(),
                       "    type: syslog\n    address: [\"" + receiver.address() + "\"]\n" + sink,
                       /*with_file=*/true);
    const ProcessResult run = run_agent_once(dir_.path());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("sink    siem: 5000 event(s)"), std::string::npos) << run.out;
    receiver.wait_lines(kEvents, 10'000);
    expect_same_events(receiver.lines(), dir_.path(), kEvents);
  }

  TempDir dir_;
};

TEST_F(SyslogSinkToSyslogNg, TcpOctetCountedEventsArriveIntact) {
  const SyslogNgReceiver receiver(dir_ / "syslog-ng",
                                  {SyslogNgInput::Kind::tcp_octet_counting, nullptr});
  expect_all_arrive(receiver, "    transport: tcp\n");
}

TEST_F(SyslogSinkToSyslogNg, TcpLineFramedEventsArriveIntact) {
  const SyslogNgReceiver receiver(dir_ / "syslog-ng", {SyslogNgInput::Kind::tcp_lf, nullptr});
  expect_all_arrive(receiver, "    transport: tcp\n    framing: lf\n");
}

TEST_F(SyslogSinkToSyslogNg, TlsEventsArriveIntact) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  const SyslogNgReceiver receiver(dir_ / "syslog-ng", {SyslogNgInput::Kind::tls, &certs});
  expect_all_arrive(receiver, "    transport: tls\n    ca_file: \"" + certs.ca.string() + "\"\n");
}

TEST_F(SyslogSinkToSyslogNg, TlsWithAClientCertificateEventsArriveIntact) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  const SyslogNgReceiver receiver(dir_ / "syslog-ng", {SyslogNgInput::Kind::tls, &certs});
  expect_all_arrive(receiver, "    transport: tls\n    ca_file: \"" + certs.ca.string() +
                                  "\"\n    cert_file: \"" + certs.client_cert.string() +
                                  "\"\n    key_file: \"" + certs.client_key.string() + "\"\n");
}

TEST_F(SyslogSinkToSyslogNg, ReceiverRequiringAClientCertificateGetsNothingFromAnAgentWithout) {
  const TestCertificates certs = make_certificates(dir_ / "certs");
  const SyslogNgReceiver receiver(dir_ / "syslog-ng",
                                  {SyslogNgInput::Kind::tls_client_cert, &certs});
  write_agent_config(dir_.path(),
                     "    type: syslog\n    transport: tls\n    address: [\"" + receiver.address() +
                         "\"]\n    ca_file: \"" + certs.ca.string() + "\"\n",
                     false);
  auto agent = start_agent(dir_.path(), 1);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::string log;
  while (std::chrono::steady_clock::now() < deadline &&
         log.find("cannot connect") == std::string::npos) {
    std::this_thread::sleep_for(100ms);
    log = read_file(dir_ / "agent.err.1");
  }
  EXPECT_NE(log.find("the receiver refused the connection"), std::string::npos) << log;
  EXPECT_EQ(agent->stop(SIGTERM), 0);
  const std::string summary = read_file(dir_ / "agent.out.1");
  EXPECT_NE(summary.find("sink    siem: 0 event(s)"), std::string::npos) << summary;
  EXPECT_EQ(receiver.lines().size(), 0u);
}

}  // namespace
}  // namespace horolog::test
