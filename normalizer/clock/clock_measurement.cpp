// Glue from per-server reports to selection and the published estimate.
#include "normalizer/clock/clock_measurement.h"

namespace horolog {

ClockMeasurement combine_reports(std::vector<ServerReport> reports, SysNanos now) {
  ClockMeasurement m;
  m.servers = std::move(reports);
  std::vector<SelectionCandidate> candidates;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < m.servers.size(); ++i) {
    if (m.servers[i].status != ServerStatus::answered) continue;
    candidates.push_back({m.servers[i].filtered.best.offset, m.servers[i].filtered.root_distance});
    index.push_back(i);
  }
  m.selection = select_truechimers(candidates);
  for (std::size_t k = 0; k < index.size(); ++k) {
    m.servers[index[k]].status =
        m.selection.truechimer[k] ? ServerStatus::selected : ServerStatus::falseticker;
  }
  ClockEstimate& e = m.estimate;
  e.measured_at = now;
  if (candidates.empty()) return m;
  e.source = ClockSource::ntp;
  e.synchronized = m.selection.trustworthy;
  e.offset = m.selection.offset;
  e.error_bound = m.selection.error_bound;
  const int survivors = static_cast<int>(candidates.size()) - m.selection.falsetickers;
  e.servers_used = static_cast<std::uint16_t>(m.selection.trustworthy ? survivors : 0);
  e.servers_rejected = static_cast<std::uint16_t>(m.selection.falsetickers);
  return m;
}

ClockMeasurement measure_clock(std::span<const NtpServerSpec> servers, const NtpKeyRing& keys,
                               const NtpQueryOptions& options, const std::stop_token& stop) {
  return combine_reports(query_servers(servers, keys, options, stop), host_now());
}

}  // namespace horolog
