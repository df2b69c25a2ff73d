// Record readers by format name, as the agent's file input asks for them.
#include <gtest/gtest.h>

#include <string>

#include "parsers/winevent/winevent_readers.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

TEST(WineventReaders, BuildsTheReaderOfEachFormatName) {
  const std::string evtx =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  const std::string xml = test::read_file(test::source_path("tests/data/winevent/otel_xml_sample.xml"));
  StringArena arena;
  auto evtx_reader = make_record_reader("evtx", evtx);
  ASSERT_NE(evtx_reader, nullptr);
  EXPECT_EQ(test::read_all(*evtx_reader, arena).size(), 7u);
  auto xml_reader = make_record_reader("winevent-xml", xml);
  ASSERT_NE(xml_reader, nullptr);
  EXPECT_EQ(test::read_all(*xml_reader, arena).size(), 1u);
  EXPECT_EQ(make_record_reader("rfc3164", xml), nullptr);
}

}  // namespace
}  // namespace horolog::winevent
