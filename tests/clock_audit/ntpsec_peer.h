// A real ntpsec ntpd for the audit tests, unpacked from Debian's package (it conflicts with chrony,
// so it is never installed), serving 127.0.0.1:123 and [::1]:123 of a network namespace of its own.
// It cannot set the clock: CAP_SYS_TIME leaves all its capability sets before exec.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "tests/support/test_paths.h"

namespace horolog::test {

struct NtpsecPeerOptions {
  // ntp.conf lines (restrict, limit, ...) after the fixed ones that keep it off the clock.
  std::string extra_config;
};

class NtpsecPeer {
 public:
  // Empty when the unpacked ntpd is present (scripts/install-deps.sh --test unpacks it).
  static std::optional<std::string> missing_tool();

  explicit NtpsecPeer(const NtpsecPeerOptions& options = {});
  ~NtpsecPeer();
  NtpsecPeer(const NtpsecPeer&) = delete;
  NtpsecPeer& operator=(const NtpsecPeer&) = delete;

  // Empty when ntpd runs without CAP_SYS_TIME; otherwise why it was not started (or was killed).
  const std::string& failure() const noexcept { return failure_; }
  // True when /proc showed CAP_SYS_TIME in a set of the running ntpd (it was killed at once): the
  // drop before exec failed unnoticed, which is a test failure, not a reason to skip.
  bool had_sys_time() const noexcept { return had_sys_time_; }
  // Its capability lines from /proc, read once it runs (bit 25 of each is CAP_SYS_TIME).
  const std::string& capabilities() const noexcept { return capabilities_; }
  // Runs `body` on a thread inside the peer's network namespace, where 127.0.0.1:123 is ntpd;
  // processes started there share the namespace. False when the namespace cannot be entered.
  bool in_network(const std::function<void()>& body) const;
  // Waits until ntpd answers a mode 3 query (with time or unsynchronized); false after `limit`.
  bool wait_ready(std::chrono::seconds limit = std::chrono::seconds(10)) const;
  std::string log() const;

 private:
  void start(const std::string& conf_path);

  TempDir dir_;
  pid_t pid_ = -1;
  std::string failure_;
  bool had_sys_time_ = false;
  std::string capabilities_;
};

// Skips the current test when the unpacked ntpd is absent, or when it could not be started with
// CAP_SYS_TIME dropped (then it never ran).
#define HOROLOG_START_NTPSEC(var, ...)                                                 \
  if (auto missing = ::horolog::test::NtpsecPeer::missing_tool())                      \
    GTEST_SKIP() << *missing << " (scripts/install-deps.sh --test unpacks it)";        \
  ::horolog::test::NtpsecPeer var{__VA_ARGS__};                                        \
  if (var.had_sys_time()) FAIL() << var.failure();                                     \
  if (!var.failure().empty()) GTEST_SKIP() << "ntpsec not started: " << var.failure(); \
  ASSERT_TRUE(var.wait_ready()) << var.log()

}  // namespace horolog::test
