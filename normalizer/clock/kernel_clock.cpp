// ntp_adjtime with a zeroed struct timex (modes = 0): reads, never adjusts, the clock.
#include "normalizer/clock/kernel_clock.h"

#include <sys/timex.h>

namespace horolog {

KernelClockReading read_kernel_clock() noexcept {
  KernelClockReading r;
  timex tx{};
  tx.modes = 0;  // read only: any other value would change the system clock
  const int state = ntp_adjtime(&tx);
  if (state < 0) return r;
  r.ok = true;
  r.state = state;
  r.unsynchronized = (tx.status & STA_UNSYNC) != 0 || state == TIME_ERROR;
  const bool nano = (tx.status & STA_NANO) != 0;
  r.offset = nano ? Nanoseconds{tx.offset} : std::chrono::microseconds{tx.offset};
  r.max_error = std::chrono::microseconds{tx.maxerror};
  r.est_error = std::chrono::microseconds{tx.esterror};
  // freq is in ppm with a 16-bit fraction.
  r.frequency_ppb = static_cast<double>(tx.freq) * 1000.0 / 65536.0;
  return r;
}

ClockEstimate kernel_estimate(const KernelClockReading& reading, SysNanos now) noexcept {
  ClockEstimate e;
  e.measured_at = now;
  if (!reading.ok) return e;
  e.source = ClockSource::kernel;
  e.synchronized = !reading.unsynchronized;
  e.offset = reading.offset;
  e.error_bound = reading.max_error;
  // The kernel already applies its frequency correction: nothing left to extrapolate.
  e.drift_ppb = 0.0;
  return e;
}

}  // namespace horolog
