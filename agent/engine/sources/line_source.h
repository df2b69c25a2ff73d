// Reads one line-oriented source (a file or stdin) chunk by chunk into event batches: frames
// records, parses each into an Event, and records the position after the last whole record.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "normalizer/event.h"
#include "normalizer/time_resolver.h"
#include "parsers/framer.h"
#include "parsers/parser.h"

namespace horolog {

struct LineSourceSettings {
  std::string path;        // as shown in log.file.path ("-" for stdin)
  std::string input_name;  // horolog.input
  std::string dataset;     // event.dataset when the parser sets none
  std::string host;        // host.name for records that name none
  std::size_t max_record_size = Framer::kDefaultMaxRecordSize;
  std::size_t chunk_size = 1u << 20;
};

class LineSource {
 public:
  // Reads `fd` (not owned) from `start_position`, which must be the start of a record.
  LineSource(LineSourceSettings settings, std::unique_ptr<Parser> parser, TimeResolverSettings time,
             int fd, std::uint64_t start_position);

  enum class Read : std::uint8_t { data, end_of_data, error };
  // Fills `batch` (cleared first) with the records of the next chunk. At end of data with
  // `final` set, a last line without a terminator is a record too (the source will not grow).
  Read read_batch(EventBatch& batch, bool final);

  std::uint64_t position() const noexcept { return position_; }  // after the last whole record
  const Framer& framer() const noexcept { return framer_; }
  TimeResolver& time() noexcept { return time_; }
  int last_errno() const noexcept { return last_errno_; }
  // Records the parser said are not events (column banners), dropped and counted.
  std::uint64_t skipped_records() const noexcept { return skipped_records_; }
  // Bytes read past position() and held for the next batch (a partial record).
  std::size_t carried() const noexcept { return carry_.size(); }

 private:
  void parse_records(EventBatch& batch, bool final);

  LineSourceSettings settings_;
  std::unique_ptr<Parser> parser_;
  TimeResolver time_;
  Framer framer_;
  int fd_;
  std::uint64_t position_;  // source offset of the first byte not yet consumed
  std::string carry_;       // unconsumed tail of the previous chunk
  int last_errno_ = 0;
  std::uint64_t skipped_records_ = 0;
};

}  // namespace horolog
