// The file sink: NDJSON lines routed by a path template, size-based rotation, optional gzip/zstd.
// A batch is acknowledged only after it is written and flushed per the policy; write failures
// (full disk, unwritable path) are retried with backoff while the pipeline waits.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sinks/file_sink_options.h"
#include "sinks/output_codec.h"
#include "sinks/output_file.h"
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
  FileSink(FileSinkOptions options, PathTemplate path, const SinkEnvironment& env);
  ~FileSink() override;

  void write(const EncodedBatch& batch) override;
  void flush() override;
  void reopen() override;
  const SinkCounters& counters() const noexcept override { return counters_; }
  std::vector<std::string> outputs() const override { return paths_written_; }

 private:
  OutputFile& file_for(const std::string& path);
  void rotate(OutputFile& file);
  bool commit_touched();  // false when stopped while still failing
  void ack_pending(Delivery delivery);

  FileSinkOptions options_;
  PathTemplate template_;
  AckCallback ack_;
  const std::atomic<bool>* stopping_;
  SinkCounters counters_;
  std::unique_ptr<OutputCodec> codec_;  // null without compression
  std::string compressed_;              // the codec's output
  std::unordered_map<std::string, std::unique_ptr<OutputFile>> files_;
  std::vector<OutputFile*> touched_;    // files with an uncommitted batch
  std::vector<std::uint64_t> unacked_;  // tickets written but not yet committed
  std::vector<std::string> paths_written_;
  std::string path_scratch_;
  std::string next_path_;  // the following event's path, while a run of same-file lines grows
  std::chrono::steady_clock::time_point last_commit_;
};

}  // namespace horolog
