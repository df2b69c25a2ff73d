// Read through the engine's sources with format `auto`, which detects a line the chosen parser
// rejects on its own: one file may even mix both kinds (a concatenation).
#include "agent/commands/replay/clock_history.h"

#include <cmath>
#include <memory>

#include "agent/engine/sources/source_factory.h"
#include "parsers/format_registry.h"

namespace horolog {

namespace {

// The datasets the two parsers give their events.
constexpr std::string_view kLoopstats = "ntp.loopstats";
constexpr std::string_view kTracking = "chrony.tracking";

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

}  // namespace

std::optional<OffsetSample> offset_sample_from(const Event& event) noexcept {
  if (event.has(EventFlag::parse_error)) return std::nullopt;
  if (event.dataset == kLoopstats) {
    const auto offset = number_field(event, "ntp.loopstats.offset_s");
    if (!offset) return std::nullopt;
    const double jitter = number_field(event, "ntp.loopstats.jitter_s").value_or(0.0);
    return OffsetSample{event.timestamp, seconds_to_ns(*offset), seconds_to_ns(std::fabs(jitter))};
  }
  if (event.dataset == kTracking) {
    const auto offset = number_field(event, "chrony.tracking.offset_s");
    if (!offset || text_field(event, "chrony.tracking.leap") == "?") return std::nullopt;
    const auto max_error = number_field(event, "chrony.tracking.max_error_s");
    const double error =
        max_error ? *max_error : number_field(event, "chrony.tracking.offset_sd_s").value_or(0.0);
    return OffsetSample{event.timestamp, -seconds_to_ns(*offset), seconds_to_ns(std::fabs(error))};
  }
  return std::nullopt;
}

Result<ClockHistory> load_clock_history(const std::vector<std::string>& paths) {
  SourceOptions options;
  options.format = find_format("auto");
  options.input_name = "clock-history";  // both formats are UTC by definition: no zone applies
  ClockHistory history;
  std::vector<OffsetSample> samples;
  EventBatch batch;
  for (const std::string& path : paths) {
    Result<std::unique_ptr<RecordSource>> source = open_source(path, options);
    if (!source) return fail(source.error().within("--clock-history"));
    const std::size_t before = samples.size();
    for (;;) {
      const Result<SourceStatus> status = (*source)->read(batch);
      if (!status) return fail(status.error().within("--clock-history"));
      if (*status != SourceStatus::batch) break;
      for (const Event& event : batch) {
        const auto sample = offset_sample_from(event);
        if (!sample) {
          ++history.ignored_lines;
          continue;
        }
        samples.push_back(*sample);
        ++(event.dataset == kLoopstats ? history.loopstats_samples : history.tracking_samples);
      }
    }
    if (samples.size() == before) {
      return fail(ErrorCode::invalid_argument,
                  "--clock-history: " + path +
                      " holds no ntpd/ntpsec loopstats or chrony tracking.log samples");
    }
  }
  history.timeline = OffsetTimeline(std::move(samples));
  return history;
}

}  // namespace horolog
