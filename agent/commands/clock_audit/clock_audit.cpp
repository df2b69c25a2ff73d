// Runs the probes per server and prints the report; a server that does not resolve is a finding,
// not a failure, so one bad name does not hide the others' results.
#include "agent/commands/clock_audit/clock_audit.h"

#include <cstdio>
#include <thread>

#include "agent/commands/clock_audit/audit_report.h"
#include "agent/commands/clock_audit/control_probe.h"
#include "agent/commands/clock_audit/mode3_probe.h"
#include "agent/commands/clock_audit/monlist_probe.h"
#include "agent/commands/clock_audit/rate_probe.h"
#include "normalizer/clock/clock_options.h"

namespace horolog::audit {
namespace {

Finding socket_failure(const std::string& check, const Error& error) {
  return {check, Severity::info, "not_probed", "could not open a socket: " + error.message(), {},
          {}};
}

}  // namespace

ServerAudit audit_server(const AuditTarget& target, const AuditSettings& settings) {
  ServerAudit audit{target.name, target.address, {}};
  Result<UdpExchange> time_udp = UdpExchange::open(target);
  Result<UdpExchange> control_udp = UdpExchange::open(target);
  Result<UdpExchange> monlist_udp = UdpExchange::open(target);
  TimeObservation time;
  ControlObservation control;
  MonlistObservation monlist;
  NtsKeObservation nts_ke;
  {
    // Each probe has its own socket, so their replies cannot be mistaken for one another's.
    std::jthread control_thread([&] {
      if (control_udp) control = probe_control(*control_udp, settings.timeout);
    });
    std::jthread monlist_thread([&] {
      if (monlist_udp) monlist = probe_monlist(*monlist_udp, settings.timeout);
    });
    std::jthread nts_thread(
        [&] { nts_ke = probe_nts_ke(target, settings.nts_ke_port, settings.timeout); });
    if (time_udp) time = probe_time(*time_udp, settings.timeout);
  }
  const bool nts_ke_offered = nts_ke.handshake && nts_ke.alpn == "ntske/1";
  auto append = [&](std::vector<Finding> findings) {
    for (Finding& f : findings) audit.findings.push_back(std::move(f));
  };
  if (time_udp) {
    append(judge_time(time, nts_ke_offered, settings.timeout));
  } else {
    audit.findings.push_back(socket_failure("time", time_udp.error()));
  }
  // The burst only goes to a server that serves time (synchronized or not): a silent or refusing
  // one is left alone.
  if (time.answered && serves_replies(time.reply)) {
    append(judge_rate(probe_rate(*time_udp, settings.timeout)));
  }
  if (control_udp) {
    append(judge_control(control));
  } else {
    audit.findings.push_back(socket_failure("control", control_udp.error()));
  }
  if (monlist_udp) {
    append(judge_monlist(monlist));
  } else {
    audit.findings.push_back(socket_failure("monlist", monlist_udp.error()));
  }
  append(judge_nts_ke(nts_ke));
  return audit;
}

}  // namespace horolog::audit

namespace horolog {

Result<int> clock_audit_command(const ClockAuditOptions& options) {
  using audit::ServerAudit;
  // Every argument is checked before any packet leaves.
  for (const std::string& server : options.servers) {
    const auto parsed = parse_server_address(server);
    if (!parsed || parsed->host.empty()) {
      return fail(ErrorCode::invalid_argument,
                  "bad server `" + server + "` (expected HOST, HOST:PORT or [IPv6]:PORT)");
    }
  }
  if (!(options.timeout_s > 0.0 && options.timeout_s <= 30.0)) {
    return fail(ErrorCode::invalid_argument, "--audit-timeout must be within (0, 30] seconds");
  }
  audit::AuditSettings settings;
  settings.nts_ke_port = options.nts_ke_port;
  settings.timeout = Nanoseconds(static_cast<std::int64_t>(options.timeout_s * 1e9));
  std::vector<ServerAudit> audits;
  for (const std::string& server : options.servers) {
    Result<audit::AuditTarget> target = audit::resolve_target(server);
    if (!target) {
      audits.push_back(
          {server,
           "",
           {{"resolve", audit::Severity::info, "unresolved", target.error().message(), {}, {}}}});
      continue;
    }
    audits.push_back(audit::audit_server(*target, settings));
  }
  const std::string text = options.json ? audit::audit_json(audits) : audit::audit_table(audits);
  std::fputs(text.c_str(), stdout);
  return audit::audit_exit_status(audits);
}

}  // namespace horolog
