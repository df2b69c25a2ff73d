// The fixed structures of an EVTX file: the file header and the 64 KiB chunk header, with
// their checksums. Pure functions over bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "parsers/winevent/byte_cursor.h"

namespace horolog::winevent {

inline constexpr std::size_t kEvtxFileHeaderSize = 4096;
inline constexpr std::size_t kEvtxChunkSize = 65536;
inline constexpr std::size_t kEvtxChunkHeaderSize = 512;
inline constexpr std::size_t kEvtxRecordHeaderSize = 24;  // magic, size, record id, FILETIME

struct EvtxFileHeader {
  std::uint64_t first_chunk = 0;
  std::uint64_t last_chunk = 0;
  std::uint64_t next_record_id = 0;
  std::uint16_t major_version = 0;
  std::uint16_t minor_version = 0;
  std::uint16_t chunk_count = 0;  // chunks the header knows of; a dirty file may have more
  std::uint32_t flags = 0;        // 1 dirty (not closed cleanly), 2 full, kEvtxNoChecksums
  bool checksum_ok = false;
};
// File header flag of writers that keep no CRC32s: chunk checksums are then not checked.
inline constexpr std::uint32_t kEvtxNoChecksums = 4;

// False when `file` does not start with an EVTX file header ("ElfFile\0").
[[nodiscard]] bool read_evtx_file_header(Bytes file, EvtxFileHeader& out) noexcept;

enum class ChunkState : std::uint8_t {
  ok,
  checksum_mismatch,  // magic right, header or records CRC32 wrong: still read, events flagged
  bad_magic,          // not a chunk: skipped
  empty,              // all zero: space the writer has not used yet
};

struct EvtxChunkHeader {
  std::uint64_t first_record_id = 0;
  std::uint64_t last_record_id = 0;
  std::uint32_t free_space_offset = 0;  // end of the records area
  bool header_checksum_ok = false;
  bool records_checksum_ok = false;
};

// `chunk` is exactly kEvtxChunkSize bytes.
ChunkState read_evtx_chunk_header(Bytes chunk, EvtxChunkHeader& out) noexcept;

}  // namespace horolog::winevent
