// One event per step: when it was seen, what was expected and what was measured.
#include "agent/engine/clock_anomaly.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "sinks/json_number.h"

namespace horolog {

ClockAnomalies::ClockAnomalies(SinkSet& sinks, RunStats& stats, std::string host)
    : host_(std::move(host)), writer_(sinks, stats, "clock") {}

void ClockAnomalies::report(const ClockStep& step) {
  std::lock_guard lock(mutex_);
  queued_.push_back(step);
}

void ClockAnomalies::flush() {
  std::vector<ClockStep> steps;
  {
    std::lock_guard lock(mutex_);
    steps.swap(queued_);
  }
  if (steps.empty()) return;
  EventBatch& batch = writer_.next_batch();
  batch.clear();
  const auto now = std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
  for (const ClockStep& step : steps) {
    const double expected_ms = static_cast<double>(step.expected_offset.count()) / 1e6;
    const double measured_ms = static_cast<double>(step.measured_offset.count()) / 1e6;
    char text[160];
    const int n = std::snprintf(text, sizeof text,
                                "host clock offset jumped: measured %.3f ms where %.3f ms was "
                                "expected (step %.3f ms)",
                                measured_ms, expected_ms, measured_ms - expected_ms);
    spdlog::warn("{}", std::string_view(text, static_cast<std::size_t>(n)));
    Event& event = batch.next_event();
    event.timestamp = step.detected_at;
    event.precision_digits = 6;
    event.created = now;
    event.host = host_;
    event.dataset = "horolog.clock";
    event.input_name = "clock";
    event.message = batch.arena.copy(std::string_view(text, static_cast<std::size_t>(n)));
    event.add("event.kind", FieldValue::string("alert"));
    event.add("event.action", FieldValue::string("clock_anomaly"));
    event.add("event.category", FieldValue::string("time"));
    event.add("horolog.clock.expected_offset_ms", FieldValue::float64(expected_ms));
    event.add("horolog.clock.measured_offset_ms", FieldValue::float64(measured_ms));
    event.add("horolog.clock.step_ms", FieldValue::float64(measured_ms - expected_ms));
  }
  writer_.write(0, {});
}

}  // namespace horolog
