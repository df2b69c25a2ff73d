// EvtxReader against libevtx's evtxexport (Debian libevtx-utils) on every shared EVTX sample:
// every record evtxexport prints must come out here with the same record id, event id,
// SystemTime and computer. Skipped where evtxexport is not installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "parsers/winevent/evtx_reader.h"
#include "parsers/winevent/xml_event_reader.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

constexpr const char* kEvtxexport = "/usr/bin/evtxexport";

TEST(EvtxVersusEvtxexport, AgreesOnEveryRecordEvtxexportReads) {
  if (!std::filesystem::exists(kEvtxexport)) GTEST_SKIP() << "evtxexport (libevtx-utils) absent";
  HOROLOG_SHARED_SAMPLE(folder, "evtx");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".evtx") continue;
    ++files;
    SCOPED_TRACE(entry.path().filename().string());
    const test::ProcessResult exported =
        test::run_process({kEvtxexport, "-f", "xml", entry.path().string()});
    StringArena arena;
    XmlEventReader xml(exported.out);
    const auto reference = test::read_all(xml, arena);

    const std::string file = test::read_file(entry.path());
    EvtxReader reader(Bytes(reinterpret_cast<const std::uint8_t*>(file.data()), file.size()));
    const auto ours = test::read_all(reader, arena);
    std::map<std::uint64_t, const test::OwnedEvent*> by_id;
    for (const auto& e : ours) by_id[e.number("winlog.record_id").value_or(0)] = &e;

    // Where evtxexport reads the whole file cleanly, the counts agree too (damaged files yield
    // more records here: see EvtxSamples).
    if (exported.exit_code == 0 && reader.counters().records_bad_header == 0) {
      EXPECT_EQ(ours.size(), reference.size());
    }
    for (const auto& expected : reference) {
      const std::uint64_t id = expected.number("winlog.record_id").value_or(0);
      const auto found = by_id.find(id);
      ASSERT_NE(found, by_id.end()) << "record " << id;
      const test::OwnedEvent& actual = *found->second;
      EXPECT_EQ(actual.number("winlog.event_id"), expected.number("winlog.event_id")) << id;
      EXPECT_EQ(actual.event.timestamp, expected.event.timestamp) << id;
      EXPECT_EQ(actual.host, expected.host) << id;
    }
  }
  EXPECT_GT(files, 30u);
}

}  // namespace
}  // namespace horolog::winevent
