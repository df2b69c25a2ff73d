// The second opinion on a lone server, and the names of the reasons not to trust.
#include "normalizer/clock/clock_trust.h"

namespace horolog {

std::string_view to_string(Distrust reason) noexcept {
  switch (reason) {
    case Distrust::no_candidates: return "no_candidates";
    case Distrust::no_majority: return "no_majority";
    case Distrust::too_few_agreeing: return "too_few_agreeing";
    case Distrust::kernel_disagrees: return "kernel_disagrees";
  }
  return "unknown";
}

KernelCheck check_against_kernel(Nanoseconds offset, Nanoseconds error_bound,
                                 const KernelClockReading& kernel) noexcept {
  KernelCheck check;
  if (!kernel.ok) return check;
  check.checked = true;
  check.kernel_offset = kernel.offset;
  // maxerror, not esterror: the kernel's bound, so that only a real contradiction counts.
  check.kernel_bound = kernel.max_error;
  check.difference = offset - kernel.offset;
  check.allowed = error_bound + kernel.max_error;
  check.disagrees = std::chrono::abs(check.difference) > check.allowed;
  return check;
}

}  // namespace horolog
