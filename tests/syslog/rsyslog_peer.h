// A real rsyslogd as the syslog sink's receiver: unpacked by scripts/install-deps.sh --test (never
// the system's), run in the foreground on a free loopback port with its own config and state,
// writing each message's MSG (or the raw message) to a file, one per line.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/syslog/receiver_support.h"

namespace horolog::test {

// Where install-deps.sh --test unpacks rsyslog.
std::filesystem::path rsyslog_root();
// Empty when the unpacked rsyslogd is there, else why not (for GTEST_SKIP).
std::string rsyslog_missing();

struct RsyslogInput {
  // tls_client_cert: TLS that refuses a client without a certificate its CA signed (imtcp's
  // x509/certvalid); udp: imudp.
  enum class Kind { tcp, tls, tls_client_cert, relp, relp_tls, udp } kind = Kind::tcp;
  std::string template_text = "%msg%\\n";  // rsyslog template string (escaped as in its config)
  const TestCertificates* certificates = nullptr;  // the TLS kinds
};

class RsyslogPeer {
 public:
  // Starts rsyslogd in `dir` and waits until it listens on port() (UDP for Kind::udp); `port` 0:
  // a free one.
  RsyslogPeer(const std::filesystem::path& dir, const RsyslogInput& input, int port = 0);
  ~RsyslogPeer();

  int port() const noexcept { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& output() const noexcept { return output_; }
  // Lines written so far.
  std::vector<std::string> lines() const { return file_lines(output_); }
  // Waits until at least `count` lines were written, or `timeout_ms` passed, or (when not 0) no
  // line came for `idle_ms`; the line count.
  std::size_t wait_lines(std::size_t count, int timeout_ms, int idle_ms = 0) const {
    return wait_file_lines(output_, count, timeout_ms, idle_ms);
  }
  // Stops rsyslogd with `signal` (SIGKILL: a crash) and starts it again on the same port.
  void stop(int signal);
  void start();

 private:
  std::filesystem::path dir_;
  std::filesystem::path output_;
  int port_;
  bool udp_;
  int runs_ = 0;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace horolog::test
