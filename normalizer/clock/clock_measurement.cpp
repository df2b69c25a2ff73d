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
  bool survivors_nts = true;
  bool candidates_nts = true;
  for (std::size_t k = 0; k < index.size(); ++k) {
    const bool survivor = m.selection.truechimer[k];
    const bool nts = m.servers[index[k]].server.nts;
    m.servers[index[k]].status = survivor ? ServerStatus::selected : ServerStatus::falseticker;
    candidates_nts = candidates_nts && nts;
    if (survivor) {
      ++agreeing;
      m.lone_server = index[k];
      survivors_nts = survivors_nts && nts;
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
  // One unauthenticated server among the survivors could have pulled the offset anywhere
  // within its interval: only an estimate made of NTS servers alone is called nts.
  e.source = (agreeing > 0 ? survivors_nts : candidates_nts) ? ClockSource::nts : ClockSource::ntp;
  e.synchronized = m.distrust.empty();
  e.offset = m.selection.offset;
  e.error_bound = m.selection.error_bound;
  e.servers_used = static_cast<std::uint16_t>(e.synchronized ? agreeing : 0);
  return m;
}

ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const TrustPolicy& policy,
                               NtsSessions& nts, const std::stop_token& stop) {
  return combine_reports(query_servers(servers, keys, options, nts, stop), host_now(), policy,
                         read_kernel_clock());
}

ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const TrustPolicy& policy,
                               const std::stop_token& stop) {
  NtsSessions nts;
  return measure_clock(servers, keys, options, policy, nts, stop);
}

}  // namespace horolog
