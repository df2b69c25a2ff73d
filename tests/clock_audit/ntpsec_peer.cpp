// Starts and stops the unpacked ntpsec ntpd: forked, moved into a new network namespace, stripped
// of CAP_SYS_TIME and checked for it before exec, then checked again through /proc.
#include "tests/clock_audit/ntpsec_peer.h"

#include <fcntl.h>
#include <linux/capability.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "agent/commands/clock_audit/mode3_probe.h"
#include "tests/support/test_paths.h"

extern char** environ;

namespace horolog::test {
namespace {

// ntpsec conflicts with chrony (both are a time-daemon): its package is unpacked, not installed.
const std::filesystem::path kNtpd = unpacked_peer_path("ntpsec") / "usr/sbin/ntpd";

// What the child reports through its close-on-exec pipe when it stops before exec.
enum class Step : int {
  network,
  loopback,
  bounding_set,
  ambient,
  capabilities,
  verify,
  output,
  exec
};

const char* to_string(Step step) {
  switch (step) {
    case Step::network: return "cannot create a network namespace";
    case Step::loopback: return "cannot bring up the namespace's loopback";
    case Step::bounding_set: return "cannot drop CAP_SYS_TIME from the bounding set";
    case Step::ambient: return "cannot clear the ambient capabilities";
    case Step::capabilities: return "cannot drop CAP_SYS_TIME from the process's sets";
    case Step::verify: return "CAP_SYS_TIME still present after dropping it";
    case Step::output: return "cannot open the output file";
    case Step::exec: return "cannot exec ntpd";
  }
  return "?";
}

struct ChildError {
  Step step;
  int error;
};

constexpr unsigned kTimeWord = CAP_SYS_TIME / 32;
constexpr std::uint32_t kTimeBit = 1u << (CAP_SYS_TIME % 32);

// Async-signal-safe only: the test process may have threads, the forked child has one.
[[noreturn]] void fail(int report, Step step) {
  const ChildError e{step, errno};
  [[maybe_unused]] const ssize_t ignored = ::write(report, &e, sizeof e);
  ::_exit(127);
}

bool loopback_up() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  ifreq request{};
  std::memcpy(request.ifr_name, "lo", 3);
  bool ok = ::ioctl(fd, SIOCGIFFLAGS, &request) == 0;
  request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP);
  ok = ok && ::ioctl(fd, SIOCSIFFLAGS, &request) == 0;
  ::close(fd);
  return ok;
}

// An exec by root gives the new program its inheritable set plus its bounding set, so
// CAP_SYS_TIME leaves both (and the running sets, and the ambient set) before ntpd starts.
void drop_sys_time(int report) {
  if (::prctl(PR_CAPBSET_DROP, CAP_SYS_TIME, 0, 0, 0) != 0) fail(report, Step::bounding_set);
  if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
    fail(report, Step::ambient);
  }
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct sets[_LINUX_CAPABILITY_U32S_3]{};
  if (::syscall(SYS_capget, &header, sets) != 0) fail(report, Step::capabilities);
  sets[kTimeWord].effective &= ~kTimeBit;
  sets[kTimeWord].permitted &= ~kTimeBit;
  sets[kTimeWord].inheritable &= ~kTimeBit;
  if (::syscall(SYS_capset, &header, sets) != 0) fail(report, Step::capabilities);

  __user_cap_data_struct now[_LINUX_CAPABILITY_U32S_3]{};
  errno = 0;
  if (::syscall(SYS_capget, &header, now) != 0 ||
      ((now[kTimeWord].effective | now[kTimeWord].permitted | now[kTimeWord].inheritable) &
       kTimeBit) != 0 ||
      ::prctl(PR_CAPBSET_READ, CAP_SYS_TIME, 0, 0, 0) != 0 ||
      ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SYS_TIME, 0, 0) != 0) {
    fail(report, Step::verify);
  }
}

// The Cap* lines of /proc/PID/status, and whether any of them holds CAP_SYS_TIME.
bool proc_has_sys_time(pid_t pid, std::string& lines) {
  std::string text;
  try {
    text = read_file("/proc/" + std::to_string(pid) + "/status");
  } catch (const std::runtime_error&) {
    return false;  // already gone (wait_ready tells why): nothing left to hold a capability
  }
  std::istringstream status(text);
  bool found = false;
  int sets = 0;
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Cap", 0) != 0) continue;
    lines += line + "\n";
    ++sets;
    const std::uint64_t mask = std::stoull(line.substr(line.find(':') + 1), nullptr, 16);
    if ((mask >> CAP_SYS_TIME) & 1u) found = true;
  }
  return found || sets < 5;  // Inh, Prm, Eff, Bnd, Amb: a missing line proves nothing
}

}  // namespace

std::optional<std::string> NtpsecPeer::missing_tool() {
  if (::access(kNtpd.c_str(), X_OK) != 0) return "ntpsec's ntpd not unpacked at " + kNtpd.string();
  return std::nullopt;
}

NtpsecPeer::NtpsecPeer(const NtpsecPeerOptions& options) {
  const std::string dir = dir_.path().string();
  // disable ntp, disable kernel: no clock discipline, no kernel loop; ntpsec 1.2.2 still calls
  // ntp_adjtime at start, which the missing CAP_SYS_TIME makes the kernel refuse.
  write_file(dir_ / "ntp.conf", "disable ntp\ndisable kernel\ndriftfile " + dir +
                                    "/ntp.drift\nstatsdir " + dir + "/\n" + options.extra_config);
  start(dir + "/ntp.conf");
}

void NtpsecPeer::start(const std::string& conf_path) {
  const std::string dir = dir_.path().string();
  std::vector<std::string> args{
      kNtpd.string(), "-n", "-c", conf_path, "-p", dir + "/ntpd.pid", "-l", dir + "/ntpd.log"};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string out_path = dir + "/ntpd.out";
  const pid_t parent = ::getpid();

  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) {
    failure_ = std::string("pipe: ") + std::strerror(errno);
    return;
  }
  pid_ = ::fork();
  if (pid_ == 0) {
    ::close(report[0]);
    // ntpd dies with the test process, even when that is killed.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (::getppid() != parent) ::_exit(127);
    if (::unshare(CLONE_NEWNET) != 0) fail(report[1], Step::network);
    if (!loopback_up()) fail(report[1], Step::loopback);
    drop_sys_time(report[1]);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0 || ::dup2(out, 1) < 0 || ::dup2(out, 2) < 0) fail(report[1], Step::output);
    ::execve(argv[0], argv.data(), environ);
    fail(report[1], Step::exec);
  }
  ::close(report[1]);
  if (pid_ < 0) {
    failure_ = std::string("fork: ") + std::strerror(errno);
    ::close(report[0]);
    return;
  }
  ChildError error{};
  ssize_t got = 0;
  do {
    got = ::read(report[0], &error, sizeof error);
  } while (got < 0 && errno == EINTR);
  ::close(report[0]);
  if (got != 0) {  // the pipe closes at exec; anything read means ntpd never started
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    failure_ = got == sizeof error
                   ? std::string(to_string(error.step)) + ": " + std::strerror(error.error)
                   : "the child stopped before exec";
    return;
  }
  // A second witness, on the running ntpd: a capability the drop above should have removed.
  if (proc_has_sys_time(pid_, capabilities_)) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
    had_sys_time_ = true;
    failure_ = "ntpd ran with CAP_SYS_TIME (killed):\n" + capabilities_;
  }
}

NtpsecPeer::~NtpsecPeer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

bool NtpsecPeer::in_network(const std::function<void()>& body) const {
  if (pid_ <= 0) return false;
  const std::string path = "/proc/" + std::to_string(pid_) + "/ns/net";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool entered = false;
  // A thread's network namespace is its own: the test's other threads stay where they are.
  std::thread([&] {
    entered = ::setns(fd, CLONE_NEWNET) == 0;
    if (entered) body();
  }).join();
  ::close(fd);
  return entered;
}

bool NtpsecPeer::wait_ready(std::chrono::seconds limit) const {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pid_ <= 0 || ::waitpid(pid_, nullptr, WNOHANG) == pid_) return false;
    bool answered = false;
    const bool entered = in_network([&] {
      const auto target = audit::resolve_target("127.0.0.1:123");
      if (!target) return;
      auto udp = audit::UdpExchange::open(*target);
      if (udp) answered = audit::probe_time(*udp, std::chrono::milliseconds(200)).answered;
    });
    if (!entered) return false;
    if (answered) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string NtpsecPeer::log() const {
  std::string text = capabilities_;
  for (const char* name : {"ntpd.out", "ntpd.log"}) {
    if (std::filesystem::exists(dir_ / name)) text += read_file(dir_ / name);
  }
  return text;
}

}  // namespace horolog::test
