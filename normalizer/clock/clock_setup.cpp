// Builds the monitor's options from the config; runs once at start-up.
#include "normalizer/clock/clock_setup.h"

namespace horolog {

Result<ClockMonitorOptions> make_monitor_options(const ClockOptions& options) {
  ClockMonitorOptions out;
  auto servers = server_specs(options);
  if (!servers) return fail(servers.error());
  out.servers = std::move(*servers);
  if (!options.key_file.empty()) {
    auto keys = load_chrony_keyfile(options.key_file);
    if (!keys) return fail(keys.error());
    out.keys = std::move(*keys);
  }
  for (const NtpServerSpec& s : out.servers) {
    if (s.key_id != 0 && !out.keys.find(s.key_id)) {
      return fail(ErrorCode::invalid_config, "NTP server " + to_string(s) + ": key " +
                                                 std::to_string(s.key_id) +
                                                 " is not in the key file");
    }
  }
  out.nts.ca_file = options.nts_ca_file;
  out.poll_interval = options.poll_interval;
  out.query.samples = static_cast<int>(options.samples);
  out.trust.max_distance = options.max_distance;
  out.trust.min_agreeing = options.required_agreeing();
  return out;
}

}  // namespace horolog
