// Splits read chunks into line records without copying: LF or CRLF terminated, a partial last
// record left for the next chunk, records longer than the maximum cut and flagged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace horolog {

// One record found in a chunk. `text` views into the chunk (without its terminator).
struct FramedRecord {
  std::string_view text;
  std::size_t offset = 0;  // where the record starts, relative to the chunk
  bool truncated = false;  // the line was longer than the maximum; its tail was skipped
};

// Pull-style splitter. Call next() until it returns false; `pos` then says how many bytes of
// the chunk are consumed. The caller keeps the unconsumed tail (always shorter than the
// maximum record size) and presents it again, followed by more bytes, as the next chunk.
// Blank lines carry nothing and are not records; they are counted so nothing vanishes unseen.
class Framer {
 public:
  static constexpr std::size_t kDefaultMaxRecordSize = 1u << 20;

  explicit Framer(std::size_t max_record_size = kDefaultMaxRecordSize) noexcept;

  // Finds the next record at or after `pos`. With `end_of_input`, a last line without a
  // terminator is a record too (the source will not grow any more).
  [[nodiscard]] bool next(std::string_view chunk, std::size_t& pos, FramedRecord& out,
                          bool end_of_input = false) noexcept;

  // Forgets a tail being skipped (the source was rotated or reopened).
  void reset() noexcept { skipping_ = false; }

  std::size_t max_record_size() const noexcept { return max_record_size_; }
  std::uint64_t blank_lines() const noexcept { return blank_lines_; }
  std::uint64_t truncated_records() const noexcept { return truncated_records_; }

 private:
  std::size_t max_record_size_;
  bool skipping_ = false;  // inside the tail of a cut record, until its newline
  std::uint64_t blank_lines_ = 0;
  std::uint64_t truncated_records_ = 0;
};

}  // namespace horolog
