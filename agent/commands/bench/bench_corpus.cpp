// The case table: the generators are matched to formats here and nowhere else.
#include "agent/commands/bench/bench_corpus.h"

#include "agent/commands/bench/ntp_generators.h"
#include "agent/commands/bench/syslog_generators.h"

namespace horolog {

namespace {

// What `syslog` and `auto` read in a mixed relay file: the three syslog shapes interleaved.
void generate_syslog_mix(GeneratorState& state, std::string& out) {
  const auto roll = state.random.between(0, 2);
  if (roll == 0) {
    generate_rfc3164(state, out);
  } else if (roll == 1) {
    generate_syslog_iso(state, out);
  } else {
    generate_rfc5424(state, out);
  }
}

constexpr BenchCase kCases[] = {
    {"rfc3164", "rfc3164", &generate_rfc3164, "BSD syslog file lines, year-less stamps"},
    {"rfc3164-iso", "rfc3164", &generate_syslog_iso,
     "syslog file lines with RFC 3339 microsecond stamps (rsyslog's high-precision format)"},
    {"rfc5424", "rfc5424", &generate_rfc5424, "RFC 5424 with structured data on half the lines"},
    {"syslog", "syslog", &generate_syslog_mix, "the three syslog shapes interleaved"},
    {"auto", "auto", &generate_syslog_mix, "the syslog mix, format detected"},
    {"ntpd", "ntpd", &generate_ntpd_log, "ntpsec log file lines"},
    {"ntp-loopstats", "ntp-loopstats", &generate_ntp_loopstats, "ntpd loopstats"},
    {"ntp-peerstats", "ntp-peerstats", &generate_ntp_peerstats, "ntpd peerstats"},
    {"ntp-clockstats", "ntp-clockstats", &generate_ntp_clockstats, "ntpd clockstats (SHM, NMEA)"},
    {"ntp-sysstats", "ntp-sysstats", &generate_ntp_sysstats, "ntpd sysstats"},
    {"ntp-rawstats", "ntp-rawstats", &generate_ntp_rawstats, "ntpd rawstats"},
    {"ntp-protostats", "ntp-protostats", &generate_ntp_protostats, "ntpd protostats"},
    {"chrony-measurements", "chrony-measurements", &generate_chrony_measurements,
     "chrony measurements.log"},
    {"chrony-statistics", "chrony-statistics", &generate_chrony_statistics,
     "chrony statistics.log"},
    {"chrony-tracking", "chrony-tracking", &generate_chrony_tracking, "chrony tracking.log"},
    {"chrony-refclocks", "chrony-refclocks", &generate_chrony_refclocks, "chrony refclocks.log"},
    {"chrony-rtc", "chrony-rtc", &generate_chrony_rtc, "chrony rtc.log"},
    {"json", "json", &generate_json_lines, "JSON lines with nested and typed members"},
    {"regex", "regex", &generate_access_log, "web access log through an RE2 pattern"},
};

}  // namespace

std::span<const BenchCase> bench_cases() noexcept { return kCases; }

const BenchCase* find_bench_case(std::string_view name) noexcept {
  for (const BenchCase& bench_case : kCases) {
    if (bench_case.name == name) return &bench_case;
  }
  return nullptr;
}

ParserOptions bench_parser_options(std::string_view format) {
  ParserOptions options;
  if (format == "regex") {
    options.pattern = kAccessLogPattern;
    options.time_key = "time";
    options.time_format = {kAccessLogTimeFormat};
  }
  return options;
}

std::string generate_corpus(const BenchCase& bench_case, std::size_t bytes, std::uint64_t seed) {
  GeneratorState state(seed, kBenchStartUnixUs);
  std::string out;
  out.reserve(bytes + 4096);
  while (out.size() < bytes) bench_case.generate(state, out);
  return out;
}

}  // namespace horolog
