// Starts and stops chronyd test peers; picks free ports by binding port 0 on both loopbacks.
#include "chrony_peer.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "normalizer/clock/ntp_query.h"

extern char** environ;

namespace horolog::test {
namespace {

constexpr const char* kChronyd = "/usr/sbin/chronyd";
constexpr const char* kOpenssl = "/usr/bin/openssl";
constexpr const char* kFaketimeLib = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

bool port_free_on_v6(int type, std::uint16_t port) {
  const int fd = ::socket(AF_INET6, type, 0);
  if (fd < 0) return true;  // no IPv6: chronyd will skip ::1 as well
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  a.sin6_addr = in6addr_loopback;
  a.sin6_port = htons(port);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// SOCK_DGRAM or SOCK_STREAM.
std::uint16_t free_port(int type) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const int fd = ::socket(AF_INET, type, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    std::uint16_t port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      port = ntohs(a.sin_port);
    }
    ::close(fd);
    if (port != 0 && port_free_on_v6(type, port)) return port;
  }
  return 0;
}

bool accepts_tcp(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::optional<std::string> ChronyPeer::missing_tool(const ChronyPeerOptions& options) {
  if (::access(kChronyd, X_OK) != 0) return std::string("chronyd");
  if (!options.nts_cert_dir.empty() && ::access(kOpenssl, X_OK) != 0) return std::string("openssl");
  if (!options.fake_offset.empty() && ::access(kFaketimeLib, R_OK) != 0) {
    return std::string("libfaketime");
  }
  return std::nullopt;
}

std::uint16_t free_tcp_port() { return free_port(SOCK_STREAM); }

ChronyPeer::ChronyPeer(ChronyPeerOptions options) : port_(free_port(SOCK_DGRAM)) {
  const std::string dir = dir_.path().string();
  std::string conf = "port " + std::to_string(port_) +
                     "\nbindaddress 127.0.0.1\nbindaddress ::1\nallow 127.0.0.1\nallow ::1\n"
                     "local stratum 8\ncmdport 0\nbindcmdaddress /\n"
                     "pidfile " +
                     dir + "/chronyd.pid\ndriftfile " + dir + "/chronyd.drift\n";
  if (!options.keys.empty()) {
    write_file(dir_ / "chrony.keys", options.keys);
    conf += "keyfile " + dir + "/chrony.keys\n";
  }
  if (!options.nts_cert_dir.empty()) {
    nts_port_ = free_tcp_port();
    conf += "ntsport " + std::to_string(nts_port_) + "\nntsserverkey " + options.nts_cert_dir +
            "/server.key\nntsservercert " + options.nts_cert_dir + "/server.crt\nntsdumpdir " +
            dir + "\n";
    if (!options.nts_ntp_server.empty()) conf += "ntsntpserver " + options.nts_ntp_server + "\n";
  }
  conf += options.extra_config;
  write_file(dir_ / "chrony.conf", conf);

  const std::string conf_path = dir + "/chrony.conf";
  const std::string log_path = dir + "/chronyd.log";
  // -x: never adjust the system clock. -d: stay in the foreground so pid_ is chronyd itself.
  // -u root: keep root so the temporary files stay readable (no privilege drop to _chrony).
  std::vector<std::string> args{kChronyd, "-x", "-d", "-u", "root", "-f", conf_path};
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  if (!options.fake_offset.empty()) {
    // What faketime(1) does, without its extra parent process between us and chronyd.
    env.push_back(std::string("LD_PRELOAD=") + kFaketimeLib);
    env.push_back("FAKETIME=" + options.fake_offset);
    env.push_back("DONT_FAKE_MONOTONIC=1");
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  if (posix_spawn(&pid_, kChronyd, &actions, nullptr, argv.data(), envp.data()) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
}

ChronyPeer::~ChronyPeer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

bool ChronyPeer::wait_ready(std::chrono::seconds limit) const {
  if (pid_ <= 0) return false;
  const NtpServerSpec server{"127.0.0.1", port_, 0};
  const NtpKeyRing no_keys;
  NtpQueryOptions once;
  once.samples = 1;
  once.timeout = std::chrono::milliseconds(200);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return false;
    const auto reports = query_servers(std::span(&server, 1), no_keys, once);
    if (reports.front().valid > 0 && (nts_port_ == 0 || accepts_tcp(nts_port_))) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string ChronyPeer::log() const { return read_file(dir_ / "chronyd.log"); }

}  // namespace horolog::test
