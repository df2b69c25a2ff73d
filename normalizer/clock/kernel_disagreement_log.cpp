// The one error message for a lone server that contradicts the kernel.
#include "normalizer/clock/kernel_disagreement_log.h"

#include <spdlog/spdlog.h>

namespace horolog {
namespace {

double to_seconds(Nanoseconds value) { return static_cast<double>(value.count()) / 1e9; }

}  // namespace

bool KernelDisagreementLog::note(const ClockMeasurement& m) {
  if (!m.kernel.disagrees) {
    // A trusted measurement, or the lone server agreeing, ends the disagreement; a poll that
    // heard nobody does not, or a server that comes and goes would be reported every time.
    if (m.estimate.synchronized || m.kernel.checked) logged_.clear();
    return false;
  }
  const ServerReport& lone = m.servers[m.lone_server];
  std::string server = to_string(lone.server);
  if (server == logged_) return false;
  spdlog::error(
      "clock: NTP server {} is the only one to agree and puts the host clock offset at "
      "{:+.6f} s (±{:.6f} s), the kernel at {:+.6f} s (±{:.6f} s): they disagree by more than "
      "both error bounds, so the measurement is not trusted and corrects no event time; check "
      "that server, or add servers to clock.servers",
      server, to_seconds(lone.filtered.best.offset), to_seconds(lone.filtered.root_distance),
      to_seconds(m.kernel.kernel_offset), to_seconds(m.kernel.kernel_bound));
  logged_ = std::move(server);
  return true;
}

}  // namespace horolog
