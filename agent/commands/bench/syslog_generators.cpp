// The shapes follow the files in ../shared/data/syslog-3164, syslog-5424 and ntp (real tools'
// output); bench_messages.cpp supplies who logs and what they say.
#include "agent/commands/bench/syslog_generators.h"

#include <string_view>

#include "agent/commands/bench/bench_messages.h"
#include "agent/commands/bench/bench_text.h"

namespace horolog {

namespace {

constexpr std::string_view kMsgIds[] = {"-", "-", "-", "LOGIN", "ID47", "TIMECHG", "AUDIT"};
constexpr std::string_view kMethods[] = {"GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"};
constexpr std::string_view kUrls[] = {"/",
                                      "/index.html",
                                      "/api/v1/items?limit=50",
                                      "/api/v1/login",
                                      "/static/app.3f9c1b.js",
                                      "/healthz",
                                      "/search?q=ntp+offset&page=2",
                                      "/images/logo@2x.png",
                                      "/feed.xml"};
constexpr std::string_view kAgents[] = {
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "curl/7.88.1",
    "Prometheus/2.45.0", "Go-http-client/1.1",
    // One user agent, too long for a line: the missing comma is the concatenation.
    // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"};
constexpr std::string_view kNtpdEvents[] = {
    "CLOCK: time stepped by ", "PROTO: 127.0.0.1 8811 81 mobilize assoc ", "SYNC: offset ",
    "INFO: frequency drift ppm ", "IO: Listen normally on 2 lo 127.0.0.1:123 #"};

void append_tag(const LogOrigin& origin, std::string& out) {
  out.append(origin.app);
  if (origin.pid >= 0) {
    out.push_back('[');
    append_padded(out, origin.pid);
    out.push_back(']');
  }
  out.append(": ");
}

void append_structured_data(GeneratorState& s, std::string& out) {
  const auto roll = s.random.between(0, 9);
  if (roll < 5) {
    out.push_back('-');
    return;
  }
  out.append(R"([timeQuality tzKnown="1" isSynced=")");
  out.append(s.random.chance(80) ? "1\" syncAccuracy=\"" : "0\" syncAccuracy=\"");
  append_padded(out, s.random.between(1000, 900'000));
  out.append("\"]");
  if (roll >= 8) {
    out.append(R"([meta@32473 sequenceId=")");
    append_padded(out, s.random.between(1, 99'999'999));
    out.append(R"(" path="C:\\Windows\\System32\\w32tm.exe" note="quote \"x\" and bracket \]"])");
  }
}

// What follows the stamp in both file formats of syslog daemons: host, tag, message.
void append_host_tag_message(GeneratorState& s, const LogOrigin& origin, std::string& out) {
  out.push_back(' ');
  out.append(origin.host);
  out.push_back(' ');
  append_tag(origin, out);
  append_message(s, origin, out);
  out.push_back('\n');
}

}  // namespace

void generate_rfc3164(GeneratorState& s, std::string& out) {
  s.tick(250);
  const LogOrigin origin = pick_origin(s);
  append_bsd_stamp(out, s.unix_us);
  append_host_tag_message(s, origin, out);
}

void generate_syslog_iso(GeneratorState& s, std::string& out) {
  s.tick(250);
  const LogOrigin origin = pick_origin(s);
  append_rfc3339(out, s.unix_us, 6, origin.utc_offset_min, false);
  append_host_tag_message(s, origin, out);
}

void generate_rfc5424(GeneratorState& s, std::string& out) {
  s.tick(250);
  const LogOrigin origin = pick_origin(s);
  out.push_back('<');
  append_padded(out, origin.facility * 8 + origin.severity);
  out.append(">1 ");
  append_rfc3339(out, s.unix_us, s.random.chance(70) ? 6 : 3, origin.utc_offset_min, true);
  out.push_back(' ');
  out.append(origin.host);
  out.push_back(' ');
  out.append(origin.app);
  out.push_back(' ');
  if (origin.pid >= 0) {
    append_padded(out, origin.pid);
  } else {
    out.push_back('-');
  }
  out.push_back(' ');
  out.append(s.random.pick(kMsgIds));
  out.push_back(' ');
  append_structured_data(s, out);
  out.push_back(' ');
  append_message(s, origin, out);
  out.push_back('\n');
}

void generate_ntpd_log(GeneratorState& s, std::string& out) {
  s.tick(4000);
  append_rfc3339(out, s.unix_us, 0, 0, false);
  out.resize(out.size() - 6);  // ntpsec writes local time without an offset
  out.append(" ntpd[");
  append_padded(out, 12198 + s.random.between(0, 3));
  out.append("]: ");
  const auto event = static_cast<std::size_t>(s.random.between(0, std::size(kNtpdEvents) - 1));
  out.append(kNtpdEvents[event]);
  if (event == 4) {
    append_padded(out, s.random.between(1, 40));
  } else if (event == 1) {
    append_padded(out, s.random.between(17000, 18000));
  } else {
    append_double(out, "%.6f", static_cast<double>(s.random.between(-400'000, 400'000)) / 1e6);
    if (event == 0) out.append(" s");
  }
  out.push_back('\n');
}

void generate_json_lines(GeneratorState& s, std::string& out) {
  s.tick(250);
  const LogOrigin origin = pick_origin(s);
  out.append(R"({"@timestamp":")");
  append_rfc3339(out, s.unix_us, 3, 0, true);
  out.append(R"(","level":")");
  out.append(origin.severity <= 3 ? "error" : origin.severity == 4 ? "warn" : "info");
  out.append(R"(","host":")").append(origin.host);
  out.append(R"(","service":")").append(origin.app);
  out.append(R"(","pid":)");
  append_padded(out, origin.pid < 0 ? 0 : origin.pid);
  out.append(R"(,"duration_ms":)");
  append_double(out, "%.3f", static_cast<double>(s.random.between(100, 2'500'000)) / 1000.0);
  out.append(R"(,"trace":{"id":")");
  append_padded(out, static_cast<std::int64_t>(s.random.next() >> 2), 19);
  out.append(R"(","sampled":)").append(s.random.chance(10) ? "true" : "false");
  out.append(R"(},"message":")");
  const std::size_t message_start = out.size();
  append_message(s, origin, out);
  // JSON-escape the message in place: only `"` and `\` occur in the generated text.
  for (std::size_t i = message_start; i < out.size(); ++i) {
    if (out[i] == '"' || out[i] == '\\') out.insert(i++, 1, '\\');
  }
  out.append("\"}\n");
}

void generate_access_log(GeneratorState& s, std::string& out) {
  s.tick(100);
  append_private_ipv4(out, s.random.next());
  out.append(" - ");
  out.append(s.random.chance(90) ? "-" : "alice");
  out.append(" [");
  append_clf_stamp(out, s.unix_us);
  out.append("] \"").append(s.random.pick(kMethods)).push_back(' ');
  out.append(s.random.pick(kUrls)).append(" HTTP/1.1\" ");
  const auto roll = s.random.between(0, 99);
  append_padded(out, roll < 85 ? 200 : roll < 92 ? 304 : roll < 97 ? 404 : 502);
  out.push_back(' ');
  append_padded(out, s.random.between(0, 250'000));
  out.append(" \"-\" \"").append(s.random.pick(kAgents)).append("\"\n");
}

}  // namespace horolog
