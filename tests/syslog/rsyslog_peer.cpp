// Each receiver keeps its queue `Direct`: a message is written (and the file flushed) before
// imrelp acknowledges it, so a receiver killed with SIGKILL loses nothing it acknowledged, as a
// SIEM with a disk-assisted queue would; that is what the sink's guarantees are measured against.
#include "tests/syslog/rsyslog_peer.h"

#include <gtest/gtest.h>

#include <csignal>

#include "tests/support/test_paths.h"

namespace horolog::test {

namespace fs = std::filesystem;

fs::path rsyslog_root() { return unpacked_peer_path("rsyslog"); }

std::string rsyslog_missing() {
  if (!fs::exists(rsyslog_root() / "usr/sbin/rsyslogd")) {
    return "rsyslogd is not unpacked (run scripts/install-deps.sh --test)";
  }
  if (!fs::exists(rsyslog_root() / "usr/lib/x86_64-linux-gnu/rsyslog/imrelp.so")) {
    return "rsyslog's imrelp is not unpacked (run scripts/install-deps.sh --test)";
  }
  return {};
}

RsyslogPeer::RsyslogPeer(const fs::path& dir, const RsyslogInput& input, int port)
    : dir_(dir),
      output_(dir / "received.txt"),
      port_(port == 0 ? free_port(input.kind == RsyslogInput::Kind::udp) : port),
      udp_(input.kind == RsyslogInput::Kind::udp) {
  fs::create_directories(dir_ / "work");
  const std::string p = std::to_string(port_);
  std::string conf =
      "global(workDirectory=\"" + (dir_ / "work").string() + "\" maxMessageSize=\"256k\"";
  const TestCertificates* certs = input.certificates;
  if (input.kind == RsyslogInput::Kind::tls || input.kind == RsyslogInput::Kind::tls_client_cert) {
    conf += " defaultNetstreamDriver=\"ossl\" defaultNetstreamDriverCAFile=\"" +
            certs->ca.string() + "\" defaultNetstreamDriverCertFile=\"" +
            certs->server_cert.string() + "\" defaultNetstreamDriverKeyFile=\"" +
            certs->server_key.string() + "\"";
  }
  conf += ")\nmain_queue(queue.type=\"Direct\")\n";
  switch (input.kind) {
    case RsyslogInput::Kind::tcp:
      conf += "module(load=\"imtcp\")\ninput(type=\"imtcp\" port=\"" + p +
              "\" address=\"127.0.0.1\")\n";
      break;
    case RsyslogInput::Kind::tls:
      conf +=
          "module(load=\"imtcp\" streamDriver.name=\"ossl\" streamDriver.mode=\"1\" "
          "streamDriver.authMode=\"anon\")\ninput(type=\"imtcp\" port=\"" +
          p + "\" address=\"127.0.0.1\")\n";
      break;
    case RsyslogInput::Kind::tls_client_cert:
      conf +=
          "module(load=\"imtcp\" streamDriver.name=\"ossl\" streamDriver.mode=\"1\" "
          "streamDriver.authMode=\"x509/certvalid\")\ninput(type=\"imtcp\" port=\"" +
          p + "\" address=\"127.0.0.1\")\n";
      break;
    case RsyslogInput::Kind::udp:
      conf += "module(load=\"imudp\")\ninput(type=\"imudp\" port=\"" + p +
              "\" address=\"127.0.0.1\")\n";
      break;
    case RsyslogInput::Kind::relp:
      conf += "module(load=\"imrelp\")\ninput(type=\"imrelp\" port=\"" + p +
              "\" address=\"127.0.0.1\" maxDataSize=\"256k\")\n";
      break;
    case RsyslogInput::Kind::relp_tls:
      conf += "module(load=\"imrelp\" tls.tlslib=\"openssl\")\ninput(type=\"imrelp\" port=\"" + p +
              "\" address=\"127.0.0.1\" maxDataSize=\"256k\" tls=\"on\" tls.cacert=\"" +
              certs->ca.string() + "\" tls.mycert=\"" + certs->server_cert.string() +
              "\" tls.myprivkey=\"" + certs->server_key.string() + "\")\n";
      break;
  }
  conf += "template(name=\"out\" type=\"string\" string=\"" + input.template_text +
          "\")\naction(type=\"omfile\" file=\"" + output_.string() +
          "\" template=\"out\" flushOnTXEnd=\"on\")\n";
  write_file(dir_ / "rsyslog.conf", conf);
  start();
}

RsyslogPeer::~RsyslogPeer() {
  if (process_) stop(SIGTERM);
}

void RsyslogPeer::start() {
  ++runs_;
  const fs::path root = rsyslog_root();
  fs::remove(dir_ / "rsyslogd.pid");
  process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{(root / "usr/sbin/rsyslogd").string(), "-n", "-f",
                               (dir_ / "rsyslog.conf").string(), "-M",
                               (root / "usr/lib/x86_64-linux-gnu/rsyslog").string(), "-i",
                               (dir_ / "rsyslogd.pid").string()},
      (dir_ / ("rsyslogd.out." + std::to_string(runs_))).string(),
      (dir_ / ("rsyslogd.err." + std::to_string(runs_))).string());
  if (!wait_listening(port_, udp_, 10'000)) {
    ADD_FAILURE() << "rsyslogd did not listen on " << port_ << ": "
                  << read_file(dir_ / ("rsyslogd.err." + std::to_string(runs_)));
  }
}

void RsyslogPeer::stop(int signal) {
  if (process_) process_->stop(signal);
  process_.reset();
}

}  // namespace horolog::test
