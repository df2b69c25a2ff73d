// The one shape of every source the engine reads (files, stdin, archives, files read whole; the
// journal and network listeners fit it too): a pull interface that fills batches of events.
#pragma once

#include <cstdint>
#include <string>

#include "normalizer/error.h"
#include "normalizer/event.h"
#include "normalizer/time_change_repair.h"

namespace horolog {

struct FormatInfo;

enum class SourceStatus : std::uint8_t {
  batch,  // the source moved on: the batch holds what it read (no events when all were banners)
  idle,   // nothing more now; a followed source may grow, so read it again later
  end,    // nothing more, ever
};

// Where a source stands after the last record it handed out: what a checkpoint records, and
// what a restarted source resumes from.
struct SourcePosition {
  SourcePosition() = default;
  explicit SourcePosition(std::uint64_t at_offset) : offset(at_offset) {}

  std::uint64_t offset = 0;  // byte offset (line formats) or reader position (files read whole)
  std::string cursor;        // for sources that resume by an opaque cursor; empty otherwise

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;

  // Fills `batch` (cleared first) with the next records. The events' views point into the batch
  // (its bytes, its arena, or the buffer it keeps alive): they live until the batch is cleared,
  // whatever the source does meanwhile. An error leaves the position where it was.
  virtual Result<SourceStatus> read(EventBatch& batch) = 0;
  // After the last record handed out.
  virtual const SourcePosition& position() const noexcept = 0;
  // The source will not grow any more: a last record without its terminator is complete.
  // Sources opened to be read once are final from the start.
  virtual void finish() noexcept = 0;
  // The format the records are read as (a whole-file format when `auto` recognised one).
  virtual const FormatInfo& format() const noexcept = 0;
  // Records the parser found not to be events (column banners), dropped and counted.
  virtual std::uint64_t skipped_records() const noexcept { return 0; }
  // Bytes of records handed out so far, what the summary counts as read: the offset, except for
  // sources whose position is not a byte offset (the journal counts entries).
  virtual std::uint64_t bytes_read() const noexcept { return position().offset; }
  // Bytes of the file read so far as stored: less than bytes_read() for an archive.
  virtual std::uint64_t stored_bytes_read() const noexcept { return position().offset; }

  // The repair of this source's timeline across the clock changes its records report: state
  // that lives as long as the source, fed its records in order by the read loop.
  TimeChangeRepair& time_repair() noexcept { return time_repair_; }

 private:
  TimeChangeRepair time_repair_;
};

}  // namespace horolog
