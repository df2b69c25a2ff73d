// Each line is detected on its own, so one file may even mix both kinds (a concatenation).
#include "agent/commands/replay/clock_history.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "agent/engine/sources/archive_stream.h"
#include "parsers/detect/format_detect.h"
#include "parsers/format_registry.h"
#include "parsers/ntp/stats_parser.h"

namespace horolog {

namespace {

constexpr std::string_view kLoopstats = "ntp-loopstats";
constexpr std::string_view kTracking = "chrony-tracking";

std::optional<double> number_field(const Event& event, std::string_view key) noexcept {
  for (const Field& field : event.fields) {
    if (field.key == key && field.value.kind == FieldValue::Kind::float64) return field.value.f64;
  }
  return std::nullopt;
}

std::string_view text_field(const Event& event, std::string_view key) noexcept {
  for (const Field& field : event.fields) {
    if (field.key == key && field.value.kind == FieldValue::Kind::string) return field.value.text;
  }
  return {};
}

Nanoseconds seconds_to_ns(double seconds) noexcept {
  return Nanoseconds(std::llround(seconds * 1e9));
}

std::string read_whole(const std::string& path) {
  std::string error;
  auto stream = ArchiveStream::open(path, error);
  if (!stream) throw std::runtime_error("--clock-history: " + error);
  std::string content;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(stream->fd(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw std::runtime_error("--clock-history: read error on " + path + ": " +
                               std::strerror(errno));
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  error = stream->finish();
  if (!error.empty()) throw std::runtime_error("--clock-history: " + error);
  return content;
}

}  // namespace

std::optional<OffsetSample> offset_sample_from(const Event& event,
                                               std::string_view format) noexcept {
  if (event.has(EventFlag::parse_error)) return std::nullopt;
  if (format == kLoopstats) {
    const auto offset = number_field(event, "ntp.loopstats.offset_s");
    if (!offset) return std::nullopt;
    const double jitter = number_field(event, "ntp.loopstats.jitter_s").value_or(0.0);
    return OffsetSample{event.timestamp, seconds_to_ns(*offset), seconds_to_ns(std::fabs(jitter))};
  }
  if (format == kTracking) {
    const auto offset = number_field(event, "chrony.tracking.offset_s");
    if (!offset || text_field(event, "chrony.tracking.leap") == "?") return std::nullopt;
    const auto max_error = number_field(event, "chrony.tracking.max_error_s");
    const double error =
        max_error ? *max_error : number_field(event, "chrony.tracking.offset_sd_s").value_or(0.0);
    return OffsetSample{event.timestamp, -seconds_to_ns(*offset), seconds_to_ns(std::fabs(error))};
  }
  return std::nullopt;
}

ClockHistory load_clock_history(const std::vector<std::string>& paths) {
  NtpStatsParser loopstats(ntp::StatsKind::ntp_loopstats);
  NtpStatsParser tracking(ntp::StatsKind::chrony_tracking);
  TimeResolver time(TimeResolverSettings{});  // both formats are UTC by definition
  StringArena arena;
  Event event;
  ClockHistory history;
  std::vector<OffsetSample> samples;
  for (const std::string& path : paths) {
    const std::string content = read_whole(path);
    const std::size_t before = samples.size();
    std::size_t pos = 0;
    while (pos < content.size()) {
      std::size_t end = content.find('\n', pos);
      if (end == std::string::npos) end = content.size();
      std::string_view line(content.data() + pos, end - pos);
      pos = end + 1;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line.empty() || is_chrony_banner(line)) continue;
      const std::string_view format = detect_format(line);
      Parser* parser = format == kLoopstats  ? static_cast<Parser*>(&loopstats)
                       : format == kTracking ? static_cast<Parser*>(&tracking)
                                             : nullptr;
      if (parser == nullptr) {
        ++history.ignored_lines;
        continue;
      }
      event.reset();
      arena.clear();
      ParseContext ctx{time, arena, {}};
      const auto sample = parser->parse(line, ctx, event) == ParseStatus::ok
                              ? offset_sample_from(event, format)
                              : std::nullopt;
      if (!sample) {
        ++history.ignored_lines;
        continue;
      }
      samples.push_back(*sample);
      ++(format == kLoopstats ? history.loopstats_samples : history.tracking_samples);
    }
    if (samples.size() == before) {
      throw std::runtime_error("--clock-history: " + path +
                               " holds no ntpd/ntpsec loopstats or chrony tracking.log samples");
    }
  }
  history.timeline = OffsetTimeline(std::move(samples));
  return history;
}

}  // namespace horolog
