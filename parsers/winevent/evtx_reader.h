// EVTX (Windows XML Event Log, binary) reader over the bytes of a whole file: walks 64 KiB
// chunks, checks their CRC32s, decodes each record's Binary XML and maps it to an Event.
// Damaged chunks are skipped or flagged and counted; nothing aborts the file.
#pragma once

#include <cstddef>
#include <cstdint>

#include "parsers/record_reader.h"
#include "parsers/winevent/binxml_decoder.h"
#include "parsers/winevent/byte_cursor.h"
#include "parsers/winevent/evtx_format.h"
#include "parsers/winevent/xml_tree.h"

namespace horolog::winevent {

// What the reader met in the file; every skip is counted here.
struct EvtxCounters {
  bool file_header_ok = false;  // "ElfFile" header present
  bool file_header_checksum_ok = false;
  std::uint64_t chunks_read = 0;  // chunks whose records were read (flagged ones included)
  std::uint64_t chunks_checksum_mismatch = 0;  // read, but a CRC32 was wrong: events flagged
  std::uint64_t chunks_bad_magic = 0;          // not a chunk, with valid chunks after it: skipped
  std::uint64_t chunks_empty = 0;              // all zero, never written: skipped
  // Not a chunk and no valid chunk after it: bytes the writer allocated but never used (Windows
  // does not clear them, so they may hold anything). Skipped.
  std::uint64_t chunks_unused = 0;
  std::uint64_t chunks_truncated = 0;    // a partial chunk at the end of the file: skipped
  std::uint64_t records = 0;             // records returned
  std::uint64_t records_bad_header = 0;  // damaged record framing: skipped to the next record
  std::uint64_t records_undecoded = 0;   // Binary XML did not decode: event with parse_error
};

// One record as found in the file. `tree` stays valid until the next call to next_record();
// its element names until the reader moves to another chunk.
struct EvtxRecord {
  std::uint64_t record_id = 0;         // from the record header
  std::uint64_t written_filetime = 0;  // from the record header (100 ns since 1601, UTC)
  std::uint64_t file_offset = 0;
  bool decoded = false;            // the Binary XML decoded completely
  bool checksum_mismatch = false;  // its chunk failed a CRC32 check
  const XmlTree* tree = nullptr;
};

class EvtxReader final : public RecordReader {
 public:
  // `file` must outlive the reader. Records ending at or before `resume_position` (a value of
  // position() from an earlier reader over the same file) are passed over.
  explicit EvtxReader(Bytes file, std::uint64_t resume_position = 0) noexcept;

  // The next record, decoded to its XML shape; decoded strings go to `arena`.
  [[nodiscard]] bool next_record(EvtxRecord& out, StringArena& arena) noexcept;

  // The next record mapped to an Event (dataset "winevent.evtx"). Every view in the event
  // points into ctx.arena or to static text, never into the file bytes.
  [[nodiscard]] bool next(Event& event, ParseContext& ctx) noexcept override;
  std::uint64_t position() const noexcept override { return position_; }
  // Skipped chunks with a bad signature, a last chunk cut short, a file without a header or
  // without chunks, damaged records passed over.
  std::string unread() const override;

  const EvtxFileHeader& file_header() const noexcept { return header_; }
  const EvtxCounters& counters() const noexcept { return counters_; }

 private:
  bool enter_next_chunk() noexcept;
  bool record_header_valid(std::size_t pos) const noexcept;
  bool resync() noexcept;

  Bytes file_;
  EvtxFileHeader header_;
  EvtxCounters counters_;
  BinXmlDecoder decoder_;
  XmlTree tree_;
  std::size_t next_chunk_ = kEvtxFileHeaderSize;  // file offset of the next chunk to enter
  Bytes chunk_;                                   // the chunk being read; empty when none
  bool chunk_flagged_ = false;
  std::size_t record_pos_ = 0;   // next record, relative to the chunk
  std::size_t records_end_ = 0;  // end of the records area, relative to the chunk
  std::uint64_t chunk_first_id_ = 0;
  std::uint64_t chunk_last_id_ = 0;
  std::uint64_t pending_bad_magic_ = 0;  // bad-magic chunks not yet known to be damage
  std::uint64_t resume_position_ = 0;
  std::uint64_t position_ = 0;
};

}  // namespace horolog::winevent
