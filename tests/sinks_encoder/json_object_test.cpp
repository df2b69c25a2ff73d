// JsonObjectWriter: dotted keys nest and merge, collisions are renamed without losing a value,
// and the output does not depend on the order extras were added in.
#include "sinks/json_object.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <limits>
#include <string>
#include <vector>

#include "tests/sinks_encoder/json_line_check.h"

namespace horolog {
namespace {

class JsonObject : public ::testing::Test {
 protected:
  // Writes the object, checks it parses with unique keys and keeps every value; returns it.
  std::string write(std::size_t expected_leaves) {
    std::string out;
    writer_.write(out);
    simdjson::dom::element root;
    EXPECT_TRUE(test::parse_json_object(parser_, out, root));
    if (!HasFailure()) {
      EXPECT_EQ(test::count_leaves(root), expected_leaves) << out;
    }
    return out;
  }
  void fixed(std::string_view key, std::string_view value) {
    writer_.add(key, FieldValue::string(value), true);
  }
  void extra(std::string_view key, std::string_view value) {
    writer_.add(key, FieldValue::string(value), false);
  }

  JsonObjectWriter writer_;
  simdjson::dom::parser parser_;
};

TEST_F(JsonObject, NestsDottedKeysAndMergesSharedPrefixes) {
  fixed("host.name", "web1");
  fixed("host.clock.source", "ntp");
  fixed("log.file.path", "/var/log/syslog");
  extra("host.ip", "10.0.0.5");
  fixed("message", "m");
  EXPECT_EQ(write(5), R"({"host":{"clock":{"source":"ntp"},"ip":"10.0.0.5","name":"web1"},)"
                      R"("log":{"file":{"path":"/var/log/syslog"}},"message":"m"})");
}

TEST_F(JsonObject, WritesEmptyObjectWhenNothingAdded) { EXPECT_EQ(write(0), "{}"); }

TEST_F(JsonObject, RenamesLaterDuplicatesWithNumberedSuffix) {
  extra("a", "1");
  extra("a", "2");
  extra("a", "3");
  EXPECT_EQ(write(3), R"({"a":"1","a_2":"2","a_3":"3"})");
}

TEST_F(JsonObject, FixedFieldKeepsItsNameAgainstAnEarlierAddedExtra) {
  extra("message", "extra");
  fixed("message", "fixed");
  EXPECT_EQ(write(2), R"({"message":"fixed","message_2":"extra"})");
}

TEST_F(JsonObject, ExtraValueOnAnObjectPathMovesAside) {
  fixed("host.name", "web1");
  extra("host", "plain");
  EXPECT_EQ(write(2), R"({"host":{"name":"web1"},"host_2":"plain"})");
}

TEST_F(JsonObject, ExtrasUnderAFixedValueMoveToARenamedObject) {
  fixed("message", "text");
  extra("message.id", "7");
  extra("message.kind", "k");
  EXPECT_EQ(write(3), R"({"message":"text","message_2":{"id":"7","kind":"k"}})");
}

TEST_F(JsonObject, ExtraValueAndExtraObjectOnSameKeyKeepTheObject) {
  extra("a.b", "inner");
  extra("a", "outer");
  EXPECT_EQ(write(2), R"({"a":{"b":"inner"},"a_2":"outer"})");
}

TEST_F(JsonObject, SuffixSkipsNamesAlreadyTaken) {
  extra("a", "first");
  extra("a", "second");
  extra("a_2", "taken");
  EXPECT_EQ(write(3), R"({"a":"first","a_2":"taken","a_3":"second"})");
}

TEST_F(JsonObject, RenamedObjectAvoidsAnExistingValue) {
  fixed("message", "text");
  extra("message.id", "7");
  extra("message_2", "squatter");
  EXPECT_EQ(write(3), R"({"message":"text","message_2":"squatter","message_3":{"id":"7"}})");
}

TEST_F(JsonObject, EmptyKeySegmentsStayValid) {
  extra("", "empty");
  extra("a..b", "double dot");
  extra(".x", "leading dot");
  extra("y.", "trailing dot");
  EXPECT_EQ(write(4), R"({"":{"x":"leading dot"},"_2":"empty","a":{"":{"b":"double dot"}},)"
                      R"("y":{"":"trailing dot"}})");
}

TEST_F(JsonObject, KeysWithIllFormedUtf8AreRepairedAndStayUnique) {
  extra("k\xff", "1");
  extra("k\xfe", "2");
  EXPECT_EQ(write(2), "{\"k\xef\xbf\xbd\":\"1\",\"k\xef\xbf\xbd_2\":\"2\"}");
}

TEST_F(JsonObject, KeysNeedingEscapesAreEscaped) {
  extra("a\"b.c\nd", "v");
  EXPECT_EQ(write(1), R"({"a\"b":{"c\nd":"v"}})");
}

TEST_F(JsonObject, OutputDoesNotDependOnInsertionOrder) {
  const std::vector<std::pair<std::string_view, std::string_view>> members = {
      {"z", "1"}, {"a.b", "2"}, {"a-c", "3"}, {"a.c", "4"}, {"a!", "5"}, {"b.a.a", "6"}};
  for (const auto& [key, value] : members) extra(key, value);
  const std::string forward = write(6);
  writer_.clear();
  for (auto it = members.rbegin(); it != members.rend(); ++it) extra(it->first, it->second);
  EXPECT_EQ(write(6), forward);
  EXPECT_EQ(forward, R"({"a":{"b":"2","c":"4"},"a!":"5","a-c":"3","b":{"a":{"a":"6"}},"z":"1"})");
}

TEST_F(JsonObject, WritesEveryValueKind) {
  writer_.add("s", FieldValue::string("x"), false);
  writer_.add("i", FieldValue::int64(-5), false);
  writer_.add("u", FieldValue::uint64(18446744073709551615ull), false);
  writer_.add("f", FieldValue::float64(0.25), false);
  writer_.add("nan", FieldValue::float64(std::numeric_limits<double>::quiet_NaN()), false);
  writer_.add("b", FieldValue::boolean(true), false);
  writer_.add("j", FieldValue::json("{\"k\":\r\n[1,2]}"), false);
  writer_.add("empty_json", FieldValue::json(""), false);
  EXPECT_EQ(write(8), R"({"b":true,"empty_json":null,"f":0.25,"i":-5,"j":{"k":  [1,2]},"nan":null,)"
                      R"("s":"x","u":18446744073709551615})");
}

TEST_F(JsonObject, ReusesWriterAcrossObjects) {
  extra("a", "1");
  write(1);
  writer_.clear();
  extra("b", "2");
  EXPECT_EQ(write(1), R"({"b":"2"})");
}

}  // namespace
}  // namespace horolog
