// An imitation of an old, open ntpd (4.2.6) on a free loopback UDP port: it answers mode 3 with
// time, mode 6 READVAR/READSTAT like ntpd (fragmented, out of order), and mode 7 MON_GETLIST_1
// with a list of 72-byte entries in several "more" packets, as CVE-2013-5211 abused it.
// No packaged daemon answers monlist any more, so the audit's high finding needs this peer.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>

namespace horolog::test {

struct LegacyNtpdBehaviour {
  int monlist_entries = 60;    // clients in the list; 0: mode 7 unanswered
  bool monlist_error = false;  // answer mode 7 with INFO_ERR_REQ instead of the list
  bool control = true;         // answer mode 6
  std::string version = "ntpd 4.2.6p5@1.2349-o Fri Jul 22 17:30:51 UTC 2016 (1)";
  std::size_t control_fragment = 100;  // bytes of READVAR data per fragment (ntpd: 468)
  bool unsynchronized = false;         // leap 3, stratum 16
  bool answer_time = true;
};

class LegacyNtpd {
 public:
  explicit LegacyNtpd(LegacyNtpdBehaviour behaviour = {});
  ~LegacyNtpd();
  LegacyNtpd(const LegacyNtpd&) = delete;
  LegacyNtpd& operator=(const LegacyNtpd&) = delete;

  std::uint16_t port() const noexcept { return port_; }
  int monlist_requests() const noexcept { return monlist_requests_.load(); }
  int time_requests() const noexcept { return time_requests_.load(); }

 private:
  void serve(const std::stop_token& stop);

  LegacyNtpdBehaviour behaviour_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<int> monlist_requests_{0};
  std::atomic<int> time_requests_{0};
  std::jthread thread_;
};

}  // namespace horolog::test
