// Message shapes modelled on real auth.log, syslog and mail.log lines (see ../shared samples):
// the variable parts (users, addresses, ports, ids) are drawn, the wording is fixed.
#include "agent/commands/bench/bench_messages.h"

#include "agent/commands/bench/bench_text.h"

namespace horolog {

namespace {

constexpr std::string_view kHosts[] = {
    "web-01",       "web-02",         "web-03",    "web-04",    "db-primary",
    "db-replica-2", "ntp-a01",        "mail1",     "fw-edge-2", "k8s-node-07",
    "k8s-node-11",  "build-runner-5", "vpn-gw",    "cache-3",   "ldap-1",
    "backup",       "ws-la-03",       "app-in-07", "monitor",   "dns2",
};
// Zone of each host above, minutes east of UTC.
constexpr int kHostOffsets[] = {0,    0, 60,  60, 0,   -300, 0,    60,  0, -480,
                                -480, 0, 120, 0,  330, 0,    -480, 330, 0, 540};
static_assert(std::size(kHosts) == std::size(kHostOffsets));

enum class App : std::uint8_t { sshd, cron, systemd, kernel, postfix, sudo, nginx, ntpd, dockerd };
struct AppInfo {
  App app;
  std::string_view name;
  int facility;
  int weight;  // relative frequency
};
constexpr AppInfo kApps[] = {
    {App::sshd, "sshd", 10, 22},
    {App::cron, "CRON", 9, 12},
    {App::systemd, "systemd", 3, 14},
    {App::kernel, "kernel", 0, 8},
    {App::postfix, "postfix/smtpd", 2, 12},
    {App::sudo, "sudo", 10, 6},
    {App::nginx, "nginx", 16, 14},
    {App::ntpd, "ntpd", 12, 6},
    {App::dockerd, "dockerd", 3, 6},
};
constexpr std::string_view kUsers[] = {"root", "alice", "bob",      "deploy",   "backup",
                                       "git",  "admin", "postgres", "www-data", "carol"};
constexpr std::string_view kUnits[] = {"logrotate.service",
                                       "apt-daily.service",
                                       "session-4711.scope",
                                       "docker.service",
                                       "systemd-tmpfiles-clean.service",
                                       "certbot.timer"};
constexpr std::string_view kPaths[] = {"/",
                                       "/index.html",
                                       "/api/v1/items",
                                       "/api/v1/login",
                                       "/static/app.3f9c1b.js",
                                       "/healthz",
                                       "/search?q=ntp+offset&page=2",
                                       "/wp-login.php"};

int pick_weighted(GeneratorState& state) {
  int total = 0;
  for (const AppInfo& info : kApps) total += info.weight;
  auto roll = static_cast<int>(state.random.between(0, total - 1));
  for (std::size_t i = 0; i < std::size(kApps); ++i) {
    if (roll < kApps[i].weight) return static_cast<int>(i);
    roll -= kApps[i].weight;
  }
  return 0;
}

void append_hex(std::string& out, std::uint64_t bits, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int i = 0; i < digits; ++i) out.push_back(kHex[(bits >> (4 * i)) & 0xF]);
}

void append_sshd(GeneratorState& s, std::string& out) {
  const std::string_view user = s.random.pick(kUsers);
  switch (s.random.between(0, 3)) {
    case 0: out.append("Accepted publickey for ").append(user).append(" from "); break;
    case 1: out.append("Failed password for invalid user ").append(user).append(" from "); break;
    case 2: out.append("Connection closed by authenticating user ").append(user).append(" "); break;
    default: out.append("Disconnected from user ").append(user).append(" "); break;
  }
  append_private_ipv4(out, s.random.next());
  out.append(" port ");
  append_padded(out, s.random.between(1024, 65535));
  out.append(" ssh2");
  if (s.random.chance(20)) {
    out.append(": RSA SHA256:");
    for (int i = 0; i < 4; ++i) append_hex(out, s.random.next(), 11);
  }
}

void append_kernel(GeneratorState& s, std::string& out) {
  out.push_back('[');
  append_padded(out, s.random.between(1, 9'999'999), 0);
  out.push_back('.');
  append_padded(out, s.random.between(0, 999'999), 6);
  out.append("] ");
  if (s.random.chance(60)) {
    out.append("[UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:12:35:02:52:54:00:12:35:03:08:00 SRC=");
    append_private_ipv4(out, s.random.next());
    out.append(" DST=");
    append_private_ipv4(out, s.random.next());
    out.append(" LEN=");
    append_padded(out, s.random.between(40, 1500));
    out.append(" TOS=0x00 PREC=0x00 TTL=");
    append_padded(out, s.random.between(30, 128));
    out.append(" ID=");
    append_padded(out, s.random.between(0, 65535));
    out.append(" DF PROTO=TCP SPT=");
    append_padded(out, s.random.between(1024, 65535));
    out.append(" DPT=");
    append_padded(out, s.random.chance(40) ? 22 : s.random.between(1, 1024));
    out.append(" WINDOW=64240 RES=0x00 SYN URGP=0");
  } else {
    out.append("EXT4-fs (sda");
    append_padded(out, s.random.between(1, 4));
    out.append("): mounted filesystem with ordered data mode. Quota mode: none.");
  }
}

void append_nginx(GeneratorState& s, std::string& out) {
  out.append("*");
  append_padded(out, s.random.between(1, 999'999));
  out.append(
      " upstream timed out (110: Connection timed out) while reading response header from "
      "upstream, client: ");
  append_private_ipv4(out, s.random.next());
  out.append(", server: example.org, request: \"GET ");
  out.append(s.random.pick(kPaths));
  out.append(" HTTP/1.1\", upstream: \"http://127.0.0.1:");
  append_padded(out, s.random.between(8000, 8099));
  out.append("/\"");
}

}  // namespace

LogOrigin pick_origin(GeneratorState& state) {
  const auto host = static_cast<std::size_t>(state.random.between(0, std::size(kHosts) - 1));
  const AppInfo& app = kApps[pick_weighted(state)];
  LogOrigin origin{kHosts[host], app.name, -1, app.facility, 6, kHostOffsets[host]};
  if (app.app != App::kernel) origin.pid = state.random.between(300, 4'194'304);
  const auto roll = state.random.between(0, 99);
  origin.severity = roll < 70 ? 6 : roll < 85 ? 5 : roll < 95 ? 4 : roll < 99 ? 3 : 2;
  return origin;
}

void append_message(GeneratorState& s, const LogOrigin& origin, std::string& out) {
  const App app = [&] {
    for (const AppInfo& info : kApps) {
      if (info.name == origin.app) return info.app;
    }
    return App::systemd;
  }();
  switch (app) {
    case App::sshd: append_sshd(s, out); return;
    case App::cron:
      out.append("(").append(s.random.pick(kUsers)).append(") CMD (");
      out.append(s.random.chance(50) ? "test -x /usr/sbin/anacron || ( cd / && run-parts --report "
                                       "/etc/cron.daily )"
                                     : "/usr/local/bin/backup.sh --incremental");
      out.push_back(')');
      return;
    case App::systemd:
      out.append(s.random.chance(50) ? "Started " : "Finished ").append(s.random.pick(kUnits));
      out.append(s.random.chance(50) ? " - Daily jobs." : ".");
      return;
    case App::kernel: append_kernel(s, out); return;
    case App::postfix:
      append_hex(out, s.random.next(), 10);
      out.append(": client=unknown[");
      append_private_ipv4(out, s.random.next());
      out.append("], sasl_method=PLAIN, sasl_username=").append(s.random.pick(kUsers));
      out.append("@example.org");
      return;
    case App::sudo:
      out.append(s.random.pick(kUsers));
      out.append(" : TTY=pts/");
      append_padded(out, s.random.between(0, 9));
      out.append(" ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx");
      return;
    case App::nginx: append_nginx(s, out); return;
    case App::ntpd:
      out.append("adjusting local clock by ");
      append_double(out, "%.6f", static_cast<double>(s.random.between(-500'000, 500'000)) / 1e6);
      out.append("s");
      return;
    case App::dockerd:
      out.append("time=\"");
      append_rfc3339(out, s.unix_us, 6, 0, true);
      out.append("\" level=info msg=\"ignoring event\" container=");
      append_hex(out, s.random.next(), 16);
      append_hex(out, s.random.next(), 16);
      out.append(
          " module=libcontainerd namespace=moby topic=/tasks/delete type=\"*events.TaskDelete\"");
      return;
  }
}

}  // namespace horolog
