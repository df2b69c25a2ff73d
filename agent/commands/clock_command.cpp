// Builds the server list from flags or config, measures once, prints a table or JSON with the
// agreement and, when the estimate is not trustworthy, why.
#include "agent/commands/clock_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "agent/config/agent_config.h"
#include "normalizer/clock/clock_measurement.h"
#include "normalizer/clock/clock_setup.h"
#include "normalizer/clock/ntp_reference_id.h"
#include "normalizer/rfc3339_format.h"
#include "sinks/json_number.h"
#include "sinks/json_string.h"

namespace horolog {

namespace {

double to_ms(Nanoseconds value) { return static_cast<double>(value.count()) / 1e6; }
double to_s(Nanoseconds value) { return static_cast<double>(value.count()) / 1e9; }

std::string format(const char* pattern, auto... values) {
  char text[256];
  const int n = std::snprintf(text, sizeof text, pattern, values...);
  return std::string(text, static_cast<std::size_t>(std::clamp(n, 0, 255)));
}

// One sentence per reason, with the numbers that decided it.
std::string explain(const ClockMeasurement& m, Distrust reason) {
  const ClockEstimate& e = m.estimate;
  switch (reason) {
    case Distrust::no_candidates:
      return format("no server answered with a root distance within clock.max_distance (%.3f s)",
                    to_s(m.policy.max_distance));
    case Distrust::no_majority:
      return format("no majority of the %zu candidates agrees on an offset",
                    m.selection.truechimer.size());
    case Distrust::too_few_agreeing:
      return format("%u server(s) agree where clock.min_agreeing requires %d", e.servers_agreeing,
                    m.policy.min_agreeing);
    case Distrust::kernel_disagrees:
      return format(
          "the lone server %s disagrees with the kernel's estimate: %.6f s apart, more than both "
          "error bounds together (%.6f s)",
          to_string(m.servers[m.lone_server].server).c_str(), to_s(m.kernel.difference),
          to_s(m.kernel.allowed));
  }
  return {};
}

void print_table(const ClockMeasurement& m) {
  std::printf("%-28s %-12s %7s %-15s %12s %10s %10s %10s\n", "server", "status", "stratum",
              "reference", "offset_ms", "delay_ms", "jitter_ms", "dist_ms");
  for (const ServerReport& r : m.servers) {
    const std::string name = to_string(r.server);
    if (r.valid == 0) {
      std::printf("%-28s %-12s %s\n", name.c_str(), std::string(to_string(r.status)).c_str(),
                  r.detail.c_str());
      continue;
    }
    const FilteredSample& f = r.filtered;
    std::printf("%-28s %-12s %7d %-15s %12.3f %10.3f %10.3f %10.3f\n", name.c_str(),
                std::string(to_string(r.status)).c_str(), f.best.reply.stratum,
                reference_id_text(f.best.reply).c_str(), to_ms(f.best.offset), to_ms(f.best.delay),
                to_ms(f.jitter), to_ms(f.root_distance));
  }
  const ClockEstimate& e = m.estimate;
  std::printf(
      "\nestimate (%s): offset %.3f ms, error ±%.3f ms, %u of %d required servers agree, %u used, "
      "%u rejected, %s\n",
      std::string(to_string(e.source)).c_str(), to_ms(e.offset), to_ms(e.error_bound),
      e.servers_agreeing, m.policy.min_agreeing, e.servers_used, e.servers_rejected,
      e.synchronized ? "trustworthy" : "NOT trustworthy");
  for (const Distrust reason : m.distrust)
    std::printf("  because %s\n", explain(m, reason).c_str());
}

void print_json(const ClockMeasurement& m) {
  std::string out = "{\"servers\":[";
  for (std::size_t i = 0; i < m.servers.size(); ++i) {
    const ServerReport& r = m.servers[i];
    if (i > 0) out += ',';
    out += "{\"server\":";
    append_json_string(out, to_string(r.server));
    out += ",\"address\":";
    append_json_string(out, r.address);
    out += ",\"status\":";
    append_json_string(out, to_string(r.status));
    if (r.server.nts) out += ",\"nts\":true";
    if (!r.detail.empty()) {
      out += ",\"detail\":";
      append_json_string(out, r.detail);
    }
    if (r.valid > 0) {
      const FilteredSample& f = r.filtered;
      out += ",\"stratum\":" + std::to_string(f.best.reply.stratum) + ",\"reference\":";
      append_json_string(out, reference_id_text(f.best.reply));
      out += ",\"offset_ms\":";
      append_json_millis(out, f.best.offset);
      out += ",\"delay_ms\":";
      append_json_millis(out, f.best.delay);
      out += ",\"jitter_ms\":";
      append_json_millis(out, f.jitter);
      out += ",\"root_distance_ms\":";
      append_json_millis(out, f.root_distance);
    }
    out += '}';
  }
  const ClockEstimate& e = m.estimate;
  out += "],\"estimate\":{\"offset_ms\":";
  append_json_millis(out, e.offset);
  out += ",\"error_ms\":";
  append_json_millis(out, e.error_bound);
  out += ",\"synchronized\":";
  out += e.synchronized ? "true" : "false";
  out += ",\"source\":";
  append_json_string(out, to_string(e.source));
  out += ",\"servers_used\":" + std::to_string(e.servers_used) +
         ",\"servers_agreeing\":" + std::to_string(e.servers_agreeing) +
         ",\"min_agreeing\":" + std::to_string(m.policy.min_agreeing) +
         ",\"servers_rejected\":" + std::to_string(e.servers_rejected) + ",\"measured_at\":";
  out += '"';
  append_rfc3339_utc(out, e.measured_at, 6);
  out += '"';
  if (m.kernel.checked) {
    out += ",\"kernel_check\":{\"difference_ms\":";
    append_json_millis(out, m.kernel.difference);
    out += ",\"allowed_ms\":";
    append_json_millis(out, m.kernel.allowed);
    out += ",\"agrees\":";
    out += m.kernel.disagrees ? "false" : "true";
    out += '}';
  }
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < m.distrust.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"reason\":";
    append_json_string(out, to_string(m.distrust[i]));
    out += ",\"detail\":";
    append_json_string(out, explain(m, m.distrust[i]));
    out += '}';
  }
  out += "]}}\n";
  std::fputs(out.c_str(), stdout);
}

}  // namespace

Result<int> clock_command(const ClockCommandOptions& options) {
  ClockOptions clock;
  if (!options.config.empty()) {
    Result<AgentConfig> loaded = load_config_file(options.config);
    if (!loaded) return fail(loaded.error());
    clock = loaded->clock;
  }
  if (!options.servers.empty()) {
    // The config's min_agreeing was chosen for the config's servers: these get the automatic one.
    clock.min_agreeing = 0;
    clock.servers.clear();
    for (const std::string& server : options.servers) {
      ClockServerOptions entry;
      entry.address = server;
      entry.key = options.key;
      entry.nts = options.nts;
      clock.servers.push_back(entry);
    }
  }
  if (!options.key_file.empty()) clock.key_file = options.key_file;
  if (!options.nts_ca_file.empty()) clock.nts_ca_file = options.nts_ca_file;
  clock.samples = options.samples;
  if (clock.servers.empty()) {
    return fail(ErrorCode::invalid_argument,
                "no servers (use --server or a config with clock.servers)");
  }
  Result<ClockMonitorOptions> monitor_options = make_monitor_options(clock);
  if (!monitor_options) return fail(ErrorCode::invalid_argument, monitor_options.error().message());
  NtsSessions nts(monitor_options->nts);
  const ClockMeasurement measurement =
      measure_clock(monitor_options->servers, monitor_options->keys, monitor_options->query,
                    monitor_options->trust, nts);
  if (options.json)
    print_json(measurement);
  else
    print_table(measurement);
  return measurement.estimate.synchronized ? 0 : 1;
}

}  // namespace horolog
