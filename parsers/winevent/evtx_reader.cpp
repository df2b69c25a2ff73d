// Chunk walking is driven by the file size, not by the header's chunk count: a dirty file
// (header not yet updated) still has its newest chunks read.
#include "parsers/winevent/evtx_reader.h"

#include <algorithm>

#include "normalizer/windows_time.h"
#include "parsers/winevent/windows_clock_rules.h"
#include "parsers/winevent/windows_time_text.h"
#include "parsers/winevent/winlog_mapper.h"

namespace horolog::winevent {
namespace {

constexpr std::uint32_t kRecordMagic = 0x00002A2A;  // "**\0\0"

}  // namespace

EvtxReader::EvtxReader(Bytes file, std::uint64_t resume_position) noexcept
    : file_(file), resume_position_(resume_position) {
  counters_.file_header_ok = read_evtx_file_header(file_, header_);
  counters_.file_header_checksum_ok = counters_.file_header_ok && header_.checksum_ok;
  position_ = std::min<std::uint64_t>(resume_position, file_.size());
}

bool EvtxReader::enter_next_chunk() noexcept {
  while (next_chunk_ < file_.size()) {
    const std::size_t offset = next_chunk_;
    if (file_.size() - offset < kEvtxChunkSize) {
      ++counters_.chunks_truncated;
      next_chunk_ = file_.size();
      break;
    }
    next_chunk_ += kEvtxChunkSize;
    if (offset + kEvtxChunkSize <= resume_position_) continue;
    const Bytes chunk = file_.subspan(offset, kEvtxChunkSize);
    EvtxChunkHeader header;
    const ChunkState state = read_evtx_chunk_header(chunk, header);
    if (state == ChunkState::bad_magic) {
      ++pending_bad_magic_;  // damage if a chunk follows, left-over bytes if none does
      continue;
    }
    if (state == ChunkState::empty) {
      ++counters_.chunks_empty;
      const std::uint64_t chunk_index = (offset - kEvtxFileHeaderSize) / kEvtxChunkSize;
      if (counters_.file_header_ok && chunk_index >= header_.chunk_count) {
        // Past the chunks the header knows, an empty chunk begins space the writer allocated
        // and never used: the rest is counted, not read (a sparse file of a gigabyte would
        // otherwise be paged in whole).
        const std::size_t rest = file_.size() - next_chunk_;
        counters_.chunks_unused += rest / kEvtxChunkSize;
        counters_.chunks_truncated += rest % kEvtxChunkSize != 0 ? 1 : 0;
        next_chunk_ = file_.size();
        break;
      }
      continue;
    }
    const bool checksums_kept = !(counters_.file_header_ok && (header_.flags & kEvtxNoChecksums));
    chunk_flagged_ = state == ChunkState::checksum_mismatch && checksums_kept;
    if (chunk_flagged_) ++counters_.chunks_checksum_mismatch;
    ++counters_.chunks_read;
    counters_.chunks_bad_magic += pending_bad_magic_;
    pending_bad_magic_ = 0;
    chunk_ = chunk;
    chunk_first_id_ = header.first_record_id;
    chunk_last_id_ = header.last_record_id;
    record_pos_ = kEvtxChunkHeaderSize;
    records_end_ = header.free_space_offset >= kEvtxChunkHeaderSize &&
                           header.free_space_offset <= kEvtxChunkSize
                       ? header.free_space_offset
                       : kEvtxChunkSize;
    decoder_.begin_chunk(chunk_);
    return true;
  }
  counters_.chunks_unused += pending_bad_magic_;
  pending_bad_magic_ = 0;
  return false;
}

std::string EvtxReader::unread() const {
  std::string text;
  const auto add = [&](const std::string& part) { text += (text.empty() ? "" : "; ") + part; };
  const EvtxCounters& c = counters_;
  if (!c.file_header_ok) add("no EVTX file header");
  if (c.file_header_ok && c.chunks_read + c.chunks_bad_magic + c.chunks_truncated == 0 &&
      file_.size() <= kEvtxFileHeaderSize) {
    add("the file ends after its header: no chunk to read (the header names " +
        std::to_string(header_.chunk_count) + ")");
  }
  if (c.chunks_bad_magic > 0) {
    add(std::to_string(c.chunks_bad_magic) + " chunk(s) with a bad signature skipped");
  }
  if (c.chunks_truncated > 0) {
    add("the last chunk is cut short (" +
        std::to_string((file_.size() - kEvtxFileHeaderSize) % kEvtxChunkSize) + " of " +
        std::to_string(kEvtxChunkSize) + " bytes): its records are not read");
  }
  if (c.records_bad_header > 0) {
    add(std::to_string(c.records_bad_header) + " damaged record(s) passed over");
  }
  return text;
}

bool EvtxReader::record_header_valid(std::size_t pos) const noexcept {
  if (pos + kEvtxRecordHeaderSize + 4 > records_end_) return false;
  const std::uint8_t* header = &chunk_[pos];
  const std::uint32_t size = load_u32(header + 4);
  return load_u32(header) == kRecordMagic && size >= kEvtxRecordHeaderSize + 4 &&
         size <= records_end_ - pos && load_u32(header + size - 4) == size;
}

bool EvtxReader::resync() noexcept {
  // A damaged record (zero size, overwritten tail) is passed over: the next record starts at an
  // 8-byte boundary, repeats its size at its end and has an id inside the chunk's id range.
  for (std::size_t pos = (record_pos_ + 8) & ~std::size_t{7}; pos < records_end_; pos += 8) {
    if (!record_header_valid(pos)) continue;
    const std::uint64_t id = load_u64(&chunk_[pos + 8]);
    if (id >= chunk_first_id_ && id <= chunk_last_id_) {
      record_pos_ = pos;
      return true;
    }
  }
  return false;
}

bool EvtxReader::next_record(EvtxRecord& out, StringArena& arena) noexcept {
  for (;;) {
    if (chunk_.empty() && !enter_next_chunk()) return false;
    if (record_pos_ + kEvtxRecordHeaderSize + 4 > records_end_ ||
        load_u32(&chunk_[record_pos_]) == 0) {
      chunk_ = {};  // end of the records area (the rest of a chunk is zero)
      continue;
    }
    if (!record_header_valid(record_pos_)) {
      ++counters_.records_bad_header;
      if (!resync()) chunk_ = {};
      continue;
    }
    const std::uint8_t* header = &chunk_[record_pos_];
    const std::uint32_t size = load_u32(header + 4);
    const std::size_t begin = record_pos_;
    record_pos_ += size;
    const std::uint64_t file_offset =
        static_cast<std::uint64_t>(chunk_.data() - file_.data()) + begin;
    if (file_offset + size <= resume_position_) continue;

    out.record_id = load_u64(header + 8);
    out.written_filetime = load_u64(header + 16);
    out.file_offset = file_offset;
    out.checksum_mismatch = chunk_flagged_;
    out.decoded = decoder_.decode(begin + kEvtxRecordHeaderSize, begin + size - 4, tree_, arena);
    out.tree = &tree_;
    if (!out.decoded) ++counters_.records_undecoded;
    ++counters_.records;
    position_ = file_offset + size;
    return true;
  }
}

bool EvtxReader::next(Event& event, ParseContext& ctx) noexcept {
  EvtxRecord record;
  if (!next_record(record, ctx.arena)) return false;
  event.dataset = "winevent.evtx";
  event.offset = record.file_offset;
  WinlogSeen seen;
  const ParseStatus status = map_winlog_event(tree_, ctx, event, seen);
  if (!record.decoded || status == ParseStatus::error) {
    mark_unparsed("EVTX record: Binary XML did not decode", "binxml_decode_failed", event);
  }
  if (!seen.record_id) event.add("winlog.record_id", FieldValue::uint64(record.record_id));
  if (!seen.timestamp) {
    // The record header's write time is the best remaining stamp for this record.
    char text[kWindowsTimeMaxLength];
    event.time_original = ctx.arena.copy({text, format_filetime(record.written_filetime, text)});
    if (UtcTime utc; filetime_to_utc(record.written_filetime, utc)) {
      ctx.time.resolve_utc(utc, event);
    } else {
      ctx.time.resolve_missing(event);
    }
  }
  if (event.host.empty()) event.host = ctx.host;
  if (record.checksum_mismatch)
    event.add("horolog.evtx.checksum_mismatch", FieldValue::boolean(true));
  apply_windows_clock_rules(event, ctx.arena);
  return true;
}

}  // namespace horolog::winevent
