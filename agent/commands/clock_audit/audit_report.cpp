// Table and JSON from the findings; every text the server chose was made printable by its probe,
// and JSON strings are escaped here.
#include "agent/commands/clock_audit/audit_report.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "sinks/json_number.h"
#include "sinks/json_string.h"

namespace horolog::audit {
namespace {

Severity worst(std::span<const ServerAudit> servers) noexcept {
  Severity out = Severity::info;
  for (const ServerAudit& s : servers) {
    for (const Finding& f : s.findings) out = std::max(out, f.severity);
  }
  return out;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string audit_table(std::span<const ServerAudit> servers) {
  std::size_t server_width = 6;
  for (const ServerAudit& s : servers) server_width = std::max(server_width, s.server.size());
  std::string out = pad("server", server_width) + "  " + pad("check", 20) + "  " +
                    pad("severity", 8) + "  " + pad("finding", 28) + "  reason\n";
  for (const ServerAudit& s : servers) {
    for (const Finding& f : s.findings) {
      out += pad(s.server, server_width) + "  " + pad(f.check, 20) + "  " +
             pad(std::string(to_string(f.severity)), 8) + "  " + pad(f.finding, 28) + "  " +
             f.reason + "\n";
    }
  }
  std::array<int, 4> counts{};
  for (const ServerAudit& s : servers) {
    for (const Finding& f : s.findings) ++counts[static_cast<std::size_t>(f.severity)];
  }
  char summary[160];
  std::snprintf(summary, sizeof summary,
                "\n%zu server(s): %d high, %d medium, %d low, %d info; worst: %s\n", servers.size(),
                counts[3], counts[2], counts[1], counts[0],
                std::string(to_string(worst(servers))).c_str());
  out += summary;
  return out;
}

std::string audit_json(std::span<const ServerAudit> servers) {
  std::string out = "{\"servers\":[";
  std::array<int, 4> counts{};
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const ServerAudit& s = servers[i];
    if (i > 0) out += ',';
    out += "{\"server\":";
    append_json_string(out, s.server);
    out += ",\"address\":";
    append_json_string(out, s.address);
    out += ",\"findings\":[";
    for (std::size_t j = 0; j < s.findings.size(); ++j) {
      const Finding& f = s.findings[j];
      ++counts[static_cast<std::size_t>(f.severity)];
      if (j > 0) out += ',';
      out += "{\"check\":";
      append_json_string(out, f.check);
      out += ",\"severity\":";
      append_json_string(out, to_string(f.severity));
      out += ",\"finding\":";
      append_json_string(out, f.finding);
      out += ",\"reason\":";
      append_json_string(out, f.reason);
      out += ",\"values\":{";
      bool first = true;
      for (const auto& [name, value] : f.numbers) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ':';
        append_json_double(out, value);
      }
      for (const auto& [name, value] : f.texts) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ':';
        append_json_string(out, value);
      }
      out += "}}";
    }
    out += "]}";
  }
  out += "],\"counts\":{\"high\":" + std::to_string(counts[3]) +
         ",\"medium\":" + std::to_string(counts[2]) + ",\"low\":" + std::to_string(counts[1]) +
         ",\"info\":" + std::to_string(counts[0]) + "},\"worst\":";
  append_json_string(out, to_string(worst(servers)));
  out += "}\n";
  return out;
}

int audit_exit_status(std::span<const ServerAudit> servers) noexcept {
  return worst(servers) == Severity::high ? 1 : 0;
}

}  // namespace horolog::audit
