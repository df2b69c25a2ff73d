// The EVTX reader on hostile input: every prefix length of a real file (a file still being
// written), random bytes, and seeded random mutations of a real file. Each run checks the
// reader's contract (it ends, moves forward inside the input, accounts for every chunk, yields
// events that encode to valid JSON and resume exactly); under ASan/UBSan any out-of-bounds read
// fails too. Seeded by HOROLOG_TEST_SEED (tests/support/test_seed.h).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "parsers/winevent/evtx_reader.h"
#include "sinks/ndjson_encoder.h"
#include "tests/sinks_encoder/json_line_check.h"
#include "tests/support/test_paths.h"
#include "tests/support/test_seed.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

Bytes bytes_of(const std::string& data) {
  return {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()};
}

std::size_t count_events(const std::string& data) {
  EvtxReader reader(bytes_of(data));
  StringArena arena;
  return test::read_all(reader, arena).size();
}

const std::string& sample() {
  static const std::string data =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  return data;
}

void put_u32(std::string& data, std::size_t at, std::uint32_t value) {
  std::memcpy(&data[at], &value, sizeof value);
}
void put_u64(std::string& data, std::size_t at, std::uint64_t value) {
  std::memcpy(&data[at], &value, sizeof value);
}
std::uint32_t get_u32(const std::string& data, std::size_t at) {
  std::uint32_t value;
  std::memcpy(&value, &data[at], sizeof value);
  return value;
}

// Chunk slots after the file header: whole chunks plus a partial one at the end.
std::size_t chunk_slots(std::size_t size) {
  return size <= kEvtxFileHeaderSize
             ? 0
             : (size - kEvtxFileHeaderSize + kEvtxChunkSize - 1) / kEvtxChunkSize;
}

// What one full read of a file produced, for the checks a caller adds on top.
struct ReadResult {
  std::vector<std::uint64_t> offsets;    // event.offset of each event, in order
  std::vector<std::uint64_t> positions;  // position() after each event
  std::vector<std::string> lines;        // each event as NDJSON (read time blanked)
  EvtxCounters counters;
};

bool points_into(std::string_view text, const std::uint8_t* begin, std::size_t size) {
  const auto* at = reinterpret_cast<const std::uint8_t*>(text.data());
  return !text.empty() && at >= begin && at < begin + size;
}

// Reads `data` from `resume` on and checks what any correct EvtxReader must do on any input:
// - it ends: no more records than fit into the chunks' record areas (28 bytes at least each);
// - it moves forward: each record starts at or after the previous position() and inside one
//   chunk's records area, and position() grows past it without leaving the input;
// - nothing is lost silently: every chunk slot is counted exactly once, counters.records is the
//   number of events, an undecodable record is an event with parse_error and a reason;
// - events name only the arena or static text, never the input bytes (which the caller may
//   reuse once the batch is parsed);
// - when no chunk failed its checksums no event is flagged, when all did every event is;
// - every event encodes to one line of valid UTF-8 JSON with unique keys and its log.offset.
// Failures are reported with `what` (the round and its mutation).
ReadResult read_checked(const std::string& data, const std::string& what,
                        std::uint64_t resume = 0) {
  SCOPED_TRACE(what);
  // An exact-size heap copy, so ASan catches a read even one byte past the input.
  const std::vector<std::uint8_t> file(data.begin(), data.end());
  const std::size_t slots = chunk_slots(file.size());
  const std::size_t max_records =
      slots * ((kEvtxChunkSize - kEvtxChunkHeaderSize) / (kEvtxRecordHeaderSize + 4));

  ReadResult result;
  EvtxReader reader(Bytes(file.data(), file.size()), resume);
  StringArena arena;
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, arena, "collector"};
  NdjsonEncoder encoder;
  simdjson::dom::parser parser;
  std::uint64_t position = reader.position();
  std::size_t flagged = 0, parse_errors = 0;
  Event event;
  for (;;) {
    event.reset();
    if (!reader.next(event, ctx)) break;
    if (result.offsets.size() == max_records) {
      ADD_FAILURE() << "more than " << max_records << " records in " << file.size() << " bytes";
      return result;
    }
    const std::size_t n = result.offsets.size();
    const std::uint64_t offset = event.offset;
    EXPECT_GE(offset, position) << "record " << n << " starts before the previous position";
    EXPECT_GE(offset, kEvtxFileHeaderSize) << "record " << n;
    const std::uint64_t in_chunk = (offset - kEvtxFileHeaderSize) % kEvtxChunkSize;
    EXPECT_GE(in_chunk, kEvtxChunkHeaderSize) << "record " << n << " inside a chunk header";
    EXPECT_GT(reader.position(), offset) << "record " << n;
    EXPECT_LE(reader.position(), file.size()) << "record " << n;
    EXPECT_LE(reader.position() - offset, kEvtxChunkSize - in_chunk)
        << "record " << n << " runs past its chunk";
    position = reader.position();

    for (std::string_view text : {event.message, event.host, event.app, event.time_original,
                                  event.time_zone, event.dataset, event.error}) {
      EXPECT_FALSE(points_into(text, file.data(), file.size()))
          << "record " << n << " names the input: " << text;
    }
    for (const Field& field : event.fields) {
      EXPECT_FALSE(points_into(field.key, file.data(), file.size())) << field.key;
      EXPECT_FALSE(points_into(field.value.text, file.data(), file.size())) << field.key;
      flagged += field.key == "horolog.evtx.checksum_mismatch";
    }
    if (event.has(EventFlag::parse_error)) {
      ++parse_errors;
      EXPECT_FALSE(event.message.empty()) << "record " << n << ": a parse error without text";
      EXPECT_FALSE(event.error.empty()) << "record " << n << ": a parse error without reason";
    } else {
      EXPECT_EQ(event.dataset, "winevent.evtx") << "record " << n;
    }

    std::string line;
    encoder.encode(event, EncodeContext{}, line);
    simdjson::dom::element root;
    if (const auto valid = test::parse_json_line(parser, line, root); !valid) {
      ADD_FAILURE() << "record " << n << ": " << valid.message();
    } else {
      std::uint64_t logged = 0;
      EXPECT_EQ(root.at_pointer("/log/offset").get(logged), simdjson::SUCCESS) << line;
      EXPECT_EQ(logged, offset) << line;
    }
    result.offsets.push_back(offset);
    result.positions.push_back(position);
    if (event.time_flags.has(TimeFlag::no_timestamp)) {
      // The read time stands in for a missing stamp: not part of what a resumed read repeats.
      const std::size_t value = line.find("\"@timestamp\":\"") + 14;
      line.replace(value, line.find('"', value) - value, "read time");
    }
    result.lines.push_back(std::move(line));
    if (testing::Test::HasFailure()) return result;  // one bad record is enough to report
  }

  const EvtxCounters& c = reader.counters();
  result.counters = c;
  EXPECT_EQ(c.records, result.offsets.size());
  EXPECT_LE(c.records_undecoded, parse_errors);
  EXPECT_LE(c.chunks_checksum_mismatch, c.chunks_read);
  if (resume == 0) {
    EXPECT_EQ(
        c.chunks_read + c.chunks_empty + c.chunks_bad_magic + c.chunks_unused + c.chunks_truncated,
        slots)
        << "every chunk slot is read or counted as skipped, once";
  }
  if (c.chunks_checksum_mismatch == 0) {
    EXPECT_EQ(flagged, 0u) << "events flagged though every chunk's checksums matched";
  }
  if (c.chunks_checksum_mismatch == c.chunks_read) {
    EXPECT_EQ(flagged, result.offsets.size()) << "events of checksum-failed chunks not flagged";
  }
  return result;
}

// read_checked(), then a second reader resumed at a random event's position() must yield
// exactly the events after it (RecordReader's promise: no record repeated, none skipped).
ReadResult read_and_resume_checked(const std::string& data, const std::string& what,
                                   std::mt19937_64& rng) {
  ReadResult whole = read_checked(data, what);
  if (testing::Test::HasFailure()) return whole;
  const std::size_t done = rng() % (whole.offsets.size() + 1);
  const std::uint64_t resume = done == 0 ? 0 : whole.positions[done - 1];
  const ReadResult rest =
      read_checked(data, what + ", resumed at " + std::to_string(resume), resume);
  EXPECT_TRUE(std::equal(rest.lines.begin(), rest.lines.end(), whole.lines.begin() + done,
                         whole.lines.end()))
      << what << ": resumed after event " << done << " of " << whole.offsets.size() << " at "
      << resume << ", got " << rest.lines.size() << " events, not the "
      << whole.offsets.size() - done << " after it";
  return whole;
}

TEST(EvtxRobustness, ReadsWhatIsThereOfAFileStillBeingWritten) {
  // A chunk is only read once it is complete, so a prefix yields all or nothing of the chunk.
  for (std::size_t size = 0; size <= sample().size(); size += 509) {
    const std::size_t events = count_events(sample().substr(0, size));
    EXPECT_EQ(events, size >= sample().size() ? 7u : 0u) << "prefix " << size;
  }
}

TEST(EvtxRobustness, KeepsItsContractOnRandomBytes) {
  const test::TestSeed seed;
  std::mt19937_64 rng(seed.value());
  for (int round = 0; round < 20; ++round) {
    std::string junk(kEvtxFileHeaderSize + kEvtxChunkSize, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    // Valid magics, so the reader goes past the file and chunk headers.
    junk.replace(0, 8, std::string("ElfFile\0", 8));
    junk.replace(kEvtxFileHeaderSize, 8, std::string("ElfChnk\0", 8));
    std::string what = "round " + std::to_string(round) + ": random bytes";
    std::uint64_t framed = 0;
    if (round % 2 == 1) {
      // Every other round frames the junk as records (magic, size, an id the chunk header
      // covers, the size again at the end), so the Binary XML decoder itself sees random bytes.
      const std::size_t chunk = kEvtxFileHeaderSize;
      put_u64(junk, chunk + 24, 1);               // first record id
      put_u64(junk, chunk + 32, 1000);            // last record id
      put_u32(junk, chunk + 48, kEvtxChunkSize);  // free space offset: the whole chunk
      std::size_t at = kEvtxChunkHeaderSize;
      std::uint64_t id = 1;
      for (;;) {
        const std::size_t size = (32 + rng() % 2048) & ~std::size_t{7};  // 8-aligned, >= 32
        if (at + size > kEvtxChunkSize) break;
        put_u32(junk, chunk + at, 0x00002A2A);
        put_u32(junk, chunk + at + 4, static_cast<std::uint32_t>(size));
        put_u64(junk, chunk + at + 8, id++);
        put_u32(junk, chunk + at + size - 4, static_cast<std::uint32_t>(size));
        at += size;
      }
      // The rest of the chunk is unwritten space.
      std::fill(junk.begin() + static_cast<std::ptrdiff_t>(chunk + at), junk.end(), '\0');
      framed = id - 1;
      what += " framed as " + std::to_string(framed) + " records";
    }
    const ReadResult read = read_and_resume_checked(junk, what, rng);
    if (HasFailure()) break;
    if (round % 2 == 1) {
      // Every framed record is an event, whatever its content: none is dropped.
      EXPECT_EQ(read.offsets.size(), framed) << what;
      EXPECT_EQ(read.counters.records_bad_header, 0u) << what;
    }
  }
}

// What a damaged disk, a bad copy or a hostile file does to a real EVTX file: any byte anywhere
// (headers included), runs of zeros, cuts, a duplicated chunk, bytes inserted or removed.
TEST(EvtxRobustness, KeepsItsContractOnRandomlyMutatedFiles) {
  const test::TestSeed seed;
  std::mt19937_64 rng(seed.value());
  for (int round = 0; round < 300; ++round) {
    std::string data = sample();
    std::string what = "round " + std::to_string(round) + ":";
    const int mutations = 1 + static_cast<int>(rng() % 4);
    for (int m = 0; m < mutations && !data.empty(); ++m) {
      const std::size_t at = rng() % data.size();
      switch (rng() % 6) {
        case 0: {  // random bytes
          const std::size_t n = 1 + rng() % 8;
          for (std::size_t i = at; i < std::min(data.size(), at + n); ++i) {
            data[i] = static_cast<char>(rng());
          }
          what += " " + std::to_string(n) + " random bytes at " + std::to_string(at);
          break;
        }
        case 1: {  // a run of zeros (never-written space)
          const std::size_t n = 1 + rng() % 4096;
          std::fill(data.begin() + static_cast<std::ptrdiff_t>(at),
                    data.begin() + static_cast<std::ptrdiff_t>(std::min(data.size(), at + n)),
                    '\0');
          what += " " + std::to_string(n) + " zeros at " + std::to_string(at);
          break;
        }
        case 2:  // cut short
          data.resize(at);
          what += " cut at " + std::to_string(at);
          break;
        case 3:  // the first chunk once more
          if (data.size() >= kEvtxFileHeaderSize + kEvtxChunkSize) {
            data += data.substr(kEvtxFileHeaderSize, kEvtxChunkSize);
            what += " chunk appended";
          }
          break;
        case 4: {  // bytes inserted: everything after moves off its alignment
          const std::size_t n = 1 + rng() % 64;
          data.insert(at, n, static_cast<char>(rng()));
          what += " " + std::to_string(n) + " bytes inserted at " + std::to_string(at);
          break;
        }
        default: {  // bytes removed
          const std::size_t n = 1 + rng() % 64;
          data.erase(at, n);
          what += " " + std::to_string(n) + " bytes removed at " + std::to_string(at);
          break;
        }
      }
    }
    read_and_resume_checked(data, what, rng);
    if (HasFailure()) break;
  }
}

TEST(EvtxRobustness, CorruptedRecordsStillYieldEveryIntactRecordFrameAndNoOther) {
  // The sample's record frames, walked by their sizes (one chunk, records from offset 512).
  struct Frame {
    std::size_t begin, size;
  };
  std::vector<Frame> frames;
  for (std::size_t at = kEvtxFileHeaderSize + kEvtxChunkHeaderSize;
       get_u32(sample(), at) == 0x00002A2A; at += get_u32(sample(), at + 4)) {
    frames.push_back({at, get_u32(sample(), at + 4)});
  }
  ASSERT_EQ(frames.size(), 7u);

  const test::TestSeed seed;
  std::mt19937_64 rng(seed.value());
  for (int round = 0; round < 300; ++round) {
    std::string data = sample();
    std::vector<std::size_t> changed;
    const int flips = 1 + static_cast<int>(rng() % 16);
    for (int i = 0; i < flips; ++i) {
      // Mostly the Binary XML area (templates, names, substitutions); one change in four hits a
      // record's framing (header or closing size), which uniform changes would rarely do.
      // Headers of the file and the chunk stay intact.
      const Frame& frame = frames[rng() % frames.size()];
      const std::size_t framing = rng() % (kEvtxRecordHeaderSize + 4);
      const std::size_t at =
          rng() % 4 == 0 ? frame.begin + (framing < kEvtxRecordHeaderSize
                                              ? framing
                                              : frame.size - 4 + (framing - kEvtxRecordHeaderSize))
                         : kEvtxFileHeaderSize + kEvtxChunkHeaderSize +
                               rng() % (kEvtxChunkSize - kEvtxChunkHeaderSize);
      data[at] = static_cast<char>(rng());
      changed.push_back(at);
    }
    std::string what = "round " + std::to_string(round) + ": bytes changed at";
    for (std::size_t at : changed) what += " " + std::to_string(at);
    const ReadResult read = read_and_resume_checked(data, what, rng);
    if (HasFailure()) break;

    // A frame is intact when its header and its closing size are unchanged. A record start
    // overwritten with zeros reads as the end of the chunk's records (unwritten space), so the
    // frames after it are not expected.
    std::vector<std::uint64_t> expected;
    for (const Frame& frame : frames) {
      if (get_u32(data, frame.begin) == 0) break;
      const bool intact = std::none_of(changed.begin(), changed.end(), [&](std::size_t at) {
        return (at >= frame.begin && at < frame.begin + kEvtxRecordHeaderSize) ||
               (at >= frame.begin + frame.size - 4 && at < frame.begin + frame.size);
      });
      if (intact) expected.push_back(frame.begin);
    }
    const std::vector<std::uint64_t>& yielded = read.offsets;
    for (const Frame& frame : frames) {
      if (std::find(expected.begin(), expected.end(), frame.begin) == expected.end()) continue;
      const auto at = std::find(yielded.begin(), yielded.end(), frame.begin);
      if (at == yielded.end()) {
        ADD_FAILURE() << what << ": the intact record at " << frame.begin << " was lost";
        continue;
      }
      // Read with its true extent: position() moves exactly to its end.
      EXPECT_EQ(read.positions[static_cast<std::size_t>(at - yielded.begin())],
                frame.begin + frame.size)
          << what << ": the intact record at " << frame.begin;
    }
    for (std::uint64_t offset : yielded) {
      EXPECT_TRUE(std::any_of(frames.begin(), frames.end(),
                              [&](const Frame& frame) { return frame.begin == offset; }))
          << what << ": a record at " << offset << " where the file has none";
    }
    if (HasFailure()) break;
  }
}

}  // namespace
}  // namespace horolog::winevent
