// The stdout sink: NDJSON to standard output, for pipes (`horolog parse`, `run` into jq).
#pragma once

#include <atomic>
#include <memory>

#include "normalizer/error.h"
#include "sinks/sink.h"

namespace horolog {

// `type: stdout` has no options of its own.
struct StdoutSinkOptions {
  template <class V>
  void describe(V&) {}
};

class StdoutSink final : public Sink {
 public:
  static Result<std::unique_ptr<StdoutSink>> create(const SinkConfig& config,
                                                    const StdoutSinkOptions& options,
                                                    const SinkEnvironment& env);
  // `env.output_closed` (may be null) is set when the reader of the pipe went away (EPIPE).
  explicit StdoutSink(const SinkEnvironment& env, int fd = 1);

  void write(const EncodedBatch& batch) override;
  void flush() override {}
  bool writes_to_stdout() const noexcept override { return fd_ == 1; }
  const SinkCounters& counters() const noexcept override { return counters_; }

 private:
  AckCallback ack_;
  std::atomic<bool>* closed_;
  int fd_;
  SinkCounters counters_;
};

}  // namespace horolog
