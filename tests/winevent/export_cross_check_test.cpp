// One set of events ("winevent A" in the shared data README: 50 events, the first 28 in the
// PowerShell files) exported in every shape: each event must get the same UTC second from the
// CSV files (local time, en-US in New York and de-DE in Berlin, both fall-back folds), both
// PowerShell JSON dialects, Winlogbeat and both XML exports, and the same clock fields.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "normalizer/zone.h"
#include "parsers/format_registry.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

using std::chrono::floor;
using std::chrono::seconds;

struct Export {
  const char* path;
  const char* format;
  const char* zone;
};

std::vector<test::OwnedEvent> read_export(const Export& source, std::string& text,
                                          StringArena& arena) {
  text = test::read_file(test::shared_data_path(source.path));
  auto reader = find_format(source.format)->make_reader(text, 0, ParserOptions{});
  TimeResolver resolver(TimeResolverSettings{Zone::find(source.zone).value()});
  return test::read_all(*reader, arena, &resolver);
}

TEST(ExportCrossCheck, EveryExportGivesEachEventTheSameUtcSecond) {
  HOROLOG_SHARED_SAMPLE(reference_path, "winevent-xml/handwritten_wevtutil_qe_xml.xml");
  StringArena arena;
  std::string reference_text;
  const auto reference =
      read_export({"winevent-xml/handwritten_wevtutil_qe_xml.xml", "winevent-xml", "UTC"},
                  reference_text, arena);
  ASSERT_EQ(reference.size(), 50u);
  std::map<std::uint64_t, const test::OwnedEvent*> by_record;
  for (const auto& e : reference) by_record[*e.number("winlog.record_id")] = &e;

  const Export with_record_ids[] = {
      {"winevent-xml/handwritten_eventviewer_saveas.xml", "winevent-xml", "UTC"},
      {"winevent-json/handwritten_ps51_get-winevent_convertto-json.json", "winevent-json", "UTC"},
      {"winevent-json/handwritten_ps7_get-winevent_convertto-json.json", "winevent-json", "UTC"},
      {"winevent-json/handwritten_winlogbeat.ndjson", "winevent-json", "UTC"},
  };
  for (const Export& source : with_record_ids) {
    std::string text;
    const auto events = read_export(source, text, arena);
    EXPECT_GE(events.size(), 28u) << source.path;
    for (const auto& e : events) {
      const auto id = e.number("winlog.record_id");
      ASSERT_TRUE(id.has_value()) << source.path;
      const auto found = by_record.find(*id);
      ASSERT_NE(found, by_record.end()) << source.path << " record " << *id;
      EXPECT_EQ(floor<seconds>(e.event.timestamp), floor<seconds>(found->second->event.timestamp))
          << source.path << " record " << *id;
      EXPECT_EQ(e.number("winlog.event_id"), found->second->number("winlog.event_id"));
    }
  }

  // CSV rows have no record id: the same events, newest first (events within one second in
  // either order), so the sorted (UTC second, event id) pairs must be equal.
  using Key = std::pair<SysNanos, std::uint64_t>;
  std::vector<Key> expected;
  expected.reserve(reference.size());
  for (const auto& e : reference) {
    expected.emplace_back(floor<seconds>(e.event.timestamp), *e.number("winlog.event_id"));
  }
  std::sort(expected.begin(), expected.end());
  const Export csv_exports[] = {
      {"winevent-csv/handwritten_eventviewer_en-US.csv", "winevent-csv", "America/New_York"},
      {"winevent-csv/handwritten_eventviewer_de-DE-format.csv", "winevent-csv", "Europe/Berlin"},
  };
  for (const Export& source : csv_exports) {
    std::string text;
    const auto events = read_export(source, text, arena);
    std::vector<Key> got;
    std::size_t folds = 0;
    for (const auto& e : events) {
      got.emplace_back(floor<seconds>(e.event.timestamp), e.number("winlog.event_id").value_or(0));
      folds += e.event.time_flags.has(TimeFlag::dst_fold) ? 1 : 0;
    }
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << source.path;
    EXPECT_GT(folds, 0u) << source.path;
  }
}

// The clock fields every export must agree on. Text fields compare exactly; the readings and
// the step are compared to the millisecond that PowerShell 5.1's /Date(ms)/ keeps.
constexpr const char* kClockTexts[] = {
    "event.action",
    "event.kind",
    "event.category",
    "rule.name",
    "user.name",
    "user.domain",
    "user.id",
    "horolog.clock.source",
    "registry.path",
    "horolog.clock.config.old_value",
    "horolog.clock.config.new_value",
    "process.command_line",
};
constexpr const char* kProcessTexts[] = {"process.executable"};

void expect_same_clock_fields(const test::OwnedEvent& got, const test::OwnedEvent& want,
                              bool message_only, const std::string& where) {
  SCOPED_TRACE(where + " event " + std::to_string(want.number("winlog.event_id").value_or(0)));
  if (!want.text("event.category")) {
    // Untagged (Winlogbeat's own event.action stays; no time vocabulary is added).
    EXPECT_FALSE(got.text("event.category").has_value());
    EXPECT_FALSE(got.text("event.kind").has_value());
    EXPECT_FALSE(got.event.clock_change.present());
    return;
  }
  for (const char* key : kClockTexts) EXPECT_EQ(got.text(key), want.text(key)) << key;
  // Kernel-General's rendered message names no process (on the systems these exports mimic).
  const bool names_process = !(message_only && want.number("winlog.event_id") == 1u);
  if (names_process) {
    for (const char* key : kProcessTexts) EXPECT_EQ(got.text(key), want.text(key)) << key;
    EXPECT_EQ(got.event.app, want.event.app);
    EXPECT_EQ(got.event.pid, want.event.pid);
  }
  const auto step = want.real("horolog.clock.step_s");
  ASSERT_EQ(got.real("horolog.clock.step_s").has_value(), step.has_value());
  if (!step) return;
  EXPECT_NEAR(*got.real("horolog.clock.step_s"), *step, 0.001);
  for (const char* key : {"horolog.clock.previous", "horolog.clock.new"}) {
    const std::string reading = got.text(key).value_or("");
    const std::string expected = want.text(key).value_or("");
    ASSERT_EQ(reading.size(), expected.size()) << key;
    EXPECT_EQ(reading.substr(0, 23), expected.substr(0, 23)) << key;  // to the millisecond
  }
  EXPECT_EQ(got.event.clock_change.has_step, want.event.clock_change.has_step);
}

TEST(ExportCrossCheck, EveryExportGivesEachEventTheSameClockFields) {
  HOROLOG_SHARED_SAMPLE(reference_path, "winevent-xml/handwritten_wevtutil_qe_xml.xml");
  StringArena arena;
  std::string reference_text;
  const auto reference =
      read_export({"winevent-xml/handwritten_wevtutil_qe_xml.xml", "winevent-xml", "UTC"},
                  reference_text, arena);
  std::map<std::uint64_t, const test::OwnedEvent*> by_record;
  std::multimap<std::pair<SysNanos, std::uint64_t>, const test::OwnedEvent*> by_second;
  std::size_t tagged = 0;
  for (const auto& e : reference) {
    by_record[*e.number("winlog.record_id")] = &e;
    by_second.emplace(std::pair{floor<seconds>(e.event.timestamp), *e.number("winlog.event_id")},
                      &e);
    tagged += e.text("event.category").has_value() ? 1 : 0;
  }
  EXPECT_EQ(tagged, 34u);  // 4616, 4657, 4688 with w32tm /config, Kernel-General, Time-Service

  const Export with_record_ids[] = {
      {"winevent-xml/handwritten_eventviewer_saveas.xml", "winevent-xml", "UTC"},
      {"winevent-json/handwritten_ps51_get-winevent_convertto-json.json", "winevent-json", "UTC"},
      {"winevent-json/handwritten_ps7_get-winevent_convertto-json.json", "winevent-json", "UTC"},
      {"winevent-json/handwritten_winlogbeat.ndjson", "winevent-json", "UTC"},
  };
  for (const Export& source : with_record_ids) {
    std::string text;
    for (const auto& e : read_export(source, text, arena)) {
      const auto found = by_record.find(*e.number("winlog.record_id"));
      ASSERT_NE(found, by_record.end()) << source.path;
      expect_same_clock_fields(e, *found->second, false, source.path);
    }
  }
  const Export csv_exports[] = {
      {"winevent-csv/handwritten_eventviewer_en-US.csv", "winevent-csv", "America/New_York"},
      {"winevent-csv/handwritten_eventviewer_de-DE-format.csv", "winevent-csv", "Europe/Berlin"},
  };
  for (const Export& source : csv_exports) {
    std::string text;
    for (const auto& e : read_export(source, text, arena)) {
      const auto key =
          std::pair{floor<seconds>(e.event.timestamp), e.number("winlog.event_id").value_or(0)};
      ASSERT_EQ(by_second.count(key), 1u) << source.path;
      expect_same_clock_fields(e, *by_second.find(key)->second, true, source.path);
    }
  }
}

}  // namespace
}  // namespace horolog::winevent
