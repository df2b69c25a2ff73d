// Clock estimate reads on the hot path: the seqlock load every batch does, with and without
// drift extrapolation, alone and while the monitor thread keeps publishing.
#include <benchmark/benchmark.h>

#include <atomic>
#include <thread>

#include "normalizer/clock/clock_monitor.h"
#include "normalizer/clock/ntp_timestamp.h"

namespace horolog {
namespace {

void BM_ClockCurrent(benchmark::State& state) {
  ClockMonitor monitor(ClockMonitorOptions{});
  monitor.poll_once();
  for (auto _ : state) {
    ClockEstimate e = monitor.current();
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ClockCurrent);

void BM_ClockCurrentAt(benchmark::State& state) {
  ClockMonitor monitor(ClockMonitorOptions{});
  monitor.poll_once();
  const SysNanos now = host_now();
  for (auto _ : state) {
    ClockEstimate e = monitor.current_at(now);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ClockCurrentAt);

// Readers racing a writer that publishes without pause: the worst case for seqlock retries.
void BM_SeqlockLoadUnderWrites(benchmark::State& state) {
  SeqlockCell<ClockEstimate> cell;
  std::atomic<bool> done{false};
  std::jthread writer([&] {
    ClockEstimate e;
    while (!done.load(std::memory_order_relaxed)) {
      e.offset += Nanoseconds{1};
      cell.store(e);
    }
  });
  for (auto _ : state) {
    ClockEstimate e = cell.load();
    benchmark::DoNotOptimize(e);
  }
  done = true;
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SeqlockLoadUnderWrites);

void BM_NtpTimestampRoundTrip(benchmark::State& state) {
  SysNanos t = host_now();
  for (auto _ : state) {
    const NtpTimestamp stamp = to_ntp(t);
    benchmark::DoNotOptimize(t = from_ntp(stamp, t));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NtpTimestampRoundTrip);

}  // namespace
}  // namespace horolog
