// Each receiver keeps its queue `Direct`: a message is written (and the file flushed) before
// imrelp acknowledges it, so a receiver killed with SIGKILL loses nothing it acknowledged, as a
// SIEM with a disk-assisted queue would; that is what the sink's guarantees are measured against.
#include "tests/syslog/rsyslog_peer.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

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

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "no free loopback port";
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

TestCertificates make_certificates(const fs::path& dir) {
  fs::create_directories(dir);
  TestCertificates c{dir / "ca.pem", dir / "server.pem", dir / "server.key", dir / "other-ca.pem"};
  const std::string d = dir.string();
  const std::string script =
      "set -e; cd '" + d +
      "'\n"
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout ca.key "
      "-out ca.pem 2>/dev/null\n"
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca -keyout other.key "
      "-out other-ca.pem 2>/dev/null\n"
      "openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key -out "
      "server.csr 2>/dev/null\n"
      "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext\n"
      "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
      "-extfile san.ext -out server.pem 2>/dev/null\n";
  const ProcessResult r = run_process({"/bin/sh", "-c", script});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return c;
}

RsyslogPeer::RsyslogPeer(const fs::path& dir, const RsyslogInput& input, int port)
    : dir_(dir), output_(dir / "received.txt"), port_(port == 0 ? free_port() : port) {
  fs::create_directories(dir_ / "work");
  const std::string p = std::to_string(port_);
  std::string conf =
      "global(workDirectory=\"" + (dir_ / "work").string() + "\" maxMessageSize=\"256k\"";
  const TestCertificates* certs = input.certificates;
  if (input.kind == RsyslogInput::Kind::tls) {
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
  // Listening once a connection is accepted.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (up) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "rsyslogd did not listen on " << port_ << ": "
                << read_file(dir_ / ("rsyslogd.err." + std::to_string(runs_)));
}

void RsyslogPeer::stop(int signal) {
  if (process_) process_->stop(signal);
  process_.reset();
}

std::vector<std::string> RsyslogPeer::lines() const {
  std::vector<std::string> out;
  std::ifstream in(output_);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t RsyslogPeer::wait_lines(std::size_t count, int timeout_ms, int idle_ms) const {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  auto last_growth = Clock::now();
  std::size_t last = 0;
  for (;;) {
    std::size_t n = 0;
    std::ifstream in(output_);
    for (std::string line; std::getline(in, line);) ++n;
    const auto now = Clock::now();
    if (n != last) last_growth = now;
    last = n;
    if (n >= count || now >= deadline) return n;
    if (idle_ms > 0 && now - last_growth >= std::chrono::milliseconds(idle_ms)) return n;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace horolog::test
