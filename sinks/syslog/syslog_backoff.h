// The wait before the syslog sink connects again: doubling from a first wait up to a longest one,
// with jitter so that many agents cut off by one receiver do not come back at the same instant.
#pragma once

#include <chrono>
#include <cstdint>

namespace horolog {

class SyslogBackoff {
 public:
  using Duration = std::chrono::nanoseconds;

  SyslogBackoff(Duration first, Duration longest, std::uint64_t seed)
      : first_(first), longest_(longest), state_(seed | 1) {}

  // The wait after another failed attempt: a random point in [delay/2, delay], the delay
  // doubling each time up to the longest.
  Duration next();
  // A connection worked: the next failure waits the first delay again.
  void reset() noexcept { delay_ = Duration::zero(); }

 private:
  Duration first_;
  Duration longest_;
  Duration delay_{0};
  std::uint64_t state_;  // xorshift64: jitter needs no more than that
};

}  // namespace horolog
