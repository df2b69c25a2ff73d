// Event Viewer CSV exports: RFC 4180 rows, the regional date shapes and their order, local time
// with newest-first folds, damaged rows and resuming.
#include "parsers/winevent/csv_event_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "normalizer/zone.h"
#include "parsers/winevent/csv_date_time.h"
#include "parsers/winevent/csv_row_splitter.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

std::vector<test::OwnedEvent> read_csv(const std::string& text, const char* zone,
                                       StringArena& arena,
                                       DateOrder order = DateOrder::auto_detect) {
  CsvEventReader reader(text, order);
  TimeResolver resolver(TimeResolverSettings{Zone::find(zone).value()});
  return test::read_all(reader, arena, &resolver);
}

constexpr const char* kHeader = "Level,Date and Time,Source,Event ID,Task Category\r\n";

// --- rows
// -----------------------------------------------------------------------------------------

struct RowCase {
  const char* name;
  const char* input;
  std::vector<std::string> fields;  // unescaped
  bool unterminated;
};

class CsvRows : public ::testing::TestWithParam<RowCase> {};

TEST_P(CsvRows, SplitsFieldsAsRfc4180Says) {
  const std::string_view input = GetParam().input;
  CsvRow row;
  ASSERT_TRUE(next_csv_row(input, 0, row));
  EXPECT_EQ(row.unterminated, GetParam().unterminated);
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < row.count; ++i) {
    std::string text(row.fields[i].text.size(), '\0');
    text.resize(unescape_csv_field(row.fields[i], text.data()));
    fields.push_back(text);
  }
  EXPECT_EQ(fields, GetParam().fields);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, CsvRows,
    ::testing::Values(RowCase{"plain", "a,b,c\r\nnext", {"a", "b", "c"}, false},
                      RowCase{
                          "quoted_crlf_and_doubled_quotes",
                          "Information,1/2/2026 1:00:00 AM,S,4688,Process Creation,\"line one\r\n"
                          "\tcmd.exe /c \"\"echo, hi\"\"\r\nend\"\r\nnext",
                          {"Information", "1/2/2026 1:00:00 AM", "S", "4688", "Process Creation",
                           "line one\r\n\tcmd.exe /c \"echo, hi\"\r\nend"},
                          false},
                      RowCase{"quoted_middle_field", "\"a,b\",\"\",c", {"a,b", "", "c"}, false},
                      RowCase{"unquoted_message_with_commas",
                              "L,D,S,1,T,one, two, three\n",
                              {"L", "D", "S", "1", "T", "one, two, three"},
                              false},
                      RowCase{"empty_trailing_field", "a,\r\n", {"a", ""}, false},
                      RowCase{"unterminated_quote_ends_at_its_line",
                              "L,D,S,1,T,\"never closed\r\nL,D",
                              {"L", "D", "S", "1", "T"},
                              true}),
    [](const auto& info) { return std::string(info.param.name); });

// --- dates
// ----------------------------------------------------------------------------------------

struct DateCase {
  const char* text;
  DateOrder order;
  bool ok;
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

class CsvDates : public ::testing::TestWithParam<DateCase> {};

TEST_P(CsvDates, ReadsTheRegionalShape) {
  const DateCase& c = GetParam();
  CivilTime civil;
  ASSERT_EQ(parse_csv_date_time(c.text, c.order, civil), c.ok) << c.text;
  if (!c.ok) return;
  EXPECT_EQ(civil.year, c.year);
  EXPECT_EQ(civil.month, c.month);
  EXPECT_EQ(civil.day, c.day);
  EXPECT_EQ(civil.hour, c.hour);
  EXPECT_EQ(civil.minute, c.minute);
  EXPECT_EQ(civil.second, c.second);
  EXPECT_FALSE(civil.has_offset);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, CsvDates,
    ::testing::Values(
        DateCase{"11/26/2026 7:00:04 PM", DateOrder::auto_detect, true, 2026, 11, 26, 19, 0, 4},
        DateCase{"11/1/2026 12:30:05 AM", DateOrder::mdy, true, 2026, 11, 1, 0, 30, 5},
        DateCase{"11/1/2026 12:30:05 PM", DateOrder::mdy, true, 2026, 11, 1, 12, 30, 5},
        DateCase{"25.10.2026 02:30:01", DateOrder::auto_detect, true, 2026, 10, 25, 2, 30, 1},
        DateCase{"03/04/2026 13:00:00", DateOrder::dmy, true, 2026, 4, 3, 13, 0, 0},
        DateCase{"03/04/2026 13:00:00", DateOrder::mdy, true, 2026, 3, 4, 13, 0, 0},
        DateCase{"2026-11-26 19:00:04", DateOrder::auto_detect, true, 2026, 11, 26, 19, 0, 4},
        DateCase{"\xE2\x80\x8E"
                 "11/\xE2\x80\x8E"
                 "26/\xE2\x80\x8E"
                 "2026 7:00:04 PM",
                 DateOrder::auto_detect, true, 2026, 11, 26, 19, 0, 4},
        // Rejected: ambiguous without an order, out of range, not a date, two-digit years.
        DateCase{"03/04/2026 13:00:00", DateOrder::auto_detect, false},
        DateCase{"13/26/2026 7:00:04 PM", DateOrder::mdy, false},
        DateCase{"11/26/2026 13:00:04 PM", DateOrder::mdy, false},
        DateCase{"Date and Time", DateOrder::auto_detect, false},
        DateCase{"26.11.26 19:00:04", DateOrder::dmy, false},
        DateCase{"26.11.2026 19:00", DateOrder::dmy, false}));

// --- the reader
// -----------------------------------------------------------------------------------

TEST(CsvEventReader, MapsColumnsAndSkipsTheHeader) {
  const std::string text = std::string("\xEF\xBB\xBF") + kHeader +
                           "Warning,11/26/2026 7:00:04 PM,Microsoft-Windows-Time-Service,142,None,"
                           "\"Say \"\"hi\"\"\r\nbye\"\r\n";
  StringArena arena;
  const auto events = read_csv(text, "America/New_York", arena);
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  EXPECT_EQ(test::utc_text(e.event.timestamp), "2026-11-27T00:00:04Z");
  EXPECT_TRUE(e.event.time_flags.has(TimeFlag::zone_assumed));
  EXPECT_EQ(e.number("winlog.event_id"), 142u);
  EXPECT_EQ(e.text("event.code"), "142");
  EXPECT_EQ(e.text("winlog.provider_name"), "Microsoft-Windows-Time-Service");
  EXPECT_EQ(e.text("winlog.rendering_info.Level"), "Warning");
  EXPECT_EQ(e.text("winlog.rendering_info.Task"), "None");
  EXPECT_EQ(e.message, "Say \"hi\"\r\nbye");
  EXPECT_EQ(e.time_original, "11/26/2026 7:00:04 PM");
  EXPECT_EQ(e.host, "collector");
}

TEST(CsvEventReader, SkipsTheHeaderAfterBlankLinesAndInAnyUiLanguage) {
  const std::string text =
      "\r\nEbene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie\r\n"
      "Informationen,26.11.2026 19:00:01,S,1,Keine,m\r\n";
  StringArena arena;
  const auto events = read_csv(text, "Europe/Berlin", arena);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(test::utc_text(events[0].event.timestamp), "2026-11-26T18:00:01Z");
}

TEST(CsvEventReader, UnterminatedQuoteIsFlaggedAndTheNextRowsStillRead) {
  const std::string text = std::string(kHeader) +
                           "Information,26.11.2026 19:00:01,S,1,None,ok\r\n"
                           "Information,26.11.2026 19:00:02,S,2,None,\"broken\r\n"
                           "Information,26.11.2026 19:00:03,S,3,None,ok\r\n";
  StringArena arena;
  const auto events = read_csv(text, "Europe/Berlin", arena);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_FALSE(events[0].event.has(EventFlag::parse_error));
  EXPECT_TRUE(events[1].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[1].message, "Information,26.11.2026 19:00:02,S,2,None,\"broken");
  EXPECT_FALSE(events[2].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[2].number("winlog.event_id"), 3u);
}

TEST(CsvEventReader, RowWithTooFewFieldsIsFlagged) {
  const std::string text = std::string(kHeader) + "just some text\r\n";
  StringArena arena;
  const auto events = read_csv(text, "UTC", arena);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[0].message, "just some text");
}

TEST(CsvEventReader, AutoDetectsDayFirstFromALaterRow) {
  // The first row is ambiguous (03/04); a later 25/10 settles day first for the whole file.
  const std::string text = std::string(kHeader) + "I,03/04/2026 10:00:00,S,1,T,m\r\n" +
                           "I,25/10/2026 10:00:00,S,2,T,m\r\n";
  StringArena arena;
  const auto events = read_csv(text, "UTC", arena);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(test::utc_text(events[0].event.timestamp), "2026-04-03T10:00:00Z");
  const auto mdy = read_csv(text, "UTC", arena, DateOrder::mdy);
  EXPECT_EQ(test::utc_text(mdy[0].event.timestamp), "2026-03-04T10:00:00Z");
  EXPECT_TRUE(mdy[1].event.time_flags.has(TimeFlag::no_timestamp));  // month 25
}

TEST(CsvEventReader, FallBackHourResolvesNewestFirst) {
  // Newest first: the later 1:30 AM (EST, 06:30Z) comes before the earlier one (EDT, 05:30Z).
  const std::string text = std::string(kHeader) +
                           "I,11/1/2026 1:30:01 AM,S,2,T,second pass\r\n"
                           "I,11/1/2026 1:30:00 AM,S,2,T,second pass\r\n"
                           "I,11/1/2026 1:30:01 AM,S,1,T,first pass\r\n"
                           "I,11/1/2026 1:30:00 AM,S,1,T,first pass\r\n";
  StringArena arena;
  const auto events = read_csv(text, "America/New_York", arena);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(test::utc_text(events[0].event.timestamp), "2026-11-01T06:30:01Z");
  EXPECT_EQ(test::utc_text(events[1].event.timestamp), "2026-11-01T06:30:00Z");
  EXPECT_EQ(test::utc_text(events[2].event.timestamp), "2026-11-01T05:30:01Z");
  EXPECT_EQ(test::utc_text(events[3].event.timestamp), "2026-11-01T05:30:00Z");
  for (const auto& e : events) EXPECT_TRUE(e.event.time_flags.has(TimeFlag::dst_fold));
}

TEST(CsvEventReader, ResumesFromPositionWithoutRepeatingOrSkipping) {
  HOROLOG_SHARED_SAMPLE(path, "winevent-csv/handwritten_eventviewer_en-US.csv");
  const std::string text = test::read_file(path);
  StringArena arena;
  const auto all = read_csv(text, "America/New_York", arena);
  TimeResolver resolver(TimeResolverSettings{Zone::find("America/New_York").value()});
  ParseContext ctx{resolver, arena, "collector"};
  CsvEventReader first(text, DateOrder::auto_detect);
  Event event;
  for (int i = 0; i < 7; ++i) {
    event.reset();
    ASSERT_TRUE(first.next(event, ctx));
  }
  CsvEventReader second(text, DateOrder::auto_detect, first.position());
  TimeResolver resumed(TimeResolverSettings{Zone::find("America/New_York").value()});
  const auto rest = test::read_all(second, arena, &resumed);
  ASSERT_EQ(rest.size(), all.size() - 7);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    EXPECT_EQ(rest[i].time_original, all[i + 7].time_original);
    EXPECT_EQ(rest[i].message, all[i + 7].message);
  }
}

struct CsvSample {
  const char* file;
  const char* zone;
};

class CsvSamples : public ::testing::TestWithParam<CsvSample> {};

TEST_P(CsvSamples, EveryRowParsesWithItsLocalTime) {
  HOROLOG_SHARED_SAMPLE(path, std::string("winevent-csv/") + GetParam().file);
  const std::string text = test::read_file(path);
  StringArena arena;
  const auto events = read_csv(text, GetParam().zone, arena);
  ASSERT_EQ(events.size(), 50u);
  std::size_t folds = 0;
  for (const auto& e : events) {
    EXPECT_FALSE(e.event.has(EventFlag::parse_error)) << e.message;
    EXPECT_FALSE(e.event.time_flags.has(TimeFlag::no_timestamp)) << e.time_original;
    EXPECT_TRUE(e.number("winlog.event_id").has_value());
    folds += e.event.time_flags.has(TimeFlag::dst_fold) ? 1 : 0;
  }
  EXPECT_GT(folds, 0u);
  // Newest first, the fold included: UTC never increases down the file.
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i].event.timestamp, events[i - 1].event.timestamp) << events[i].time_original;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, CsvSamples,
    ::testing::Values(CsvSample{"handwritten_eventviewer_en-US.csv", "America/New_York"},
                      CsvSample{"handwritten_eventviewer_de-DE-format.csv", "Europe/Berlin"}),
    [](const auto& info) { return std::string(info.param.zone[0] == 'A' ? "en_US" : "de_DE"); });

}  // namespace
}  // namespace horolog::winevent
