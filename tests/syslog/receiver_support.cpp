// Readiness is checked from outside (a connection accepted, a UDP port held) rather than by
// sending a probe message: a probe would become a line of the output the tests count.
#include "tests/syslog/receiver_support.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <thread>

#include "tests/support/process.h"

namespace horolog::test {

namespace fs = std::filesystem;

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  return addr;
}

}  // namespace

int free_port(bool udp) {
  const int fd = ::socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
  sockaddr_in addr = loopback(0);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "no free loopback port";
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool wait_listening(int port, bool udp, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    const int fd = ::socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
    const sockaddr_in addr = loopback(port);
    const auto* sa = reinterpret_cast<const sockaddr*>(&addr);
    const bool up = udp ? ::bind(fd, sa, sizeof addr) != 0 && errno == EADDRINUSE
                        : ::connect(fd, sa, sizeof addr) == 0;
    ::close(fd);
    if (up) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TestCertificates make_certificates(const fs::path& dir) {
  fs::create_directories(dir);
  TestCertificates c{dir / "ca.pem",       dir / "server.pem", dir / "server.key",
                     dir / "other-ca.pem", dir / "client.pem", dir / "client.key"};
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
      "-extfile san.ext -out server.pem 2>/dev/null\n"
      "openssl req -newkey rsa:2048 -nodes -subj /CN=horolog-agent -keyout client.key -out "
      "client.csr 2>/dev/null\n"
      "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
      "-out client.pem 2>/dev/null\n";
  const ProcessResult r = run_process({"/bin/sh", "-c", script});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return c;
}

std::vector<std::string> file_lines(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t wait_file_lines(const fs::path& file, std::size_t count, int timeout_ms, int idle_ms) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  auto last_growth = Clock::now();
  std::size_t last = 0;
  for (;;) {
    std::size_t n = 0;
    std::ifstream in(file);
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
