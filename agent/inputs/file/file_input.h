// The file input (`type: file`): finds the files its globs match and follows them through
// rename rotation (the old file is drained before release), copytruncate (read again from 0),
// deletion and restarts (checkpoints), reading each through the engine's read loop with a
// bounded number of batches in flight per file.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent/engine/batch_output.h"
#include "agent/engine/delivery_window.h"
#include "agent/engine/sources/record_source.h"
#include "agent/inputs/file/file_input_options.h"
#include "agent/inputs/input.h"
#include "parsers/format_registry.h"

namespace horolog {

// Counters of one input (summary and periodic log).
struct FileInputCounters {
  std::atomic<std::uint64_t> files_opened{0};
  std::atomic<std::uint64_t> rotations{0};
  std::atomic<std::uint64_t> truncations{0};
  std::atomic<std::uint64_t> inode_reuses{0};
  std::atomic<std::uint64_t> read_errors{0};
};

class FileInput final : public Input {
 public:
  // The registry's builder: checks the format and its options, and writes through a WriteStage
  // (a second thread) to the environment's sinks.
  static Result<std::unique_ptr<FileInput>> create(const InputConfig& config,
                                                   const FileInputOptions& options,
                                                   InputEnvironment& env);
  // Everything lent explicitly, `output` included (a test can write synchronously). The format
  // must exist and build: create() checks that.
  FileInput(InputConfig config, FileInputOptions options, InputEnvironment env,
            std::unique_ptr<BatchOutput> output);
  ~FileInput() override;

  void run(bool once, const std::atomic<bool>& stop) override;
  const std::string& name() const noexcept override { return config_.name; }
  void print_summary(std::ostream& out) const override;
  const FileInputCounters& counters() const noexcept { return counters_; }

 private:
  struct TrackedFile;

  void scan(bool first_scan);
  bool matches_exclude(const std::string& path) const;
  std::unique_ptr<TrackedFile> open_file(const std::string& path, bool first_scan);
  // True when the file no longer starts with the bytes it was identified by.
  bool content_replaced(TrackedFile& file);
  // Opens the delivery of the batch ending at `end`, waiting while the file's window of batches
  // in flight is full. Returns the completion that settles it; nullopt when stopping.
  std::optional<SinkSet::Completion> begin_delivery(TrackedFile& file, const SourcePosition& end,
                                                    const std::atomic<bool>& stop);
  // Reads what is there now through the read loop; returns true when anything was read.
  // Everything read has been handed to the sinks when it returns.
  bool pump(TrackedFile& file, const std::atomic<bool>& stop);
  enum class Verdict : std::uint8_t { keep, reopen, release };
  // Notices truncation, rename and deletion.
  Verdict check_file(TrackedFile& file, const std::atomic<bool>& stop);
  // Forgets a file once nothing of it is in flight; false while batches are still pending.
  bool release(TrackedFile& file);

  InputConfig config_;
  FileInputOptions options_;
  InputEnvironment env_;
  const FormatInfo* format_;
  FileInputCounters counters_;
  std::vector<std::unique_ptr<TrackedFile>> files_;
  // After files_: destroyed first, so a batch still being written never outlives its source.
  std::unique_ptr<BatchOutput> output_;
};

}  // namespace horolog
