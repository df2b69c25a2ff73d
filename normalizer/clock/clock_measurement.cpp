// Glue from per-server reports to selection, the trust decision and the published estimate.
#include "normalizer/clock/clock_measurement.h"

#include "normalizer/clock/kernel_clock.h"

namespace horolog {

ClockMeasurement combine_reports(std::vector<ServerReport> reports, SysNanos now,
                                 const TrustPolicy& policy, const KernelClockReading& kernel) {
  ClockMeasurement m;
  m.servers = std::move(reports);
  m.policy = policy;
  std::vector<SelectionCandidate> candidates;
  std::vector<std::size_t> index;
  int too_distant = 0;
  for (std::size_t i = 0; i < m.servers.size(); ++i) {
    ServerReport& r = m.servers[i];
    if (r.status != ServerStatus::answered) continue;
    // RFC 5905 fit(): a server this far from its reference clock says nothing useful, and an
    // interval this wide would agree with any majority.
    if (r.filtered.root_distance > policy.max_distance) {
      r.status = ServerStatus::too_distant;
      ++too_distant;
      continue;
    }
    candidates.push_back({r.filtered.best.offset, r.filtered.root_distance});
    index.push_back(i);
  }
  m.selection = select_truechimers(candidates);
  int agreeing = 0;
  for (std::size_t k = 0; k < index.size(); ++k) {
    const bool survivor = m.selection.truechimer[k];
    m.servers[index[k]].status = survivor ? ServerStatus::selected : ServerStatus::falseticker;
    if (survivor) {
      ++agreeing;
      m.lone_server = index[k];
    }
  }

  if (candidates.empty()) {
    m.distrust.push_back(Distrust::no_candidates);
  } else if (!m.selection.trustworthy) {
    m.distrust.push_back(Distrust::no_majority);
  } else {
    if (agreeing < policy.min_agreeing) m.distrust.push_back(Distrust::too_few_agreeing);
    if (agreeing == 1) {
      const FilteredSample& lone = m.servers[m.lone_server].filtered;
      m.kernel = check_against_kernel(lone.best.offset, lone.root_distance, kernel);
      if (m.kernel.disagrees) m.distrust.push_back(Distrust::kernel_disagrees);
    }
  }

  ClockEstimate& e = m.estimate;
  e.measured_at = now;
  e.servers_agreeing = static_cast<std::uint16_t>(agreeing);
  e.servers_rejected =
      static_cast<std::uint16_t>(too_distant + static_cast<int>(index.size()) - agreeing);
  if (candidates.empty()) return m;
  e.source = ClockSource::ntp;
  e.synchronized = m.distrust.empty();
  e.offset = m.selection.offset;
  e.error_bound = m.selection.error_bound;
  e.servers_used = static_cast<std::uint16_t>(e.synchronized ? agreeing : 0);
  return m;
}

ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const TrustPolicy& policy,
                               const std::stop_token& stop) {
  return combine_reports(query_servers(servers, keys, options, stop), host_now(), policy,
                         read_kernel_clock());
}

}  // namespace horolog
