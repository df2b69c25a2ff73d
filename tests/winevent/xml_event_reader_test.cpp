// XML exports of Windows events: the small XML reader (accepted and rejected shapes) and
// XmlEventReader on the real and hand-written export files.
#include "parsers/winevent/xml_event_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "parsers/winevent/xml_text_reader.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

std::vector<test::OwnedEvent> read_xml(const std::string& text, StringArena& arena) {
  XmlEventReader reader(text);
  return test::read_all(reader, arena);
}

// --- the XML reader itself ---------------------------------------------------------------------

struct XmlCase {
  const char* xml;
  const char* root_text;  // text of the first child element, for accepted cases
};

class XmlAccepted : public ::testing::TestWithParam<XmlCase> {};

TEST_P(XmlAccepted, ReadsTheElementAndItsText) {
  const std::string_view xml = GetParam().xml;
  StringArena arena;
  XmlTree tree;
  std::size_t pos = 0;
  ASSERT_TRUE(read_xml_element(xml, pos, tree, arena));
  EXPECT_EQ(pos, xml.size());
  ASSERT_GE(tree.size(), 2u);
  std::string_view text;
  for (const XmlNode& node : tree.nodes()) {
    if (node.kind == XmlNode::Kind::element && node.name == "b") text = node.text;
  }
  EXPECT_EQ(text, GetParam().root_text);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, XmlAccepted,
    ::testing::Values(
        XmlCase{"<a><b>x</b></a>", "x"},
        XmlCase{"<a x='1' y=\"2\"><b>1 &lt; 2 &amp;&amp; 3 &gt; 2</b></a>", "1 < 2 && 3 > 2"},
        XmlCase{"<a>\r\n  <b>line&#xD;\nnext</b>\r\n</a>", "line\r\nnext"},
        XmlCase{"<a><!-- note --><b><![CDATA[<raw>&]]></b></a>", "<raw>&"},
        XmlCase{"<a><b>&#233;&#x1F600;&quot;&apos;</b></a>", "\xC3\xA9\xF0\x9F\x98\x80\"'"},
        XmlCase{"<e:a xmlns:e='u'><b/><b>t</b></e:a>", "t"}));

class XmlRejected : public ::testing::TestWithParam<const char*> {};

TEST_P(XmlRejected, RefusesMalformedXml) {
  const std::string_view xml = GetParam();
  StringArena arena;
  XmlTree tree;
  std::size_t pos = 0;
  EXPECT_FALSE(read_xml_element(xml, pos, tree, arena));
}

INSTANTIATE_TEST_SUITE_P(Shapes, XmlRejected,
                         ::testing::Values("<a><b>x</b>", "<a><b>x</c></a>", "<a b=1></a>",
                                           "<a>&nbsp;</a>", "<a>&#xZZ;</a>", "<a b='x></a>",
                                           "<a><!-- never closed </a>", "x<a/>", ""));

// --- XmlEventReader ---------------------------------------------------------------------------

TEST(XmlEventReader, ReadsPrettyPrintedEventWithUnnamedData) {
  const std::string text =
      test::read_file(test::source_path("tests/data/winevent/otel_xml_sample.xml"));
  StringArena arena;
  const auto events = read_xml(text, arena);
  ASSERT_EQ(events.size(), 1u);
  const test::OwnedEvent& e = events[0];
  EXPECT_FALSE(e.event.has(EventFlag::parse_error));
  EXPECT_EQ(test::utc_text(e.event.timestamp, 7), "2022-04-22T10:20:52.3778625Z");
  EXPECT_EQ(e.event.precision_digits, 7);
  EXPECT_EQ(e.event.dataset, "winevent.xml");
  EXPECT_EQ(e.host, "computer");
  EXPECT_EQ(e.number("winlog.event_id"), 16384u);
  EXPECT_EQ(e.number("winlog.record_id"), 23401u);
  EXPECT_EQ(e.text("winlog.provider_name"), "Microsoft-Windows-Security-SPP");
  EXPECT_EQ(e.text("winlog.event_source_name"), "Software Protection Platform Service");
  EXPECT_EQ(e.text("winlog.event_data.param1"), "2022-04-28T19:48:52Z");
  EXPECT_EQ(e.text("winlog.event_data.param2"), "RulesEngine");
}

TEST(XmlEventReader, KeepsRenderingInfoAndUsesItsMessage) {
  const std::string text =
      test::read_file(test::source_path("tests/data/winevent/otel_xml_rendering_info.xml"));
  StringArena arena;
  const auto events = read_xml(text, arena);
  ASSERT_EQ(events.size(), 1u);
  const test::OwnedEvent& e = events[0];
  EXPECT_EQ(e.message, "The Software Protection service entered the running state.");
  EXPECT_EQ(e.text("winlog.rendering_info.Level"), "Information");
  EXPECT_EQ(e.text("winlog.rendering_info.culture"), "en-US");
  EXPECT_EQ(e.text("winlog.event_data.param1"), "Software Protection");
  EXPECT_EQ(e.text("winlog.event_data.Binary"), "7300700070007300760063002F0034000000");
  EXPECT_EQ(e.number("winlog.process.pid"), 788u);
}

TEST(XmlEventReader, TurnsAMalformedEventIntoOneErrorEventAndGoesOn) {
  const std::string text =
      "<Event><System><EventID>1</EventID></Event>\n"
      "<Event><System><Provider Name='P'/><EventID>2</EventID>"
      "<TimeCreated SystemTime='2026-01-02T03:04:05.1234567Z'/></System></Event>\n";
  StringArena arena;
  const auto events = read_xml(text, arena);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[0].message, "<Event><System><EventID>1</EventID></Event>\n");
  EXPECT_FALSE(events[1].event.has(EventFlag::parse_error));
  EXPECT_EQ(events[1].number("winlog.event_id"), 2u);
  EXPECT_EQ(test::utc_text(events[1].event.timestamp, 7), "2026-01-02T03:04:05.1234567Z");
}

TEST(XmlEventReader, ResumesAfterTheLastEventItReturned) {
  HOROLOG_SHARED_SAMPLE(path, "winevent-xml/handwritten_wevtutil_qe_xml.xml");
  const std::string text = test::read_file(path);
  StringArena arena;
  TimeResolver resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver, arena, "collector"};
  XmlEventReader first(text);
  Event event;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(first.next(event, ctx));
  XmlEventReader resumed(text, first.position());
  EXPECT_EQ(test::read_all(resumed, arena).size(), 40u);
}

struct XmlSample {
  const char* file;
  std::size_t events;
};

void PrintTo(const XmlSample& s, std::ostream* os) { *os << s.file; }

class XmlSamples : public ::testing::TestWithParam<XmlSample> {};

TEST_P(XmlSamples, ParsesEveryEventWithoutError) {
  HOROLOG_SHARED_SAMPLE(path, std::string("winevent-xml/") + GetParam().file);
  const std::string text = test::read_file(path);
  StringArena arena;
  const auto events = read_xml(text, arena);
  EXPECT_EQ(events.size(), GetParam().events);
  for (const auto& e : events) {
    EXPECT_FALSE(e.event.has(EventFlag::parse_error)) << e.message;
    EXPECT_FALSE(e.event.time_flags.has(TimeFlag::no_timestamp));
    EXPECT_TRUE(e.number("winlog.event_id").has_value());
    EXPECT_TRUE(e.number("winlog.record_id").has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(SharedData, XmlSamples,
                         ::testing::Values(XmlSample{"handwritten_wevtutil_qe_xml.xml", 50},
                                           XmlSample{"handwritten_eventviewer_saveas.xml", 50},
                                           XmlSample{"otel_xmlSample.xml", 1},
                                           XmlSample{"otel_xmlRenderingInfoSystem.xml", 1}));

TEST(XmlEventReader, GivesTheSameInstantsForWevtutilAndEventViewerExports) {
  // The same 50 events: wevtutil writes 9 fraction digits, Event Viewer 7.
  HOROLOG_SHARED_SAMPLE(wevtutil, "winevent-xml/handwritten_wevtutil_qe_xml.xml");
  HOROLOG_SHARED_SAMPLE(saveas, "winevent-xml/handwritten_eventviewer_saveas.xml");
  const std::string a = test::read_file(wevtutil);
  const std::string b = test::read_file(saveas);
  StringArena arena;
  const auto from_wevtutil = read_xml(a, arena);
  const auto from_viewer = read_xml(b, arena);
  ASSERT_EQ(from_wevtutil.size(), from_viewer.size());
  std::size_t with_message = 0;
  for (std::size_t i = 0; i < from_wevtutil.size(); ++i) {
    EXPECT_EQ(from_wevtutil[i].event.timestamp, from_viewer[i].event.timestamp) << i;
    EXPECT_EQ(from_wevtutil[i].number("winlog.record_id"),
              from_viewer[i].number("winlog.record_id"));
    EXPECT_EQ(from_wevtutil[i].event.precision_digits, 9);
    EXPECT_EQ(from_viewer[i].event.precision_digits, 7);
    with_message += !from_viewer[i].message.empty();
  }
  EXPECT_GT(with_message, 0u);
}

}  // namespace
}  // namespace horolog::winevent
