// Encode outside the sinks' lock so several inputs encode in parallel.
#include "agent/engine/batch_writer.h"

namespace horolog {

void BatchWriter::encode(const EventBatch& batch, std::uint64_t bytes, std::size_t count) {
  stats_.count_batch(format_, batch, bytes);
  if (monitor_ != nullptr) {
    estimate_ = monitor_->current_at(
        std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now()));
    context_.clock = &estimate_;
  }
  encoder_.encode_batch(batch, count, context_, encoded_, storage_);
  encoded_.format = format_;
}

void BatchWriter::configure(const OutputSettings& settings) {
  format_ = settings.format;
  if (!(settings.fields == fields_)) {
    fields_ = settings.fields;
    encoder_ = NdjsonEncoder(fields_);  // its layout caches are for the old selection
  }
}

std::uint64_t BatchWriter::deliver(SinkSet::Completion done) {
  encoder_.append_rest(*encoded_.events, context_, encoded_, storage_);
  return sinks_.write(encoded_, std::move(done));
}

}  // namespace horolog
