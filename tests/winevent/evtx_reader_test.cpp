// EvtxReader over real EVTX files: record counts, mapped fields, and every kind of damage the
// samples carry (bad chunk magic, CRC mismatches, zero-size records, no-CRC32 files).
#include "parsers/winevent/evtx_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

Bytes bytes_of(const std::string& data) {
  return {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()};
}

TEST(EvtxReader, MapsSecurityRecordToWinlogFields) {
  const std::string file =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  EvtxReader reader(bytes_of(file));
  StringArena arena;
  const auto events = test::read_all(reader, arena);
  ASSERT_EQ(events.size(), 7u);

  const test::OwnedEvent& first = events[0];
  EXPECT_FALSE(first.event.has(EventFlag::parse_error));
  EXPECT_EQ(test::utc_text(first.event.timestamp, 7), "2016-06-29T15:24:34.3460000Z");
  EXPECT_EQ(first.event.precision_digits, 7);
  EXPECT_EQ(first.time_original, "2016-06-29T15:24:34.3460000Z");
  EXPECT_EQ(first.host, "temporal");
  EXPECT_EQ(first.event.dataset, "winevent.evtx");
  EXPECT_EQ(first.number("winlog.record_id"), 319457771u);
  EXPECT_EQ(first.number("winlog.event_id"), 5152u);
  EXPECT_EQ(first.text("event.code"), "5152");
  EXPECT_EQ(first.text("winlog.provider_name"), "Microsoft-Windows-Security-Auditing");
  EXPECT_EQ(first.text("winlog.provider_guid"), "{54849625-5478-4994-A5BA-3E3B0328C30D}");
  EXPECT_EQ(first.text("winlog.channel"), "Security");
  EXPECT_EQ(first.text("winlog.computer_name"), "temporal");
  EXPECT_EQ(first.text("winlog.keywords"), "0x8010000000000000");
  EXPECT_EQ(first.number("winlog.task"), 12809u);
  EXPECT_EQ(first.number("winlog.process.pid"), 4u);
  EXPECT_EQ(first.number("winlog.process.thread.id"), 80u);
  EXPECT_EQ(first.text("winlog.event_data.SourceAddress"), "23.94.153.202");
  EXPECT_EQ(first.text("winlog.event_data.Direction"), "%%14592");

  // Typed substitution values rendered as Windows renders them.
  const test::OwnedEvent& second = events[1];
  EXPECT_EQ(second.text("winlog.event_data.SubjectUserSid"), "S-1-5-18");
  EXPECT_EQ(second.text("winlog.event_data.SubjectLogonId"), "0x3e7");
  EXPECT_EQ(reader.counters().records, 7u);
}

TEST(EvtxReader, NamesDecodedStringsInTheBatchArenaNotTheFile) {
  const std::string file =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  EvtxReader reader(bytes_of(file));
  StringArena arena;
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, arena, "collector"};
  Event event;
  ASSERT_TRUE(reader.next(event, ctx));
  const char* begin = file.data();
  const char* end = file.data() + file.size();
  for (const Field& field : event.fields) {
    if (field.value.kind != FieldValue::Kind::string) continue;
    EXPECT_FALSE(field.value.text.data() >= begin && field.value.text.data() < end) << field.key;
  }
}

// The engine keeps a whole batch of events (up to 1024, spanning chunks) before encoding it: a
// value must not view into anything the reader reuses when it moves to the next chunk (element
// names are cached per chunk).
TEST(EvtxReader, EventsKeepTheirValuesWhileLaterChunksAreRead) {
  HOROLOG_SHARED_SAMPLE(sample, "evtx/omerbenamram_system.evtx");  // 16 chunks, UserData names
  const std::string file = test::read_file(sample);
  StringArena reference_arena;
  EvtxReader one_by_one(bytes_of(file));
  const auto expected = test::read_all(one_by_one, reference_arena);

  EvtxReader reader(bytes_of(file));
  EventBatch batch;
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, batch.arena, "collector"};
  while (reader.next(batch.next_event(), ctx)) {
  }
  batch.discard_last();
  ASSERT_EQ(batch.size, expected.size());
  std::size_t user_data = 0;
  for (std::size_t i = 0; i < batch.size; ++i) {
    for (const Field& field : batch.events[i].fields) {
      if (field.value.kind != FieldValue::Kind::string) continue;
      EXPECT_EQ(std::optional<std::string>(field.value.text), expected[i].text(field.key))
          << "record " << i << " " << field.key;
      user_data += field.key == "winlog.user_data.xml_name";
    }
  }
  EXPECT_GT(user_data, 40u);  // 51 events of this file have UserData
}
TEST(EvtxReader, ResumesAfterTheLastRecordItReturned) {
  const std::string file =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  StringArena arena;
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, arena, "collector"};
  EvtxReader first(bytes_of(file));
  Event event;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(first.next(event, ctx));

  EvtxReader resumed(bytes_of(file), first.position());
  const auto rest = test::read_all(resumed, arena);
  ASSERT_EQ(rest.size(), 4u);
  EXPECT_EQ(rest[0].number("winlog.record_id"), 319457832u);
}

TEST(EvtxReader, YieldsNothingFromBytesThatAreNoEvtxFile) {
  const std::string junk(200000, 'x');
  EvtxReader reader(bytes_of(junk));
  StringArena arena;
  EXPECT_TRUE(test::read_all(reader, arena).empty());
  EXPECT_FALSE(reader.counters().file_header_ok);
  EXPECT_EQ(reader.counters().chunks_unused, 2u);
  EXPECT_EQ(reader.counters().chunks_truncated, 1u);
}

TEST(EvtxReader, SaysWhatItCouldNotReadOfAFileCutShort) {
  const std::string file =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  StringArena arena;
  EvtxReader whole(bytes_of(file));
  ASSERT_EQ(test::read_all(whole, arena).size(), 7u);
  EXPECT_EQ(whole.unread(), "");

  EvtxReader header_only(bytes_of(file.substr(0, kEvtxFileHeaderSize)));
  EXPECT_TRUE(test::read_all(header_only, arena).empty());
  EXPECT_NE(header_only.unread().find("ends after its header"), std::string::npos)
      << header_only.unread();

  const std::string cut = file.substr(0, kEvtxFileHeaderSize + 1000);
  EvtxReader cut_short(bytes_of(cut));
  EXPECT_TRUE(test::read_all(cut_short, arena).empty());
  EXPECT_NE(cut_short.unread().find("cut short (1000 of 65536 bytes)"), std::string::npos)
      << cut_short.unread();
}

// Windows allocates EVTX files ahead: past the chunks the header knows, the first empty chunk
// starts space never written, which is counted without being read (a sparse file of a gigabyte
// must not be paged in).
TEST(EvtxReader, StopsAtTheFirstEmptyChunkPastTheOnesItsHeaderKnows) {
  std::string file =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  ASSERT_EQ(file.size(), kEvtxFileHeaderSize + kEvtxChunkSize);
  file.append(10 * kEvtxChunkSize, '\0');
  file[file.size() - 1] = 'x';  // not read: a reader that walked the rest would see bad magic
  EvtxReader reader(bytes_of(file));
  StringArena arena;
  EXPECT_EQ(test::read_all(reader, arena).size(), 7u);
  const EvtxCounters& c = reader.counters();
  EXPECT_EQ(c.chunks_read, 1u);
  EXPECT_EQ(c.chunks_empty, 1u);
  EXPECT_EQ(c.chunks_unused, 9u);
  EXPECT_EQ(c.chunks_bad_magic, 0u);
  EXPECT_EQ(reader.unread(), "");
}

// --- every shared sample: record counts and skip counters --------------------------------------

struct EvtxSample {
  const char* file;
  std::uint64_t records;
  std::uint64_t chunks_read;
  std::uint64_t checksum_mismatch;
  std::uint64_t bad_magic;
  std::uint64_t bad_record_headers;
};

void PrintTo(const EvtxSample& s, std::ostream* os) { *os << s.file; }

class EvtxSamples : public ::testing::TestWithParam<EvtxSample> {};

TEST_P(EvtxSamples, ReadsEveryRecordAndCountsEveryDamage) {
  const EvtxSample& sample = GetParam();
  HOROLOG_SHARED_SAMPLE(path, std::string("evtx/") + sample.file);
  const std::string file = test::read_file(path);
  EvtxReader reader(bytes_of(file));
  StringArena arena;
  const auto events = test::read_all(reader, arena);
  const EvtxCounters& c = reader.counters();
  EXPECT_EQ(events.size(), sample.records);
  EXPECT_EQ(c.records, sample.records);
  EXPECT_EQ(c.chunks_read, sample.chunks_read);
  EXPECT_EQ(c.chunks_checksum_mismatch, sample.checksum_mismatch);
  EXPECT_EQ(c.chunks_bad_magic, sample.bad_magic);
  EXPECT_EQ(c.records_bad_header, sample.bad_record_headers);
  EXPECT_EQ(c.records_undecoded, 0u);
  for (const auto& e : events) {
    ASSERT_FALSE(e.event.has(EventFlag::parse_error)) << e.number("winlog.record_id").value_or(0);
    ASSERT_TRUE(e.number("winlog.record_id").has_value());
    ASSERT_TRUE(e.number("winlog.event_id").has_value());
    ASSERT_FALSE(e.host.empty());
    // FILETIME gives 7 digits; forwarded (WEC) events carry SystemTime as text with 9.
    ASSERT_GE(e.event.precision_digits, 7);
  }
}

// Records per file agree with evtxexport (libevtx-utils) where it reads the file at all; the
// damaged samples yield more here, because a broken record is passed over instead of ending
// its chunk, and CAPI2's Binary XML substitutions (which evtxexport rejects) are decoded.
INSTANTIATE_TEST_SUITE_P(
    SharedData, EvtxSamples,
    ::testing::Values(
        EvtxSample{"omerbenamram_Security_short_selected.evtx", 7, 1, 0, 0, 0},
        EvtxSample{"omerbenamram_Application_no_crc32.evtx", 17, 1, 0, 0, 0},
        EvtxSample{"omerbenamram_issue_201.evtx", 1, 1, 0, 0, 0},
        EvtxSample{"omerbenamram_new-user-security.evtx", 4, 1, 0, 0, 0},
        EvtxSample{"omerbenamram_MSExchange_Management_wec.evtx", 1, 1, 0, 0, 0},
        EvtxSample{"omerbenamram_Microsoft-Windows-HelloForBusiness_Operational.evtx", 5, 1, 1, 0,
                   1},
        EvtxSample{"omerbenamram_Microsoft-Windows-LanguagePackSetup_Operational.evtx", 16, 1, 1, 0,
                   1},
        EvtxSample{"omerbenamram_sysmon.evtx", 358, 9, 0, 0, 0},
        EvtxSample{"omerbenamram_system.evtx", 1881, 15, 0, 0, 0},
        EvtxSample{"omerbenamram_security_bad_string_cache.evtx", 2261, 26, 1, 0, 0},
        EvtxSample{"omerbenamram_sample-with-irregular-bool-values.evtx", 3028, 20, 0, 0, 0},
        EvtxSample{"omerbenamram_sample-with-zero-data-size-event.evtx", 449, 4, 1, 0, 1},
        EvtxSample{"omerbenamram_sample_with_a_bad_chunk_magic.evtx", 298, 4, 3, 1, 3},
        EvtxSample{"omerbenamram_2-system-Microsoft-Windows-LiveId_Operational.evtx", 399, 16, 0, 0,
                   0},
        EvtxSample{
            "omerbenamram_E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2_Operational.evtx",
            340, 13, 0, 0, 0},
        EvtxSample{"omerbenamram_Security_with_size_t.evtx", 636, 6, 0, 0, 0},
        EvtxSample{"evtxattack_Command_and_Control_DE_RDP_Tunnel_5156.evtx", 101, 1, 0, 0, 0},
        EvtxSample{"evtxattack_Defense_Evasion_DE_104_system_log_cleared.evtx", 1, 1, 0, 0, 0},
        EvtxSample{"evtxattack_UACME_59_Sysmon.evtx", 7, 1, 0, 0, 0}));

TEST(EvtxReader, KeepsUserDataOfALogClearedEvent) {
  HOROLOG_SHARED_SAMPLE(path, "evtx/evtxattack_Defense_Evasion_DE_104_system_log_cleared.evtx");
  const std::string file = test::read_file(path);
  EvtxReader reader(bytes_of(file));
  StringArena arena;
  const auto events = test::read_all(reader, arena);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].number("winlog.event_id"), 104u);
  EXPECT_EQ(events[0].text("winlog.user_data.xml_name"), "LogFileCleared");
  EXPECT_TRUE(events[0].text("winlog.user_data.Channel").has_value());
}

TEST(EvtxReader, FlagsEventsOfAChunkWithABadChecksumButKeepsThem) {
  HOROLOG_SHARED_SAMPLE(path, "evtx/omerbenamram_sample_with_a_bad_chunk_magic.evtx");
  const std::string file = test::read_file(path);
  EvtxReader reader(bytes_of(file));
  StringArena arena;
  const auto events = test::read_all(reader, arena);
  std::size_t flagged = 0;
  for (const auto& e : events) flagged += e.text("horolog.evtx.checksum_mismatch").has_value();
  EXPECT_GT(flagged, 0u);
  EXPECT_LT(flagged, events.size());
}

}  // namespace
}  // namespace horolog::winevent
