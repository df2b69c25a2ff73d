// Writes whole batches with write(2); a closed pipe is not an error worth a message.
#include "sinks/stdout_sink.h"

#include <unistd.h>

#include <cerrno>

namespace horolog {

Result<std::unique_ptr<StdoutSink>> StdoutSink::create(const SinkConfig&, const StdoutSinkOptions&,
                                                       const SinkEnvironment& env) {
  return std::make_unique<StdoutSink>(env);
}

StdoutSink::StdoutSink(const SinkEnvironment& env, int fd)
    : ack_(env.ack), closed_(env.output_closed), fd_(fd) {}

void StdoutSink::write(const EncodedBatch& batch) {
  std::string_view rest = batch.ndjson;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      ++counters_.errors;
      if (closed_ != nullptr) closed_->store(true);
      if (ack_) ack_(batch.ticket, Delivery::rejected);
      return;
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  counters_.events += batch.events->size;
  counters_.bytes += batch.ndjson.size();
  ++counters_.batches_delivered;
  if (ack_) ack_(batch.ticket, Delivery::delivered);
}

}  // namespace horolog
