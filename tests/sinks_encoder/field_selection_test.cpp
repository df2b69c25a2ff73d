// FieldSelection and the encoder's include/exclude lists: what a selection keeps, on the direct
// path and on the renaming path, with every line parsed back.
#include "sinks/field_selection.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <string>

#include "sinks/ndjson_encoder.h"
#include "tests/sinks_encoder/json_line_check.h"

namespace horolog {
namespace {

using namespace std::chrono;

TEST(FieldSelection, KeepsEverythingWhenNothingIsListed) {
  const FieldSelection selection;
  EXPECT_TRUE(selection.keeps_everything());
  EXPECT_TRUE(selection.keeps("host.clock.offset_ms"));
}

TEST(FieldSelection, IncludedNameCoversTheMembersUnderIt) {
  const FieldSelection selection({"host", "log.syslog"}, {});
  EXPECT_TRUE(selection.keeps("host"));
  EXPECT_TRUE(selection.keeps("host.clock.offset_ms"));
  EXPECT_TRUE(selection.keeps("log.syslog.severity.name"));
  EXPECT_FALSE(selection.keeps("log.file.path"));
  EXPECT_FALSE(selection.keeps("message"));
}

TEST(FieldSelection, MatchesWholeSegmentsOnly) {
  const FieldSelection selection({"host"}, {"log.sys"});
  EXPECT_FALSE(selection.keeps("hostname"));
  EXPECT_FALSE(selection.keeps("hos"));
  const FieldSelection excluding({}, {"log.sys"});
  EXPECT_TRUE(excluding.keeps("log.syslog.msgid"));
}

TEST(FieldSelection, ExcludeAppliesAfterInclude) {
  const FieldSelection selection({"host"}, {"host.clock.measured_at"});
  EXPECT_TRUE(selection.keeps("host.clock.offset_ms"));
  EXPECT_FALSE(selection.keeps("host.clock.measured_at"));
}

TEST(FieldSelection, AlwaysKeepsTimestamp) {
  EXPECT_TRUE(FieldSelection({"message"}, {}).keeps("@timestamp"));
  EXPECT_TRUE(FieldSelection({}, {"@timestamp"}).keeps("@timestamp"));
}

TEST(FieldSelection, NamesTheProblemOfEmptySegments) {
  EXPECT_FALSE(FieldSelection::name_problem("host.clock").has_value());
  EXPECT_TRUE(FieldSelection::name_problem("").has_value());
  EXPECT_TRUE(FieldSelection::name_problem(".host").has_value());
  EXPECT_TRUE(FieldSelection::name_problem("host.").has_value());
  EXPECT_TRUE(FieldSelection::name_problem("host..name").has_value());
  EXPECT_FALSE(FieldSelection::name_problem("@timestamp").has_value());
  EXPECT_TRUE(FieldSelection::name_problem("@timestamp", true).has_value());
}

SysNanos at(int y, unsigned m, unsigned d, hours h) {
  return SysNanos{sys_days{year{y} / month{m} / day{d}}} + h;
}

Event syslog_event() {
  Event event;
  event.timestamp = at(2026, 11, 26, 11h);
  event.created = at(2026, 11, 26, 12h);
  event.time_original = "Nov 26 12:00:00";
  event.host = "web1";
  event.app = "sshd";
  event.pid = 1234;
  event.facility = 4;
  event.severity = 6;
  event.message = "Accepted publickey for alice";
  event.dataset = "syslog.rfc3164";
  event.source_path = "/var/log/syslog";
  event.offset = 77;
  return event;
}

ClockEstimate kernel_estimate() {
  ClockEstimate clock;
  clock.source = ClockSource::kernel;
  clock.offset = 1ms;
  clock.error_bound = 16ms;
  clock.measured_at = at(2026, 11, 26, 12h);
  return clock;
}

std::string encode(const FieldSelection& selection, const Event& event) {
  NdjsonEncoder encoder(selection);
  const ClockEstimate clock = kernel_estimate();
  std::string line;
  encoder.encode(event, EncodeContext{&clock}, line);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  EXPECT_TRUE(test::parse_json_line(parser, line, root)) << line;
  return line;
}

TEST(EncoderFieldSelection, WritesOnlyTheIncludedMembers) {
  EXPECT_EQ(
      encode(FieldSelection({"host.name", "process", "log.syslog.severity.name", "message"}, {}),
             syslog_event()),
      R"({"@timestamp":"2026-11-26T11:00:00Z","host":{"name":"web1"},)"
      R"("log":{"syslog":{"severity":{"name":"info"}}},)"
      R"("message":"Accepted publickey for alice","process":{"name":"sshd","pid":1234}})"
      "\n");
}

TEST(EncoderFieldSelection, LeavesOutExcludedMembersAndTheirObjects) {
  EXPECT_EQ(encode(FieldSelection({}, {"host.clock", "event", "horolog", "log.file", "log.offset"}),
                   syslog_event()),
            R"({"@timestamp":"2026-11-26T11:00:00Z","host":{"name":"web1"},)"
            R"("log":{"syslog":{"facility":{"code":4,"name":"auth"},)"
            R"("severity":{"code":6,"name":"info"}}},)"
            R"("message":"Accepted publickey for alice","process":{"name":"sshd","pid":1234}})"
            "\n");
}

TEST(EncoderFieldSelection, SelectsExtrasByTheSameNames) {
  Event event = syslog_event();
  event.add("log.syslog.structured_data.meta.sequenceId", FieldValue::string("42"));
  event.add("log.syslog.msgid", FieldValue::string("LOGIN"));
  event.add("ntp.offset_s", FieldValue::float64(0.5));
  EXPECT_EQ(encode(FieldSelection({"log.syslog.structured_data", "ntp"}, {}), event),
            R"({"@timestamp":"2026-11-26T11:00:00Z",)"
            R"("log":{"syslog":{"structured_data":{"meta":{"sequenceId":"42"}}}},)"
            R"("ntp":{"offset_s":0.5}})"
            "\n");
}

TEST(EncoderFieldSelection, AppliesOnTheRenamingPathToo) {
  Event event = syslog_event();
  event.add("message", FieldValue::string("shadow"));  // collides: the line is written renamed
  event.add("ntp.offset_s", FieldValue::float64(0.5));
  const std::string kept = encode(FieldSelection({"message"}, {}), event);
  EXPECT_EQ(kept,
            R"({"@timestamp":"2026-11-26T11:00:00Z","message":"Accepted publickey for alice",)"
            R"("message_2":"shadow"})"
            "\n");
  const std::string dropped = encode(FieldSelection({}, {"ntp", "host", "event", "log"}), event);
  EXPECT_EQ(dropped.find("ntp"), std::string::npos) << dropped;
  EXPECT_EQ(dropped.find("clock"), std::string::npos) << dropped;
  EXPECT_NE(dropped.find(R"("message_2":"shadow")"), std::string::npos) << dropped;
}

}  // namespace
}  // namespace horolog
