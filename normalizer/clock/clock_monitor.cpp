// The clock monitor's poll loop: NTP measurement, kernel fallback, drift and step detection.
#include "normalizer/clock/clock_monitor.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>

#include "normalizer/clock/kernel_clock.h"

namespace horolog {
namespace {

constexpr double kPhi = 15e-6;
// Drift from two polls closer than this is mostly measurement noise.
constexpr Nanoseconds kMinDriftSpan = std::chrono::seconds(16);
// A frequency error beyond this is not drift but a step or a broken measurement.
constexpr double kMaxDriftPpb = 500'000.0;

}  // namespace

ClockEstimate extrapolate(const ClockEstimate& estimate, SysNanos now) noexcept {
  ClockEstimate e = estimate;
  if (e.source == ClockSource::none || now <= e.measured_at) return e;
  const double age_ns = static_cast<double>((now - e.measured_at).count());
  e.offset += Nanoseconds{static_cast<std::int64_t>(e.drift_ppb * 1e-9 * age_ns)};
  e.error_bound += Nanoseconds{static_cast<std::int64_t>(kPhi * age_ns)};
  return e;
}

ClockMonitor::ClockMonitor(ClockMonitorOptions options, StepCallback on_step)
    : options_(std::move(options)),
      on_step_(std::move(on_step)),
      denied_(options_.servers.size(), false),
      rate_limited_(options_.servers.size(), false),
      nts_(options_.nts) {}

ClockMonitor::~ClockMonitor() { stop(); }

void ClockMonitor::start() {
  if (thread_.joinable()) return;
  publish(kernel_estimate(read_kernel_clock(), host_now()));
  thread_ = std::jthread([this](const std::stop_token& stop) { run(stop); });
}

void ClockMonitor::stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

ClockEstimate ClockMonitor::current_at(SysNanos now) const noexcept {
  return extrapolate(current(), now);
}

Nanoseconds ClockMonitor::next_delay(int consecutive_failures) const noexcept {
  if (consecutive_failures <= 0) return options_.poll_interval;
  Nanoseconds delay = options_.retry_interval;
  for (int i = 1; i < consecutive_failures && delay < options_.max_retry_interval; ++i) delay *= 2;
  return std::min(delay, options_.max_retry_interval);
}

std::vector<NtpServerSpec> ClockMonitor::servers_to_query() {
  std::vector<NtpServerSpec> out;
  for (std::size_t i = 0; i < options_.servers.size(); ++i) {
    if (denied_[i]) continue;
    if (rate_limited_[i]) {
      rate_limited_[i] = false;  // skip this poll only
      continue;
    }
    out.push_back(options_.servers[i]);
  }
  return out;
}

void ClockMonitor::note_statuses(const std::vector<ServerReport>& reports) {
  for (const ServerReport& r : reports) {
    for (std::size_t i = 0; i < options_.servers.size(); ++i) {
      const NtpServerSpec& s = options_.servers[i];
      if (s.host != r.server.host || s.port != r.server.port) continue;
      if (r.status == ServerStatus::denied) denied_[i] = true;
      if (r.status == ServerStatus::rate_limited) rate_limited_[i] = true;
    }
  }
}

ClockEstimate ClockMonitor::poll_once(const std::stop_token& stop) {
  const std::vector<NtpServerSpec> servers = servers_to_query();
  ClockEstimate measured;
  if (!servers.empty()) {
    ClockMeasurement m =
        measure_clock(servers, options_.keys, options_.query, options_.trust, nts_, stop);
    note_statuses(m.servers);
    disagreements_.note(m);
    measured = m.estimate;
    if (m.estimate.synchronized) {
      ClockEstimate e = m.estimate;
      if (have_ntp_) {
        const ClockEstimate predicted = extrapolate(last_ntp_, e.measured_at);
        const Nanoseconds jump = e.offset - predicted.offset;
        const Nanoseconds allowed = options_.step_threshold + predicted.error_bound + e.error_bound;
        const Nanoseconds span = e.measured_at - last_ntp_.measured_at;
        if (std::chrono::abs(jump) > allowed) {
          // Drift across a step is meaningless: start measuring it afresh.
          if (on_step_) on_step_(ClockStep{e.measured_at, predicted.offset, e.offset});
        } else if (span >= kMinDriftSpan) {
          const double ppb = static_cast<double>((e.offset - last_ntp_.offset).count()) * 1e9 /
                             static_cast<double>(span.count());
          e.drift_ppb = std::abs(ppb) < kMaxDriftPpb ? ppb : last_ntp_.drift_ppb;
        } else {
          e.drift_ppb = last_ntp_.drift_ppb;
        }
      }
      last_ntp_ = e;
      have_ntp_ = true;
      failures_ = 0;
      publish(e);
      return e;
    }
  }
  ++failures_;
  if (have_ntp_ && host_now() - last_ntp_.measured_at < options_.hold_ntp_for) return last_ntp_;
  // No trustworthy NTP answer: the kernel's estimate, flagged as such, honest about sync, and
  // saying how many servers agreed and how many were rejected, which is why.
  ClockEstimate e = kernel_estimate(read_kernel_clock(), host_now());
  e.servers_agreeing = measured.servers_agreeing;
  e.servers_rejected = measured.servers_rejected;
  publish(e);
  return e;
}

void ClockMonitor::run(const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    poll_once(stop);
    if (options_.servers.empty()) failures_ = 0;  // kernel only: that is the normal state
    const auto until = std::chrono::steady_clock::now() + next_delay(failures_);
    std::unique_lock lock(mutex);
    wake.wait_until(lock, stop, until, [] { return false; });
  }
}

}  // namespace horolog
