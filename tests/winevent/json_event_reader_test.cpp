// JSON exports of Windows events: record splitting, the winlog.* mapping of each dialect, the
// trustworthy time per dialect (the OTRF and NXLog traps), malformed records and resuming.
#include "parsers/winevent/json_event_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "parsers/winevent/json_record_splitter.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

std::vector<test::OwnedEvent> read_json(const std::string& text, StringArena& arena) {
  JsonEventReader reader(text);
  return test::read_all(reader, arena);
}

// --- record splitting ---------------------------------------------------------------------------

struct SplitCase {
  const char* name;
  const char* input;
  JsonLayout layout;
  std::vector<std::string> records;
  std::vector<bool> balanced;
};

class JsonSplitting : public ::testing::TestWithParam<SplitCase> {};

TEST_P(JsonSplitting, CutsOneRecordPerElementOrLine) {
  const SplitCase& c = GetParam();
  const std::string_view input = c.input;
  JsonRecordSplitter splitter(input);
  EXPECT_EQ(splitter.layout(), c.layout);
  std::vector<std::string> records;
  std::vector<bool> balanced;
  JsonRecordSpan span;
  for (std::size_t from = 0; splitter.next(from, span); from = span.next) {
    records.emplace_back(input.substr(span.begin, span.end - span.begin));
    balanced.push_back(span.balanced);
  }
  EXPECT_EQ(records, c.records);
  EXPECT_EQ(balanced, c.balanced);
}

INSTANTIATE_TEST_SUITE_P(
    Layouts, JsonSplitting,
    ::testing::Values(
        SplitCase{"array",
                  "\xEF\xBB\xBF[\r\n  {\"a\": \"}\"},\r\n  {\"b\": [1, {\"c\": 2}]}\r\n]\r\n",
                  JsonLayout::array,
                  {"{\"a\": \"}\"}", "{\"b\": [1, {\"c\": 2}]}"},
                  {true, true}},
        SplitCase{"ndjson_crlf",
                  "{\"a\":1}\r\n\r\n{\"b\":\"x\\\"}\"}\r\n",
                  JsonLayout::lines,
                  {"{\"a\":1}", "{\"b\":\"x\\\"}\"}"},
                  {true, true}},
        SplitCase{"ndjson_broken_line",
                  "{\"a\":1}\n{\"b\":\n{\"c\":3}\n",
                  JsonLayout::lines,
                  {"{\"a\":1}", "{\"b\":", "{\"c\":3}"},
                  {true, false, true}},
        SplitCase{"single_object",
                  "{\n  \"a\": 1,\n  \"b\": {\"c\": 2}\n}\n",
                  JsonLayout::objects,
                  {"{\n  \"a\": 1,\n  \"b\": {\"c\": 2}\n}"},
                  {true}},
        SplitCase{"array_unclosed_element",
                  "[{\"a\":1},{\"b\":2",
                  JsonLayout::array,
                  {"{\"a\":1}", "{\"b\":2"},
                  {true, false}},
        SplitCase{"array_stray_text",
                  "[{\"a\":1},\nnull,\n{\"b\":2}]",
                  JsonLayout::array,
                  {"{\"a\":1}", "null,", "{\"b\":2}"},
                  {true, false, true}},
        SplitCase{"empty_array", "[ ]", JsonLayout::array, {}, {}}),
    [](const auto& info) { return std::string(info.param.name); });

// --- the shared samples
// ---------------------------------------------------------------------------

struct SampleCase {
  const char* file;
  std::size_t records;
  const char* time_source;  // of the first record
};

class JsonSamples : public ::testing::TestWithParam<SampleCase> {};

TEST_P(JsonSamples, EveryRecordParsesWithItsTrustworthyTime) {
  HOROLOG_SHARED_SAMPLE(path, std::string("winevent-json/") + GetParam().file);
  const std::string text = test::read_file(path);
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), GetParam().records);
  for (const auto& e : events) {
    EXPECT_FALSE(e.event.has(EventFlag::parse_error)) << e.message;
    EXPECT_FALSE(e.event.time_flags.has(TimeFlag::no_timestamp)) << e.time_original;
    EXPECT_TRUE(e.number("winlog.event_id").has_value());
    // Sentinel keeps the provider of SecurityEvent rows only when the workspace collected it.
    if (GetParam().time_source != std::string_view("TimeGenerated")) {
      EXPECT_TRUE(e.text("winlog.provider_name").has_value());
    }
    EXPECT_FALSE(e.host.empty());
  }
  EXPECT_EQ(events.front().text("horolog.time.source"), GetParam().time_source);
}

INSTANTIATE_TEST_SUITE_P(
    Files, JsonSamples,
    ::testing::Values(
        SampleCase{"handwritten_ps51_get-winevent_convertto-json.json", 28, "TimeCreated"},
        SampleCase{"handwritten_ps7_get-winevent_convertto-json.json", 28, "TimeCreated"},
        SampleCase{"handwritten_winlogbeat.ndjson", 50, "@timestamp"},
        SampleCase{"otrf_WindowsEvents.head1000.ndjson", 38, "TimeGenerated"},
        SampleCase{"otrf_cmd_lsass_memory_dumpert_syscalls_2020-10-1822561997.head1000.ndjson", 118,
                   "TimeCreated+UtcTime offset"},
        SampleCase{"otrf_covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges_2020-08-05020926.head1000."
                   "ndjson",
                   869, "EventTime"},
        SampleCase{"otrf_empire_shell_samr_EnumDomainUsers_2020-09-21193527.head1000.ndjson", 633,
                   "EventTime"},
        SampleCase{"otrf_psh_mavinject_dll_notepad_2020-10-2121410529.head1000.ndjson", 509,
                   "TimeCreated+UtcTime offset"},
        SampleCase{"otrf_psh_windows_vault_web_credentials_2020-10-2819191483.head1000.ndjson", 120,
                   "TimeCreated+UtcTime offset"}),
    [](const auto& info) {
      std::string name = info.param.file;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

// --- time traps
// -------------------------------------------------------------------------------------

TEST(JsonEventReader, OtrfTimeIsUtcTimeNotTimeCreated) {
  // TimeCreated (and the @timestamp copied from it) say 09:40:38 on the 21st with a `Z`; the
  // Sysmon record's UtcTime shows the true UTC is 16 hours later (a 12-hour clock, UTC-4).
  const std::string text =
      test::read_file(test::source_path("tests/data/winevent/otrf_mordor_trap.ndjson"));
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(test::utc_text(events[1].event.timestamp, 3), "2020-10-22T01:40:38.739Z");
  EXPECT_EQ(events[1].text("horolog.time.source"), "UtcTime");
  // The first record has only TimeCreated: corrected by the offset the second one shows.
  EXPECT_EQ(test::utc_text(events[0].event.timestamp, 3), "2020-10-22T01:40:38.926Z");
  EXPECT_EQ(events[0].time_original, "2020-10-21T09:40:38.926Z");
  EXPECT_EQ(events[0].text("horolog.time.source"), "TimeCreated+UtcTime offset");
}

TEST(JsonEventReader, OtrfRecordWithoutAnyUtcTimeHasNoTimestampRatherThanTimeCreated) {
  const std::string text =
      "{\"EventID\":4688,\"SourceName\":\"Microsoft-Windows-Security-Auditing\","
      "\"TimeCreated\":\"2020-10-21T09:40:38.926Z\",\"@timestamp\":\"2020-10-21T09:40:38.926Z\","
      "\"Hostname\":\"WORKSTATION5\"}\n";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].event.has(EventFlag::parse_error));
  EXPECT_TRUE(events[0].event.time_flags.has(TimeFlag::no_timestamp));
  EXPECT_EQ(events[0].number("winlog.event_id"), 4688u);
}

TEST(JsonEventReader, NxlogEventTimeTakesItsOffsetFromTheLogstashReceipt) {
  // EventTime 02:09:26 local, received 02:09:29 local = @timestamp 06:09:29.626Z: UTC-4.
  const std::string text =
      test::read_file(test::source_path("tests/data/winevent/nxlog_covenant_dcsync_head2.ndjson"));
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(test::utc_text(events[0].event.timestamp, 0), "2020-08-05T06:09:26Z");
  EXPECT_EQ(events[0].text("horolog.time.source"), "EventTime");
  EXPECT_FALSE(events[0].event.time_flags.has(TimeFlag::zone_assumed));
  EXPECT_EQ(test::utc_text(events[1].event.timestamp, 3), "2020-08-05T06:09:27.568Z");
  EXPECT_EQ(events[1].text("horolog.time.source"), "UtcTime");
  EXPECT_EQ(events[0].number("winlog.record_id"), 110748u);
  EXPECT_EQ(events[0].number("winlog.process.pid"), 4u);
  EXPECT_EQ(events[0].text("winlog.event_data.ProcessId"), "116");  // event data, not System
  EXPECT_EQ(events[0].text("winlog.keywords"), "0x8020000000000000");
  EXPECT_EQ(events[0].host, "WORKSTATION5.theshire.local");
}

TEST(JsonEventReader, NxlogEventTimeWithoutReceiptUsesTheInputZone) {
  const std::string text =
      "{\"EventTime\":\"2020-08-05 02:09:26\",\"EventID\":5156,"
      "\"SourceName\":\"Microsoft-Windows-Security-Auditing\",\"Hostname\":\"W5\"}\n";
  StringArena arena;
  TimeResolver resolver(TimeResolverSettings{Zone::find("America/New_York").value()});
  JsonEventReader reader(text);
  const auto events = test::read_all(reader, arena, &resolver);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(test::utc_text(events[0].event.timestamp, 0), "2020-08-05T06:09:26Z");
  EXPECT_TRUE(events[0].event.time_flags.has(TimeFlag::zone_assumed));
}

// --- mapping
// ----------------------------------------------------------------------------------------

TEST(JsonEventReader, MapsPowerShellMembersToTheWinlogNames) {
  const std::string text = R"([
    {
        "Message":  "An account was successfully logged on.",
        "Id":  4624, "Version":  2, "Qualifiers":  null, "Level":  0, "Task":  12544,
        "Opcode":  0, "Keywords":  -9214364837600034816, "RecordId":  48214,
        "ProviderName":  "Microsoft-Windows-Security-Auditing",
        "ProviderId":  "54849625-5478-4994-a5ba-3e3b0328c30d", "LogName":  "Security",
        "ProcessId":  716, "ThreadId":  4287, "MachineName":  "WS-TIME01.corp.example",
        "UserId":  {"BinaryLength":  12, "AccountDomainSid":  null, "Value":  "S-1-5-19"},
        "TimeCreated":  "\/Date(1792888200374)\/",
        "LevelDisplayName":  "Information",
        "Properties":  [{"Value":  "S-1-5-18"}, {"Value":  null}, {"Value":  10},
                        {"Value":  {"BinaryLength": 12, "Value": "S-1-5-20"}}]
    }
])";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  EXPECT_EQ(test::utc_text(e.event.timestamp, 3), "2026-10-25T00:30:00.374Z");
  EXPECT_EQ(e.event.precision_digits, 3);
  EXPECT_EQ(e.number("winlog.event_id"), 4624u);
  EXPECT_EQ(e.text("event.code"), "4624");
  EXPECT_EQ(e.number("winlog.record_id"), 48214u);
  EXPECT_EQ(e.text("winlog.provider_name"), "Microsoft-Windows-Security-Auditing");
  EXPECT_EQ(e.text("winlog.channel"), "Security");
  EXPECT_EQ(e.text("winlog.computer_name"), "WS-TIME01.corp.example");
  EXPECT_EQ(e.host, "WS-TIME01.corp.example");
  EXPECT_EQ(e.number("winlog.process.pid"), 716u);
  EXPECT_EQ(e.number("winlog.process.thread.id"), 4287u);
  EXPECT_EQ(e.text("winlog.user.identifier"), "S-1-5-19");
  EXPECT_EQ(e.text("winlog.keywords"), "0x8020000000000000");
  EXPECT_EQ(e.text("winlog.rendering_info.Level"), "Information");
  EXPECT_EQ(e.text("winlog.event_data.param1"), "S-1-5-18");
  EXPECT_FALSE(e.text("winlog.event_data.param2").has_value());
  EXPECT_EQ(e.number("winlog.event_data.param3"), 10u);
  EXPECT_EQ(e.text("winlog.event_data.param4"), "S-1-5-20");
  EXPECT_EQ(e.message, "An account was successfully logged on.");
}

TEST(JsonEventReader, MapsWinlogbeatDocumentsAndTheirStringIds) {
  const std::string text =
      R"({"@timestamp":"2026-10-25T00:30:00.374Z","event":{"code":"4624","action":"Logon"},)"
      R"("host":{"name":"ws-time01"},"message":"m","winlog":{"channel":"Security",)"
      R"("computer_name":"WS-TIME01.corp.example","event_id":"4624","record_id":"48214",)"
      R"("provider_name":"Microsoft-Windows-Security-Auditing","keywords":["Audit Success"],)"
      R"("process":{"pid":716,"thread":{"id":4287}},"event_data":{"LogonType":"10"}}})"
      "\n";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 1u);
  const auto& e = events[0];
  EXPECT_EQ(e.number("winlog.event_id"), 4624u);
  EXPECT_EQ(e.text("event.code"), "4624");
  EXPECT_EQ(e.number("winlog.record_id"), 48214u);
  EXPECT_EQ(e.number("winlog.process.pid"), 716u);
  EXPECT_EQ(e.number("winlog.process.thread.id"), 4287u);
  EXPECT_EQ(e.text("winlog.event_data.LogonType"), "10");
  EXPECT_EQ(e.text("winlog.keywords"), "[\"Audit Success\"]");
  EXPECT_EQ(e.text("event.action"), "Logon");
  EXPECT_EQ(e.host, "WS-TIME01.corp.example");
  EXPECT_EQ(test::utc_text(e.event.timestamp, 3), "2026-10-25T00:30:00.374Z");
}

TEST(JsonEventReader, ReadsAPowerShell7SingleObjectWithItsOffset) {
  const std::string text =
      "{\n  \"Id\": 4624,\n  \"RecordId\": 1,\n  \"ProviderName\": \"P\",\n"
      "  \"TimeCreated\": \"2026-10-25T02:30:00.3746446+01:00\"\n}\n";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(test::utc_text(events[0].event.timestamp, 7), "2026-10-25T01:30:00.3746446Z");
  EXPECT_EQ(events[0].event.precision_digits, 7);
}

// --- damage and resume
// ------------------------------------------------------------------------------

TEST(JsonEventReader, MalformedElementIsShippedRawAndFlagged) {
  const std::string text =
      "[\r\n  {\"Id\": 1, \"ProviderName\": \"P\", \"TimeCreated\": \"\\/Date(1000)\\/\"},\r\n"
      "  {\"Id\": 2, \"ProviderName\" \"P\"},\r\n"
      "  {\"Id\": 3, \"ProviderName\": \"P\", \"TimeCreated\": \"\\/Date(3000)\\/\"}\r\n]\r\n";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_FALSE(events[0].event.has(EventFlag::parse_error));
  EXPECT_TRUE(events[1].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[1].message, "{\"Id\": 2, \"ProviderName\" \"P\"}");
  EXPECT_TRUE(events[1].event.time_flags.has(TimeFlag::no_timestamp));
  EXPECT_FALSE(events[2].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[2].number("winlog.event_id"), 3u);
}

TEST(JsonEventReader, ArrayKeptAsJsonTextMustBeValidJson) {
  // The array would be passed on verbatim: a missing comma inside it makes the record malformed
  // instead of producing invalid output.
  const std::string text =
      "{\"Id\":1,\"ProviderName\":\"P\",\"KeywordsDisplayNames\":[\"a\" \"b\"]}\n"
      "{\"Id\":2,\"ProviderName\":\"P\",\"KeywordsDisplayNames\":[\"a\", \"b\"]}\n";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].event.has(EventFlag::parse_error));
  EXPECT_FALSE(events[1].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[1].text("winlog.rendering_info.Keywords"), "[\"a\", \"b\"]");
}

TEST(JsonEventReader, MalformedNdjsonLineCostsOnlyThatLine) {
  const std::string text =
      "{\"EventID\":1,\"SourceName\":\"S\",\"UtcTime\":\"2020-01-01 00:00:01.000\"}\r\n"
      "{\"EventID\":2,\"SourceName\":\"S\",\"UtcTime\":\r\n"
      "not json at all\r\n"
      "{\"EventID\":4,\"SourceName\":\"S\",\"UtcTime\":\"2020-01-01 00:00:04.000\"}\r\n";
  StringArena arena;
  const auto events = read_json(text, arena);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_FALSE(events[0].event.has(EventFlag::parse_error));
  EXPECT_TRUE(events[1].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[2].message, "not json at all");
  EXPECT_TRUE(events[2].event.has(EventFlag::parse_error));
  EXPECT_EQ(test::utc_text(events[3].event.timestamp, 0), "2020-01-01T00:00:04Z");
}

TEST(JsonEventReader, ResumesFromPositionWithoutRepeatingOrSkipping) {
  HOROLOG_SHARED_SAMPLE(path, "winevent-json/handwritten_ps51_get-winevent_convertto-json.json");
  const std::string text = test::read_file(path);
  StringArena arena;
  const auto all = read_json(text, arena);
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, arena, "collector"};
  JsonEventReader first(text);
  Event event;
  for (int i = 0; i < 10; ++i) {
    event.reset();
    ASSERT_TRUE(first.next(event, ctx));
  }
  JsonEventReader second(text, first.position());
  const auto rest = test::read_all(second, arena);
  ASSERT_EQ(rest.size(), all.size() - 10);
  for (std::size_t i = 0; i < rest.size(); ++i) {
    EXPECT_EQ(rest[i].number("winlog.record_id"), all[i + 10].number("winlog.record_id"));
  }
}

}  // namespace
}  // namespace horolog::winevent
