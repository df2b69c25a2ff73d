// A source of line-framed records (syslog, NTP statistics, JSON lines, ...): reads its bytes
// chunk by chunk, frames records, parses each into an Event, and keeps a partial last record
// for the next read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "agent/engine/sources/byte_input.h"
#include "agent/engine/sources/record_source.h"
#include "normalizer/time_resolver.h"
#include "parsers/framer.h"
#include "parsers/parser.h"

namespace horolog {

struct LineSourceSettings {
  std::string path;        // as shown in log.file.path ("-" for stdin)
  std::string input_name;  // horolog.input
  std::string host;        // host.name for records that name none
  std::size_t max_record_size = Framer::kDefaultMaxRecordSize;
  // Bytes per read, and so per batch: 256 KiB parses as fast as 1 MiB (the batch stays in the
  // caches) with a third of the memory per busy worker.
  std::size_t chunk_size = 256u << 10;
  // The source follows a growing file: year inference is anchored to the time of each read, and
  // a last line without its terminator waits for the rest until finish().
  bool follow = false;
};

class LineSource final : public RecordSource {
 public:
  // Reads `input` from `start`, which must be the start of a record. `prefix`: bytes already
  // taken from an input read in order (to recognise its format), which come first.
  LineSource(const FormatInfo& format, LineSourceSettings settings, std::unique_ptr<Parser> parser,
             TimeResolverSettings time, std::unique_ptr<ByteInput> input, std::uint64_t start,
             std::string prefix = {});

  Result<SourceStatus> read(EventBatch& batch) override;
  const SourcePosition& position() const noexcept override { return position_; }
  void finish() noexcept override { final_ = true; }
  const FormatInfo& format() const noexcept override { return format_; }
  std::uint64_t skipped_records() const noexcept override { return skipped_records_; }
  std::uint64_t stored_bytes_read() const noexcept override { return input_->stored_bytes_read(); }

  // Bytes read past position() and held for the next batch (a partial record).
  std::size_t carried() const noexcept { return carry_.size(); }

 private:
  // How much to read at `offset`.
  std::size_t read_size(std::uint64_t offset) const noexcept;
  void parse_records(EventBatch& batch, bool final);

  const FormatInfo& format_;
  LineSourceSettings settings_;
  std::unique_ptr<Parser> parser_;
  TimeResolver time_;
  Framer framer_;
  std::unique_ptr<ByteInput> input_;
  SourcePosition position_;  // offset of the first byte not yet consumed
  std::string carry_;        // unconsumed tail of the previous chunk
  bool final_;
  bool ended_ = false;  // the input reported its end (and finish() said it is whole)
  std::uint64_t skipped_records_ = 0;
};

}  // namespace horolog
