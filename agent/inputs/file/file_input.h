// The file input (`type: file`): finds the files its globs match and follows them through
// rename rotation (the old file is drained before release), copytruncate (read again from 0),
// deletion and restarts (checkpoints), reading each through the engine's read loop with a
// bounded number of batches in flight per file. The engine polls it on a shared worker; it holds
// files open within the engine's descriptor budget and closes idle ones when it needs more.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "agent/engine/input.h"
#include "agent/inputs/file/file_input_options.h"
#include "agent/inputs/file/tracked_file.h"
#include "agent/inputs/input_config.h"
#include "parsers/format_registry.h"

namespace horolog {

// Counters of one input (summary and periodic log).
struct FileInputCounters {
  std::atomic<std::uint64_t> files_opened{0};
  std::atomic<std::uint64_t> rotations{0};
  std::atomic<std::uint64_t> truncations{0};
  std::atomic<std::uint64_t> inode_reuses{0};
  std::atomic<std::uint64_t> read_errors{0};  // files that could not be opened or read
};

class FileInput final : public Input {
 public:
  // The registry's builder: checks the format and its options.
  static Result<std::unique_ptr<FileInput>> create(const InputConfig& config,
                                                   const FileInputOptions& options,
                                                   InputEnvironment& env);
  // The format must exist and build: create() checks that.
  FileInput(InputConfig config, FileInputOptions options, InputEnvironment env);
  ~FileInput() override;

  InputState poll(BatchOutput& output, bool once, const std::atomic<bool>& stop) override;
  void set_wake(std::function<void()> wake) override { wake_ = std::move(wake); }
  std::vector<std::string> watched_directories() const override;
  std::chrono::milliseconds poll_interval() const noexcept override;
  void drain(std::chrono::milliseconds timeout) override;
  const OutputSettings& output_settings() const noexcept override { return output_settings_; }
  const std::string& name() const noexcept override { return config_.name; }
  void print_summary(std::ostream& out) const override;
  std::uint64_t read_errors() const noexcept override { return counters_.read_errors; }
  const FileInputCounters& counters() const noexcept { return counters_; }

 private:
  using Clock = std::chrono::steady_clock;
  using Key = std::pair<std::uint64_t, std::uint64_t>;  // device, inode

  // Discovery (file_discovery.cpp).
  void scan(bool first_scan);
  bool matches_exclude(const std::string& path) const;
  void report_once(const std::string& path, const std::string& problem);

  // Opening and closing (file_lifecycle.cpp). open() makes room in the descriptor budget by
  // closing an idle file when it must; false when the file cannot be opened now.
  bool open(TrackedFile& file);
  void close(TrackedFile& file);
  bool close_idle_file(const TrackedFile* besides);
  std::uint64_t start_position(TrackedFile& file, std::uint64_t size);
  // True when the file no longer starts with the bytes it was identified by.
  bool content_replaced(TrackedFile& file);
  enum class Verdict : std::uint8_t { keep, reopen, release };
  // Notices truncation, rename and deletion of a file, and growth of a closed one.
  Verdict check_file(TrackedFile& file, const std::atomic<bool>& stop, BatchOutput& output);
  // Forgets a file once nothing of it is in flight; false while batches are still pending.
  bool release(TrackedFile& file);

  // Reading (file_input.cpp).
  InputState poll_once(BatchOutput& output, const std::atomic<bool>& stop);
  // Opens the delivery of the batch ending at `end` (pump() saw room in the file's window).
  // Returns the completion that settles it; nullopt when stopping or when the
  // content turned out to be replaced (the batch is then dropped and the file read again).
  std::optional<SinkSet::Completion> begin_delivery(TrackedFile& file, const SourcePosition& end,
                                                    const std::atomic<bool>& stop);
  // Reads what is there now, up to `budget` batches or until the file's window is full (it is
  // then `paused`); true when anything was read.
  bool pump(TrackedFile& file, BatchOutput& output, const std::atomic<bool>& stop,
            std::size_t& budget);

  InputConfig config_;
  FileInputOptions options_;
  InputEnvironment env_;
  const FormatInfo* format_;
  OutputSettings output_settings_;
  FileInputCounters counters_;
  std::vector<std::unique_ptr<TrackedFile>> files_;
  std::map<Key, TrackedFile*> by_identity_;
  std::set<std::string> reported_;  // paths that could not be read, logged once each
  std::set<std::string> missing_;   // named paths found missing, logged once each
  bool scanned_ = false;
  Clock::time_point last_check_{};
  std::size_t next_once_ = 0;     // --once: the file being read
  std::uint64_t open_files_ = 0;  // files with a descriptor now
  std::function<void()> wake_;    // asks the engine for a poll (a paused file has room again)
};

}  // namespace horolog
