// The whole-file formats' rows of the format registry: each builds its record reader, and the
// first-bytes detection picks them for format `auto`.
#include <gtest/gtest.h>

#include <string>

#include "parsers/format_registry.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

std::string fixture(const char* name) {
  return test::read_file(test::source_path(std::string("tests/data/winevent/") + name));
}

std::unique_ptr<RecordReader> reader_of(std::string_view format, std::string_view input,
                                        DateOrder date_order = DateOrder::auto_detect) {
  ParserOptions options;
  options.date_order = date_order;
  return find_format(format)->make_reader(input, 0, options);
}

TEST(WineventReaders, EachWholeFileFormatBuildsItsReader) {
  const std::string evtx = fixture("security_short_selected.evtx");
  const std::string xml = fixture("otel_xml_sample.xml");
  const std::string json = fixture("otrf_mordor_trap.ndjson");
  const std::string csv =
      "Level,Date and Time,Source,Event ID,Task Category\r\n"
      "Information,26.11.2026 19:00:01,S,1,None,m\r\n";
  StringArena arena;
  auto evtx_reader = reader_of("evtx", evtx);
  ASSERT_NE(evtx_reader, nullptr);
  EXPECT_EQ(test::read_all(*evtx_reader, arena).size(), 7u);
  auto xml_reader = reader_of("winevent-xml", xml);
  ASSERT_NE(xml_reader, nullptr);
  EXPECT_EQ(test::read_all(*xml_reader, arena).size(), 1u);
  auto json_reader = reader_of("winevent-json", json);
  ASSERT_NE(json_reader, nullptr);
  EXPECT_EQ(test::read_all(*json_reader, arena).size(), 2u);
  auto csv_reader = reader_of("winevent-csv", csv, DateOrder::dmy);
  ASSERT_NE(csv_reader, nullptr);
  EXPECT_EQ(test::read_all(*csv_reader, arena).size(), 1u);
  EXPECT_EQ(find_format("rfc3164")->make_reader, nullptr);  // line formats have parsers
}

struct DetectCase {
  const char* name;
  std::string head;
  const char* format;
};

class WholeFileDetect : public ::testing::TestWithParam<DetectCase> {};

TEST_P(WholeFileDetect, NamesTheFormatTheFirstBytesShow) {
  const FormatInfo* detected = detect_whole_file_format(GetParam().head);
  EXPECT_EQ(detected == nullptr ? std::string_view() : detected->name, GetParam().format);
}

INSTANTIATE_TEST_SUITE_P(
    Heads, WholeFileDetect,
    ::testing::Values(
        DetectCase{"evtx", std::string("ElfFile\0\0\0", 10), "evtx"},
        DetectCase{"wevtutil_xml", "<Event xmlns='x'><System><EventID>1</EventID></System></Event>",
                   "winevent-xml"},
        DetectCase{"saved_xml", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\r\n<Events><Event><System>",
                   "winevent-xml"},
        DetectCase{"powershell_array",
                   "[\r\n    {\r\n        \"Id\":  4624,\r\n"
                   "        \"ProviderName\":  \"P\"",
                   "winevent-json"},
        DetectCase{"winlogbeat", "{\"@timestamp\":\"x\",\"winlog\":{\"event_id\":\"1\"}}\n",
                   "winevent-json"},
        DetectCase{"nxlog", "{\"EventID\":1,\"SourceName\":\"S\",\"EventTime\":\"x\"}\n",
                   "winevent-json"},
        DetectCase{"sentinel", "{\"TimeGenerated\":\"x\",\"EventID\":1}\n", "winevent-json"},
        DetectCase{"eventviewer_csv",
                   "Level,Date and Time,Source,Event ID,Task Category\r\n"
                   "Information,11/26/2026 7:00:01 PM,S,1,None,m\r\n",
                   "winevent-csv"},
        // Line formats stay with per-record detection.
        DetectCase{"json_lines", "{\"time\":\"2026-11-26T12:00:00Z\",\"msg\":\"hi\"}\n", ""},
        DetectCase{"syslog", "Nov 26 12:00:01 web1 sshd[7]: ok\n", ""},
        DetectCase{"other_xml", "<?xml version=\"1.0\"?><config/>", ""},
        DetectCase{"other_csv", "a,b,c,d,e\r\n1,2,3,4,5,6\r\n", ""}, DetectCase{"empty", "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace horolog::winevent
