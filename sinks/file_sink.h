// The file sink: NDJSON lines routed by a path template, size-based rotation, optional gzip/zstd.
// A batch is acknowledged only after it is written and flushed per the policy, and recorded in
// the sink's state (output_state.h) so that a restart repairs only what the sink itself wrote.
// Write failures an operator can fix (full disk, permissions) are retried with backoff while the
// pipeline waits; outputs that fail for good (output_error.h) follow on_permanent_error. Held
// lines are kept unacknowledged and written again at reopen() (SIGHUP, once the cause is fixed).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "sinks/dead_letter_file.h"
#include "sinks/file_sink_options.h"
#include "sinks/output_codec.h"
#include "sinks/output_file.h"
#include "sinks/output_lru.h"
#include "sinks/output_state.h"
#include "sinks/path_template.h"
#include "sinks/sink.h"

namespace horolog {

class FileSink final : public Sink {
 public:
  // invalid_config for a path template it cannot render. `env.stopping` ends retries at
  // shutdown: unwritten batches are then acked `retry`.
  static Result<std::unique_ptr<FileSink>> create(const SinkConfig& config,
                                                  const FileSinkOptions& options,
                                                  const SinkEnvironment& env);
  ~FileSink() override;

  void write(const EncodedBatch& batch) override;
  void flush() override;
  void reopen() override;
  const SinkCounters& counters() const noexcept override { return counters_; }
  std::vector<std::string> outputs() const override { return paths_written_; }

 private:
  FileSink(std::string name, FileSinkOptions options, PathTemplate path, const SinkEnvironment& env,
           std::string state_path, std::string dead_letter);

  void render_path(const Event& event, std::string_view format, std::string& out) const;
  OutputFile& file_for(const std::string& path);
  bool rotation_due(const OutputFile& file) const noexcept;
  // Opens `file` through the LRU, rotating it first when it has reached max_size.
  int open_output(OutputFile& file);
  void rotate(OutputFile& file);
  bool commit_touched();  // false when stopped while still failing
  // One attempt at every touched output: 0, or the errno of a failure worth retrying (`failed`
  // names the output).
  int try_commit(std::string& failed);
  // Records every touched file in the state: where its acknowledged data ends, or, once the
  // batch is written (`acknowledged`), where the batch ends. 0 or an errno.
  int save_state(bool acknowledged);
  // Routes the pending lines of an output that failed for good per on_permanent_error.
  void fail_for_good(OutputFile& file, int err);
  void ack_pending(bool committed);
  // Appends the held lines to their outputs again, as a batch of their tickets.
  void rewrite_held();
  // At shutdown: held batches are acknowledged `rejected` (read again after the restart).
  void give_up_held();
  void remind_held();

  std::string name_;
  FileSinkOptions options_;
  PathTemplate template_;
  AckCallback ack_;
  const std::atomic<bool>* stopping_;
  bool one_shot_;  // held batches are rejected at once: nobody will send SIGHUP
  SinkCounters counters_;
  std::unique_ptr<OutputCodec> codec_;  // null without compression
  std::string compressed_;              // the codec's output
  DeadLetterFile dead_letter_;
  OutputState state_;
  std::uint64_t generation_ = 1;  // of the last state save; the first (in create) holds nothing
  OutputLru lru_;
  std::vector<OutputFile*> touched_;    // files with an uncommitted batch
  std::vector<std::uint64_t> unacked_;  // tickets written but not yet committed
  std::vector<std::uint64_t> held_;     // of those, the ones not to acknowledge (hold)
  // Lines of outputs that failed for good, held (not acknowledged) until reopen() writes them.
  // Bounded: a held batch pauses the reading of its file once that file's window is full.
  struct HeldLines {
    std::string path;
    std::string lines;
    std::vector<std::uint64_t> tickets;
  };
  std::vector<HeldLines> held_lines_;
  std::chrono::steady_clock::time_point last_reminder_{};
  std::unordered_set<std::string> reported_;  // outputs whose permanent failure was logged
  std::vector<std::string> paths_written_;
  std::string path_scratch_;
  std::string next_path_;  // the following event's path, while a run of same-file lines grows
  std::chrono::steady_clock::time_point last_commit_;
};

}  // namespace horolog
