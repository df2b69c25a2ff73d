// The kernel's own view of the clock (ntp_adjtime, strictly read-only: modes = 0), used when
// no NTP server answers. Reports honestly: an undisciplined clock is unsynchronized.
#pragma once

#include "normalizer/clock_estimate.h"

namespace horolog {

struct KernelClockReading {
  bool ok = false;             // the call itself succeeded
  int state = 0;               // TIME_OK, TIME_ERROR, ...
  bool unsynchronized = true;  // STA_UNSYNC set or state TIME_ERROR
  Nanoseconds offset{0};       // remaining correction the kernel is slewing in
  Nanoseconds max_error{0};    // maxerror: upper bound of the clock error
  Nanoseconds est_error{0};    // esterror: estimated error
  double frequency_ppb = 0.0;  // kernel frequency correction
};

KernelClockReading read_kernel_clock() noexcept;

// source kernel, error bound = maxerror, synchronized only when the kernel says so.
ClockEstimate kernel_estimate(const KernelClockReading& reading, SysNanos now) noexcept;

}  // namespace horolog
