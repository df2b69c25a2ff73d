// The file input (`type: file`): finds the files its globs match and follows them through
// rename rotation (the old file is drained before release), copytruncate (read again from 0),
// deletion and restarts (checkpoints), handing parsed batches to the sinks with a bounded
// number in flight per file.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "agent/config/agent_config.h"
#include "agent/engine/batch_writer.h"
#include "agent/engine/checkpoint_store.h"
#include "agent/engine/delivery_window.h"
#include "agent/engine/write_stage.h"
#include "agent/engine/sources/line_source.h"
#include "normalizer/zone.h"
#include "parsers/format_registry.h"

namespace horolog {

// What an input needs from the agent besides its own config.
struct InputEnvironment {
  Zone zone;                               // the input's zone (its own or the agent's)
  std::string host;                        // host.name for records that name none
  CheckpointStore* checkpoints = nullptr;  // null: positions are not remembered
  std::size_t max_batches_in_flight = 4;   // per file
  const ClockMonitor* clock = nullptr;     // null: no host.clock on events
};

// Counters of one input (summary and periodic log).
struct FileInputCounters {
  std::atomic<std::uint64_t> files_opened{0};
  std::atomic<std::uint64_t> rotations{0};
  std::atomic<std::uint64_t> truncations{0};
  std::atomic<std::uint64_t> inode_reuses{0};
  std::atomic<std::uint64_t> read_errors{0};
};

class FileInput {
 public:
  // Throws std::invalid_argument for a format that cannot be built (start-up time).
  FileInput(const InputConfig& config, const FileInputOptions& options, InputEnvironment env,
            SinkSet& sinks, RunStats& stats);
  ~FileInput();

  // once: reads every file to its end and returns. Otherwise follows the files until `stop`.
  // Either way it returns only when every batch it sent is acknowledged (or `stop` forces it).
  void run(bool once, const std::atomic<bool>& stop);

  const std::string& name() const noexcept { return config_.name; }
  const FileInputCounters& counters() const noexcept { return counters_; }

 private:
  struct TrackedFile;

  void scan(bool first_scan);
  bool matches_exclude(const std::string& path) const;
  std::unique_ptr<TrackedFile> open_file(const std::string& path, bool first_scan);
  // True when the file no longer starts with the bytes it was identified by.
  bool content_replaced(TrackedFile& file);
  // Opens the delivery of the batch ending at `end_position`, waiting while the file's window of
  // batches in flight is full. Returns the completion that settles it; empty when stopping.
  SinkSet::Completion begin_delivery(TrackedFile& file, std::uint64_t end_position,
                                     const std::atomic<bool>& stop);
  bool pump_whole(TrackedFile& file, const std::atomic<bool>& stop);
  bool pump_lines(TrackedFile& file, bool final, const std::atomic<bool>& stop);
  // Reads what is there now; returns true when anything was read. Everything read has been
  // handed to the sinks when it returns.
  bool pump(TrackedFile& file, bool final, const std::atomic<bool>& stop);
  enum class Verdict : std::uint8_t { keep, reopen, release };
  // Notices truncation, rename and deletion.
  Verdict check_file(TrackedFile& file, const std::atomic<bool>& stop);
  // Forgets a file once nothing of it is in flight; false while batches are still pending.
  bool release(TrackedFile& file);

  InputConfig config_;
  FileInputOptions options_;
  InputEnvironment env_;
  const FormatInfo* format_;
  BatchWriter writer_;
  RunStats& stats_;
  FileInputCounters counters_;
  std::vector<std::unique_ptr<TrackedFile>> files_;
  WriteStage stage_;  // after files_: its thread stops before the sources go
};

}  // namespace horolog
