// One complete measurement of the host clock: query every server, keep the candidates within
// the maximum distance, select the truechimers, decide whether to trust them, and turn the
// survivors into a ClockEstimate (what `horolog clock` prints, what the monitor publishes).
#pragma once

#include <span>
#include <stop_token>
#include <vector>

#include "normalizer/clock/clock_selection.h"
#include "normalizer/clock/clock_trust.h"
#include "normalizer/clock/ntp_query.h"
#include "normalizer/clock_estimate.h"

namespace horolog {

struct ClockMeasurement {
  std::vector<ServerReport> servers;  // statuses updated to selected / falseticker / too_distant
  SelectionResult selection;          // over the candidates, in their order
  TrustPolicy policy;                 // what it was judged by
  KernelCheck kernel;                 // a lone survivor against the kernel (only then checked)
  std::size_t lone_server = 0;        // index in `servers` of the survivor, when it is alone
  std::vector<Distrust> distrust;     // empty exactly when estimate.synchronized
  // Source nts when every server it rests on (the survivors, else the candidates) is an NTS
  // server, ntp as soon as one is not; synchronized only when trustworthy.
  ClockEstimate estimate;
};

// Runs selection over the answered servers of `reports` within the policy's distance; `now`
// becomes measured_at; `kernel` is the second opinion on a lone survivor.
ClockMeasurement combine_reports(std::vector<ServerReport> reports, SysNanos now,
                                 const TrustPolicy& policy, const KernelClockReading& kernel);

// `nts` keeps NTS cookies between measurements (the monitor's); the overload without it
// exchanges keys afresh, trusting the system's CAs.
ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const TrustPolicy& policy,
                               NtsSessions& nts, const std::stop_token& stop = {});
ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const TrustPolicy& policy,
                               const std::stop_token& stop = {});

}  // namespace horolog
