// When a measurement may be trusted: RFC 5905's distance threshold for candidates, a minimum
// number of agreeing servers, and a lone server checked against the kernel's own estimate.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

#include "normalizer/clock/kernel_clock.h"

namespace horolog {

struct TrustPolicy {
  // A server whose root distance exceeds this is not a candidate (RFC 5905 MAXDIST, fit()).
  Nanoseconds max_distance = std::chrono::seconds(16);
  // Survivors of the intersection step needed for a trustworthy estimate.
  int min_agreeing = 1;
};

// Why a measurement gives no trustworthy estimate.
enum class Distrust : std::uint8_t {
  no_candidates,     // no server answered within the maximum distance
  no_majority,       // no point is shared by a majority of the candidates' intervals
  too_few_agreeing,  // fewer survivors than the policy's min_agreeing
  kernel_disagrees,  // a lone survivor lies outside the kernel's own estimate
};

std::string_view to_string(Distrust reason) noexcept;

// A lone server's offset against the kernel's (ntp_adjtime, read-only). One server cannot be
// outvoted, so the kernel, disciplined or not, is the only second opinion there is.
struct KernelCheck {
  bool checked = false;       // a kernel reading was there to compare with
  bool disagrees = false;     // |difference| > allowed
  Nanoseconds difference{0};  // server offset minus kernel offset
  Nanoseconds allowed{0};     // both error bounds: the server's and the kernel's maxerror
  Nanoseconds kernel_offset{0};
  Nanoseconds kernel_bound{0};
};

// `offset` ± `error_bound`: what the lone server says.
KernelCheck check_against_kernel(Nanoseconds offset, Nanoseconds error_bound,
                                 const KernelClockReading& kernel) noexcept;

}  // namespace horolog
