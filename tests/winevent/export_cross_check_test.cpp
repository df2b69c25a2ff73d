// One set of events ("winevent A" in the shared data README: 50 events, the first 28 in the
// PowerShell files) exported in every shape: each event must get the same UTC second from the
// CSV files (local time, en-US in New York and de-DE in Berlin, both fall-back folds), both
// PowerShell JSON dialects, Winlogbeat and both XML exports.
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

}  // namespace
}  // namespace horolog::winevent
