// One complete measurement of the host clock: query every server, select the truechimers,
// and turn the survivors into a ClockEstimate (what `horolog clock` prints, what the monitor
// publishes).
#pragma once

#include <span>
#include <stop_token>
#include <vector>

#include "normalizer/clock/clock_selection.h"
#include "normalizer/clock/ntp_query.h"
#include "normalizer/clock_estimate.h"

namespace horolog {

struct ClockMeasurement {
  std::vector<ServerReport> servers;  // statuses updated to selected / falseticker
  SelectionResult selection;          // over the servers that answered, in their order
  ClockEstimate estimate;             // source ntp; synchronized only when trustworthy
};

// Runs selection over the answered servers of `reports`; `now` becomes measured_at.
ClockMeasurement combine_reports(std::vector<ServerReport> reports, SysNanos now);

ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const std::stop_token& stop = {});

}  // namespace horolog
