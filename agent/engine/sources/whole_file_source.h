// Reads a source whose records are not lines (EVTX, Windows XML/JSON/CSV exports) as one whole
// buffer through its record reader, in batches, resuming at a reader position.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "normalizer/event.h"
#include "normalizer/time_resolver.h"
#include "parsers/winevent/date_order.h"

namespace horolog {

struct WholeFileSettings {
  std::string path;        // log.file.path
  std::string input_name;  // horolog.input
  std::string format;      // the record reader's format name
  std::string host;        // host.name for records that name none
  std::size_t batch_events = 1024;
  winevent::DateOrder date_order = winevent::DateOrder::auto_detect;  // winevent-csv
};

// For format `auto`: the whole-file format the file's first bytes show (read with pread, the
// file offset is left alone), or empty when it is a line format or cannot be read.
std::string_view sniff_whole_file_format(int fd);

class WholeFileSource {
 public:
  WholeFileSource(WholeFileSettings settings, TimeResolverSettings time, std::uint64_t position);

  // Called per batch with the reader position after its last record. The batch's views point
  // into the mapped file, valid only during the call.
  using Emit = std::function<void(const EventBatch& batch, std::uint64_t end_position)>;

  // Maps the file and reads every record after position(); returns false (errno kept) when the
  // file cannot be read. Reading again later picks up records appended since.
  bool read(int fd, const Emit& emit);

  std::uint64_t position() const noexcept { return position_; }
  int last_errno() const noexcept { return last_errno_; }

 private:
  WholeFileSettings settings_;
  TimeResolver time_;
  std::uint64_t position_;
  EventBatch batch_;
  int last_errno_ = 0;
};

}  // namespace horolog
