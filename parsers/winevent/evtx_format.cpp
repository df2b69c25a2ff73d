// Header layouts from libevtx's format notes: file header CRC32 over its first 120 bytes; chunk
// header CRC32 over bytes 0-119 and 128-511; records CRC32 over 512..free-space offset.
#include "parsers/winevent/evtx_format.h"

#include <algorithm>
#include <cstring>

#include "parsers/winevent/crc32.h"

namespace horolog::winevent {

bool read_evtx_file_header(Bytes file, EvtxFileHeader& out) noexcept {
  if (file.size() < 128 || std::memcmp(file.data(), "ElfFile\0", 8) != 0) return false;
  ByteCursor c(file, 8);
  out.first_chunk = c.u64();
  out.last_chunk = c.u64();
  out.next_record_id = c.u64();
  c.skip(4);  // header size (128)
  out.minor_version = c.u16();
  out.major_version = c.u16();
  c.skip(2);  // header block size (4096)
  out.chunk_count = c.u16();
  out.flags = load_u32(&file[120]);
  out.checksum_ok = crc32(file.first(120)) == load_u32(&file[124]);
  return true;
}

ChunkState read_evtx_chunk_header(Bytes chunk, EvtxChunkHeader& out) noexcept {
  out = EvtxChunkHeader{};
  if (chunk.size() < kEvtxChunkSize) return ChunkState::bad_magic;
  if (std::memcmp(chunk.data(), "ElfChnk\0", 8) != 0) {
    const bool zero =
        std::all_of(chunk.begin(), chunk.end(), [](std::uint8_t b) { return b == 0; });
    return zero ? ChunkState::empty : ChunkState::bad_magic;
  }
  out.first_record_id = load_u64(&chunk[24]);
  out.last_record_id = load_u64(&chunk[32]);
  out.free_space_offset = load_u32(&chunk[48]);
  const std::uint32_t records_crc = load_u32(&chunk[52]);
  const std::uint32_t header_crc = load_u32(&chunk[124]);
  out.header_checksum_ok =
      crc32(chunk.subspan(128, kEvtxChunkHeaderSize - 128), crc32(chunk.first(120))) == header_crc;
  const std::size_t records_end =
      std::clamp<std::size_t>(out.free_space_offset, kEvtxChunkHeaderSize, kEvtxChunkSize);
  out.records_checksum_ok =
      crc32(chunk.subspan(kEvtxChunkHeaderSize, records_end - kEvtxChunkHeaderSize)) == records_crc;
  return out.header_checksum_ok && out.records_checksum_ok ? ChunkState::ok
                                                           : ChunkState::checksum_mismatch;
}

}  // namespace horolog::winevent
