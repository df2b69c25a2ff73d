// Servers from the config, and how they are named in reports.
#include "normalizer/clock/ntp_server.h"

#include "normalizer/clock/nts_ke_records.h"

namespace horolog {

Result<std::vector<NtpServerSpec>> server_specs(const ClockOptions& options) {
  std::vector<NtpServerSpec> out;
  for (const ClockServerOptions& s : options.servers) {
    const std::optional<ServerAddress> address = parse_server_address(s.address);
    if (!address)
      return fail(ErrorCode::invalid_config, "bad NTP server address `" + s.address + "`");
    if (s.key < 0 || s.key > 0xFFFFFFFF) {
      return fail(ErrorCode::invalid_config, "bad key id for NTP server `" + s.address + "`");
    }
    if (s.nts && s.key != 0) {
      return fail(ErrorCode::invalid_config,
                  "NTP server `" + s.address + "` cannot have both `nts: true` and a `key`");
    }
    const std::uint16_t port = s.nts && !address->port_given ? kNtsKePort : address->port;
    out.push_back({std::string(address->host), port, static_cast<std::uint32_t>(s.key), s.nts});
  }
  return out;
}

std::string to_string(const NtpServerSpec& server) {
  const bool v6 = server.host.find(':') != std::string::npos;
  std::string out = v6 ? "[" + server.host + "]" : server.host;
  return out + ":" + std::to_string(server.port);
}

}  // namespace horolog
