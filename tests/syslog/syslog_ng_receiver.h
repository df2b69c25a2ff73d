// A real syslog-ng as the syslog sink's receiver: unpacked by scripts/install-deps.sh --test (never
// the system's), run in the foreground on a free loopback port with its own config, pid file,
// control socket and persist file, writing each message's MSG to a file, one per line.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/syslog/receiver_support.h"

namespace horolog::test {

// Where install-deps.sh --test unpacks syslog-ng.
std::filesystem::path syslog_ng_root();
// Empty when the unpacked syslog-ng is there, else why not (for GTEST_SKIP).
std::string syslog_ng_missing();

struct SyslogNgInput {
  // tcp_lf: network() with RFC 5424 messages, one per line; tcp_octet_counting: syslog() (RFC
  // 6587 octet counting); tls: syslog() over TLS (RFC 5425), client certificates not required;
  // tls_client_cert: one signed by the test CA required.
  enum class Kind {
    tcp_lf,
    tcp_octet_counting,
    tls,
    tls_client_cert
  } kind = Kind::tcp_octet_counting;
  const TestCertificates* certificates = nullptr;  // the TLS kinds
};

class SyslogNgReceiver {
 public:
  // Starts syslog-ng in `dir` and waits until it listens on port().
  SyslogNgReceiver(const std::filesystem::path& dir, const SyslogNgInput& input);
  ~SyslogNgReceiver();
  SyslogNgReceiver(const SyslogNgReceiver&) = delete;
  SyslogNgReceiver& operator=(const SyslogNgReceiver&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> lines() const { return file_lines(output_); }
  std::size_t wait_lines(std::size_t count, int timeout_ms) const {
    return wait_file_lines(output_, count, timeout_ms);
  }

 private:
  std::filesystem::path dir_;
  std::filesystem::path output_;
  int port_;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace horolog::test
