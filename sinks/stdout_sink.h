// The stdout sink: NDJSON to standard output, for pipes (`horolog parse`, `run` into jq).
#pragma once

#include <atomic>

#include "sinks/sink.h"

namespace horolog {

class StdoutSink final : public Sink {
 public:
  // `closed` (may be null) is set when the reader of the pipe went away (EPIPE).
  explicit StdoutSink(AckCallback ack, std::atomic<bool>* closed = nullptr, int fd = 1);

  void write(const EncodedBatch& batch) override;
  void flush() override {}
  const SinkCounters& counters() const noexcept override { return counters_; }

 private:
  AckCallback ack_;
  std::atomic<bool>* closed_;
  int fd_;
  SinkCounters counters_;
};

}  // namespace horolog
