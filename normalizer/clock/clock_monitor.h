// ClockMonitor: a background thread that measures the host clock against NTP servers on an
// interval (with backoff on errors), falls back to the kernel's estimate when no measurement
// can be trusted, estimates drift between polls, detects steps, and publishes the current
// ClockEstimate lock-free.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "normalizer/clock/clock_measurement.h"
#include "normalizer/clock/kernel_disagreement_log.h"
#include "normalizer/clock/seqlock.h"

namespace horolog {

struct ClockMonitorOptions {
  std::vector<NtpServerSpec> servers;  // empty: kernel estimate only
  NtpKeyRing keys;
  NtsKeOptions nts;  // how NTS-KE servers are trusted
  NtpQueryOptions query;
  TrustPolicy trust;  // make_monitor_options sets it from clock.max_distance / min_agreeing
  Nanoseconds poll_interval = std::chrono::seconds(64);
  // After a failed poll, retry after this, doubling per consecutive failure up to the maximum.
  Nanoseconds retry_interval = std::chrono::seconds(8);
  Nanoseconds max_retry_interval = std::chrono::seconds(1024);
  // A change of offset beyond the prediction by more than this (plus both error bounds) is a
  // step of the host clock (or of the servers), reported through on_step.
  Nanoseconds step_threshold = std::chrono::milliseconds(128);
  // While the last trustworthy NTP estimate is younger than this, failed polls keep it
  // (readers extrapolate it, its error growing) instead of falling back to the kernel.
  Nanoseconds hold_ntp_for = std::chrono::hours(1);
};

// A jump of the measured offset that drift does not explain.
struct ClockStep {
  SysNanos detected_at;
  Nanoseconds expected_offset;
  Nanoseconds measured_offset;
};

class ClockMonitor {
 public:
  using StepCallback = std::function<void(const ClockStep&)>;

  // `on_step` runs on the monitor's thread.
  explicit ClockMonitor(ClockMonitorOptions options, StepCallback on_step = {});
  ~ClockMonitor();
  ClockMonitor(const ClockMonitor&) = delete;
  ClockMonitor& operator=(const ClockMonitor&) = delete;

  // Publishes the kernel's estimate at once, then measures in the background; never blocks.
  void start();
  void stop();

  // One measurement on the calling thread (CLI, tests); returns what it published.
  ClockEstimate poll_once(const std::stop_token& stop = {});

  // The latest published estimate. Lock-free; safe from any thread, on the hot path.
  ClockEstimate current() const noexcept { return published_.load(); }
  // current(), extrapolated to `now`: offset moved by the drift, error grown by 15 ppm of age.
  ClockEstimate current_at(SysNanos now) const noexcept;
  // How many estimates were published so far.
  std::uint64_t publications() const noexcept { return published_.version() - 1; }

  // The delay before the next poll after `consecutive_failures` failed ones (0: success).
  Nanoseconds next_delay(int consecutive_failures) const noexcept;

 private:
  void run(const std::stop_token& stop);
  void publish(const ClockEstimate& estimate) noexcept { published_.store(estimate); }
  std::vector<NtpServerSpec> servers_to_query();
  void note_statuses(const std::vector<ServerReport>& reports);

  ClockMonitorOptions options_;
  StepCallback on_step_;
  SeqlockCell<ClockEstimate> published_;
  // Monitor-thread state (poll_once is not to be called concurrently with a running thread).
  std::vector<bool> denied_;        // per server: KoD DENY/RSTR, never asked again
  std::vector<bool> rate_limited_;  // per server: KoD RATE, skipped once
  NtsSessions nts_;                 // NTS keys and cookies, kept from poll to poll
  KernelDisagreementLog disagreements_;
  ClockEstimate last_ntp_;
  bool have_ntp_ = false;
  int failures_ = 0;
  std::jthread thread_;
};

// An estimate moved forward to `now` by its drift, with the error grown by the frequency
// tolerance (RFC 5905 PHI, 15 ppm) over its age.
ClockEstimate extrapolate(const ClockEstimate& estimate, SysNanos now) noexcept;

}  // namespace horolog
