// Column layouts as in ../shared/data/ntp (ntpsec, classic ntpd and chrony 4.3 output); values
// are drawn around realistic magnitudes (offsets of microseconds, frequencies of ppm).
#include "agent/commands/bench/ntp_generators.h"

#include <string_view>

#include "agent/commands/bench/bench_text.h"

namespace horolog {

namespace {

constexpr std::string_view kPeers[] = {"127.127.20.0", "127.127.28.0", "132.163.97.1",
                                       "132.163.97.3", "192.168.1.10", "10.0.0.123"};
constexpr std::string_view kSources[] = {"127.0.0.1      ", "::1            ", "129.6.15.29    ",
                                         "132.163.97.4   ", "192.168.1.10   ", "PPS            "};
constexpr std::string_view kStatusWords[] = {"9014", "911a", "961a", "971b", "8011", "c01e"};
constexpr std::string_view kProtoEvents[] = {"81 mobilize assoc ", "8a sys_peer ",
                                             "83 unreachable ", "0e TAI 37 leap "};

// A signed value around zero: `scale` times a uniform draw in [-1, 1].
double jitter(GeneratorState& s, double scale) {
  return scale * static_cast<double>(s.random.between(-1'000'000, 1'000'000)) / 1e6;
}

double positive(GeneratorState& s, double scale) {
  return scale * static_cast<double>(s.random.between(1, 1'000'000)) / 1e6;
}

void begin_mjd_line(GeneratorState& s, std::string& out) {
  s.tick(16'000);
  append_mjd_stamp(out, s.unix_us);
  out.push_back(' ');
}

void begin_chrony_line(GeneratorState& s, std::string& out, int digits = 0) {
  s.tick(8'000);
  append_chrony_stamp(out, s.unix_us, digits);
  out.push_back(' ');
}

}  // namespace

void generate_ntp_loopstats(GeneratorState& s, std::string& out) {
  begin_mjd_line(s, out);
  append_double(out, "%.9f", jitter(s, 2e-4));
  append_double(out, " %.3f", jitter(s, 40.0));
  append_double(out, " %.9f", positive(s, 1e-4));
  append_double(out, " %.6f", positive(s, 0.01));
  out.push_back(' ');
  append_padded(out, s.random.between(3, 10));
  out.push_back('\n');
}

void generate_ntp_peerstats(GeneratorState& s, std::string& out) {
  begin_mjd_line(s, out);
  out.append(s.random.pick(kPeers)).push_back(' ');
  out.append(s.random.pick(kStatusWords));
  append_double(out, " %.9f", jitter(s, 3e-3));
  append_double(out, " %.9f", positive(s, 0.05));
  append_double(out, " %.9f", positive(s, 8.0));
  append_double(out, " %.9f\n", positive(s, 1e-3));
}

void generate_ntp_clockstats(GeneratorState& s, std::string& out) {
  begin_mjd_line(s, out);
  if (s.random.chance(50)) {
    out.append("SHM(");
    append_padded(out, s.random.between(0, 1));
    out.append(")   ");
    for (int i = 0; i < 5; ++i) {
      append_padded(out, s.random.between(0, 99));
      out.append(i < 4 ? "   " : "\n");
    }
    return;
  }
  out.append("127.127.20.0 $GPRMC,");
  append_padded(out, s.random.between(0, 235959), 6);
  out.append(".00,A,4807.038,N,01131.000,E,0.0,0.0,261126,,,A*");
  append_padded(out, s.random.between(10, 99));
  out.push_back('\n');
}

void generate_ntp_sysstats(GeneratorState& s, std::string& out) {
  s.tick(3'600'000);
  append_mjd_stamp(out, s.unix_us);
  std::int64_t received = s.random.between(100, 100'000);
  for (int i = 0; i < 11; ++i) {
    out.push_back(' ');
    append_padded(out, received);
    received = s.random.between(0, received);
  }
  out.push_back('\n');
}

void generate_ntp_rawstats(GeneratorState& s, std::string& out) {
  begin_mjd_line(s, out);
  out.append(s.random.pick(kPeers)).append(" 127.0.0.1 ");
  const double origin = static_cast<double>(s.unix_us) / 1e6 + 2'208'988'800.0;  // NTP era 0
  for (int i = 0; i < 4; ++i) append_double(out, "%.9f ", origin + i * positive(s, 1e-3));
  out.append("0 ");
  append_padded(out, s.random.between(1, 3));
  out.append(" 4 1 6 -20 ");
  append_double(out, "%.6f ", positive(s, 0.01));
  append_double(out, "%.6f ", positive(s, 0.01));
  out.append(s.random.chance(50) ? "GPS\n" : "PPS\n");
}

void generate_ntp_protostats(GeneratorState& s, std::string& out) {
  begin_mjd_line(s, out);
  out.append(s.random.pick(kPeers)).push_back(' ');
  out.append(s.random.pick(kStatusWords)).push_back(' ');
  out.append(s.random.pick(kProtoEvents));
  append_padded(out, s.random.between(17000, 18000));
  out.push_back('\n');
}

void generate_chrony_measurements(GeneratorState& s, std::string& out) {
  begin_chrony_line(s, out);
  out.append(s.random.pick(kSources));
  out.append(s.random.chance(95) ? " N  " : " -  ");
  append_padded(out, s.random.between(1, 3));
  out.append(" 111 111 1111  ");
  append_padded(out, s.random.between(4, 10), 2, ' ');
  out.push_back(' ');
  append_padded(out, s.random.between(4, 10), 2, ' ');
  append_double(out, " %.2f", positive(s, 1.0));
  append_double(out, " % .3e", jitter(s, 1e-3));
  append_double(out, "  %.3e", positive(s, 0.05));
  append_double(out, "  %.3e", positive(s, 1e-5));
  append_double(out, "  %.3e", positive(s, 1e-3));
  append_double(out, "  %.3e", positive(s, 1e-3));
  out.append(" 7F7F0101 4B K K\n");
}

void generate_chrony_statistics(GeneratorState& s, std::string& out) {
  begin_chrony_line(s, out);
  out.append(s.random.pick(kSources));
  append_double(out, "  %.3e", positive(s, 1e-4));
  append_double(out, " % .3e", jitter(s, 1e-4));
  append_double(out, "  %.3e", positive(s, 1e-4));
  append_double(out, "  %.3e", positive(s, 1e-6));
  append_double(out, "  %.3e", positive(s, 1e-3));
  append_double(out, " %.1e", positive(s, 1e-3));
  for (int i = 0; i < 3; ++i) {
    out.append("  ");
    append_padded(out, s.random.between(0, 64), 2, ' ');
  }
  append_double(out, "  %.2f\n", positive(s, 1.0));
}

void generate_chrony_tracking(GeneratorState& s, std::string& out) {
  begin_chrony_line(s, out);
  out.append(s.random.pick(kSources));
  append_padded(out, s.random.between(1, 4), 2, ' ');
  append_double(out, "  %9.3f", jitter(s, 50.0));
  append_double(out, " %9.3f", positive(s, 5.0));
  append_double(out, "  % .3e", jitter(s, 1e-4));
  out.append(" N  ");
  append_padded(out, s.random.between(1, 4));
  append_double(out, "  %.3e", positive(s, 1e-6));
  append_double(out, " % .3e", jitter(s, 1e-5));
  append_double(out, "  %.3e", positive(s, 1e-4));
  append_double(out, "  %.3e", positive(s, 1e-3));
  append_double(out, "  %.3e\n", positive(s, 2.0));
}

void generate_chrony_refclocks(GeneratorState& s, std::string& out) {
  begin_chrony_line(s, out, 6);
  out.append(s.random.chance(50) ? "GPS     " : "PPS     ");
  append_padded(out, s.random.between(0, 15));
  out.append(" N ");
  append_padded(out, s.random.between(0, 1));
  const double offset = jitter(s, 5e-5);
  append_double(out, "  % .6e", offset);
  append_double(out, "  % .6e", offset + jitter(s, 1e-6));
  append_double(out, "  %.3e\n", positive(s, 1e-6));
}

void generate_chrony_rtc(GeneratorState& s, std::string& out) {
  begin_chrony_line(s, out);
  append_double(out, " % .6f", jitter(s, 0.5));
  out.append("  ");
  append_padded(out, s.random.between(0, 1));
  append_double(out, "  % .6f", jitter(s, 0.5));
  append_double(out, "  %.1f", jitter(s, 20.0));
  out.append("  ");
  append_padded(out, s.random.between(3, 32));
  out.append("  ");
  append_padded(out, s.random.between(1, 10));
  out.append("  ");
  append_padded(out, s.random.between(64, 1024));
  out.push_back('\n');
}

}  // namespace horolog
