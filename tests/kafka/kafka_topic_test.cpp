// Topic names rendered from the `topic` template: whatever the events hold, the name is one Kafka
// accepts and never an internal topic; a template whose own text Kafka would refuse is refused.
#include "sinks/kafka/kafka_topic.h"

#include <gtest/gtest.h>

#include <set>

namespace horolog {
namespace {

std::string render(std::string_view text, std::string_view host, std::string_view input = "app") {
  Result<KafkaTopic> topic = KafkaTopic::parse(text);
  EXPECT_TRUE(topic) << text << ": " << topic.error().message();
  if (!topic) return {};
  Event event;
  event.host = host;
  event.input_name = input;
  std::string out;
  topic->render(event, "rfc3164", out);
  return out;
}

bool is_valid_kafka_topic(std::string_view name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

TEST(KafkaTopic, RendersHostsOfEveryShapeAsValidTopics) {
  const std::pair<std::string_view, std::string_view> table[] = {
      {"__consumer_offsets", "logs.__consumer_offsets"},
      {"a/b", "logs.a_b"},
      {"web 1", "logs.web_1"},
      {"wébserver", "logs.w__bserver"},
      {"..", "logs.._"},
      {".", "logs._"},
      {"", "logs.unknown"},
  };
  for (const auto& [host, expected] : table) {
    const std::string topic = render("logs.{host}", host);
    EXPECT_EQ(topic, expected) << host;
    EXPECT_TRUE(is_valid_kafka_topic(topic)) << topic;
  }
}

TEST(KafkaTopic, NeverRendersAnInternalTopicFromAField) {
  const std::pair<std::string_view, std::string_view> table[] = {
      {"__consumer_offsets", "_-consumer_offsets"},
      {"__transaction_state", "_-transaction_state"},
      {"\xc3\xbc", "_-"},  // one character, two bytes, each replaced
  };
  for (const auto& [host, expected] : table) {
    EXPECT_EQ(render("{host}", host), expected) << host;
  }
  EXPECT_EQ(render("_{host}", "_offsets"), "_-offsets");
  EXPECT_EQ(render("{host}{input}", ".", "."), "_-");
  EXPECT_EQ(render("{host}", "_consumer_offsets"), "_consumer_offsets");
}

TEST(KafkaTopic, BoundsLongTopicsKeepingDistinctNamesDistinct) {
  const std::string long_a = std::string(299, 'a') + "1";
  const std::string long_b = std::string(299, 'a') + "2";
  // One long field is cut where a path field is; several fields side by side exceed 249 and are
  // cut again as a whole.
  const std::string one = render("logs.{host}", long_a);
  EXPECT_EQ(one.size(), 5u + 128u);
  std::set<std::string> topics;
  for (const std::string& host : {long_a, long_b}) {
    const std::string topic = render("{host}.{input}.{host}", host, host);
    EXPECT_EQ(topic.size(), 249u) << topic;
    EXPECT_TRUE(is_valid_kafka_topic(topic)) << topic;
    topics.insert(topic);
  }
  EXPECT_EQ(topics.size(), 2u);
  const std::string literal(200, 'l');
  const std::string first = render(literal + ".{host}", long_a);
  const std::string second = render(literal + ".{host}", long_b);
  EXPECT_EQ(first.size(), 249u);
  EXPECT_NE(first, second);
  EXPECT_TRUE(first.starts_with(literal));
}

TEST(KafkaTopic, RefusesTemplatesKafkaCannotAccept) {
  const std::pair<std::string_view, std::string_view> table[] = {
      {"logs/{host}", "`/`"},
      {"logs {host}", "` `"},
      {"logs.%%", "`%`"},
      {"logs.\xc3\xa9", "0xc3"},
      {"__consumer_offsets", "internal"},
      {"__{host}", "internal"},
      {".", "`.` and `..`"},
      {"..", "`.` and `..`"},
      {"logs.{inptu}", "unknown field {inptu}"},
  };
  for (const auto& [text, reason] : table) {
    const Result<KafkaTopic> topic = KafkaTopic::parse(text);
    ASSERT_FALSE(topic) << text;
    EXPECT_EQ(topic.error().code(), ErrorCode::invalid_config);
    EXPECT_NE(topic.error().message().find(reason), std::string::npos)
        << text << ": " << topic.error().message();
  }
  const Result<KafkaTopic> too_long = KafkaTopic::parse(std::string(250, 't'));
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message().find("249"), std::string::npos);
  EXPECT_TRUE(KafkaTopic::parse(std::string(249, 't')));
  EXPECT_TRUE(KafkaTopic::parse("_schemas.{host}-%Y.%m"));
}

}  // namespace
}  // namespace horolog
