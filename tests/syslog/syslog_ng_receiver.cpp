// The unpacked binary's run path names the system's library directory, so the unpacked libraries
// are found through LD_LIBRARY_PATH, and the modules through --module-path. ${MSG} is written
// as received: no UTF-8 check, no escaping, and the message size raised to rsyslog tests' 256 KiB.
#include "tests/syslog/syslog_ng_receiver.h"

#include <gtest/gtest.h>

#include <csignal>

#include "tests/support/test_paths.h"

namespace horolog::test {

namespace fs = std::filesystem;

fs::path syslog_ng_root() { return unpacked_peer_path("syslog-ng"); }

std::string syslog_ng_missing() {
  if (!fs::exists(syslog_ng_root() / "usr/sbin/syslog-ng") ||
      !fs::exists(syslog_ng_root() / "usr/lib/syslog-ng/3.38/libafsocket.so")) {
    return "syslog-ng is not unpacked (run scripts/install-deps.sh --test)";
  }
  return {};
}

SyslogNgReceiver::SyslogNgReceiver(const fs::path& dir, const SyslogNgInput& input)
    : dir_(dir), output_(dir / "received.txt"), port_(free_port()) {
  fs::create_directories(dir_);
  const std::string listen = "ip(127.0.0.1) port(" + std::to_string(port_) + ")";
  std::string source;
  switch (input.kind) {
    case SyslogNgInput::Kind::tcp_lf:
      source = "network(" + listen + " transport(tcp) flags(syslog-protocol))";
      break;
    case SyslogNgInput::Kind::tcp_octet_counting:
      source = "syslog(" + listen + " transport(tcp))";
      break;
    case SyslogNgInput::Kind::tls:
    case SyslogNgInput::Kind::tls_client_cert: {
      const TestCertificates& certs = *input.certificates;
      source = "syslog(" + listen + " transport(tls) tls(key-file(\"" + certs.server_key.string() +
               "\") cert-file(\"" + certs.server_cert.string() + "\") ";
      source += input.kind == SyslogNgInput::Kind::tls
                    ? "peer-verify(optional-untrusted)))"
                    : "ca-file(\"" + certs.ca.string() + "\") peer-verify(required-trusted)))";
      break;
    }
  }
  write_file(dir_ / "syslog-ng.conf",
             "@version: 3.38\n"
             "options { log-msg-size(262144); stats-freq(0); };\n"
             "source s_in { " +
                 source +
                 "; };\n"
                 "destination d_out { file(\"" +
                 output_.string() +
                 "\" template(\"${MSG}\\n\")); };\n"
                 "log { source(s_in); destination(d_out); };\n");
  const fs::path root = syslog_ng_root();
  process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{
          "/usr/bin/env", "LD_LIBRARY_PATH=" + (root / "usr/lib/syslog-ng").string(),
          (root / "usr/sbin/syslog-ng").string(), "-F", "-e", "--no-caps", "-f",
          (dir_ / "syslog-ng.conf").string(), "-p", (dir_ / "syslog-ng.pid").string(), "-c",
          (dir_ / "syslog-ng.ctl").string(), "-R", (dir_ / "syslog-ng.persist").string(),
          "--module-path=" + (root / "usr/lib/syslog-ng/3.38").string()},
      (dir_ / "syslog-ng.out").string(), (dir_ / "syslog-ng.err").string());
  if (!wait_listening(port_, /*udp=*/false, 10'000)) {
    ADD_FAILURE() << "syslog-ng did not listen on " << port_ << ": "
                  << read_file(dir_ / "syslog-ng.err");
  }
}

SyslogNgReceiver::~SyslogNgReceiver() {
  if (process_) process_->stop(SIGTERM);
}

}  // namespace horolog::test
