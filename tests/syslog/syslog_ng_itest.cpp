// The real agent sends a file to a real syslog-ng over TCP (both framings) and TLS, and what
// syslog-ng wrote is compared event by event with the NDJSON the same run wrote to a file, as
// against rsyslog. syslog-ng's open-source edition has no RELP: there is no RELP case.
#include <gtest/gtest.h>

#include "tests/syslog/syslog_agent_fixture.h"
#include "tests/syslog/syslog_ng_receiver.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

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

}  // namespace
}  // namespace horolog::test
