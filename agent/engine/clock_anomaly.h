// Turns host clock steps reported by the clock monitor into `clock_anomaly` events in the output
// stream, so a timeline shows where this host's own stamps jumped.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "agent/engine/batch_writer.h"
#include "normalizer/clock/clock_monitor.h"

namespace horolog {

class ClockAnomalies {
 public:
  ClockAnomalies(SinkSet& sinks, RunStats& stats, std::string host);

  // The monitor's step callback: runs on the monitor thread, only queues.
  void report(const ClockStep& step);
  // Writes the queued steps as events (on the agent's main loop).
  void flush();

 private:
  std::mutex mutex_;
  std::vector<ClockStep> queued_;
  std::string host_;
  BatchWriter writer_;
};

}  // namespace horolog
