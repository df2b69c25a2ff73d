// The Kafka sink's options as a config declares them: every key decodes, the librdkafka map keeps
// dotted property names verbatim, and inconsistent settings are reported with their path.
#include <gtest/gtest.h>

#include "agent/config/agent_config.h"
#include "sinks/kafka/kafka_sink_options.h"

namespace horolog {
namespace {

constexpr std::string_view kInput =
    "clock: {servers: []}\n"
    "inputs: [{name: app, type: file, paths: [x.log]}]\n";

TEST(KafkaSinkConfig, DecodesEveryOption) {
  const ConfigCheck result =
      check_config_text(std::string(kInput) +
                            "sinks:\n"
                            "  - name: siem\n"
                            "    type: kafka\n"
                            "    brokers: \"127.0.0.1:9092,127.0.0.1:9093\"\n"
                            "    topic: \"logs.{input}.{format}\"\n"
                            "    key: \"field:process.name\"\n"
                            "    headers: [host]\n"
                            "    librdkafka: {security.protocol: SASL_SSL, linger.ms: \"50\"}\n"
                            "    on_permanent_error: dead_letter\n"
                            "    dead_letter: /var/lib/horolog/dead.ndjson\n"
                            "    shutdown_timeout: 3s\n",
                        "test.yaml");
  ASSERT_TRUE(result.ok()) << testing::PrintToString(result.problems);
  const auto* kafka = std::any_cast<KafkaSinkOptions>(&result.config.sinks[0].settings);
  ASSERT_NE(kafka, nullptr);
  EXPECT_EQ(kafka->brokers, "127.0.0.1:9092,127.0.0.1:9093");
  EXPECT_EQ(kafka->topic, "logs.{input}.{format}");
  EXPECT_EQ(kafka->key, "field:process.name");
  EXPECT_EQ(kafka->headers, std::vector<std::string>{"host"});
  const std::map<std::string, std::string> passthrough = {{"linger.ms", "50"},
                                                          {"security.protocol", "SASL_SSL"}};
  EXPECT_EQ(kafka->librdkafka, passthrough);
  EXPECT_EQ(kafka->on_permanent_error, PermanentErrorPolicy::dead_letter);
  EXPECT_EQ(kafka->dead_letter, "/var/lib/horolog/dead.ndjson");
  EXPECT_EQ(kafka->shutdown_timeout, std::chrono::seconds(3));
}

TEST(KafkaSinkConfig, ReportsInconsistentSettingsWithTheirPath) {
  const std::pair<std::string_view, std::string_view> table[] = {
      {"    topic: t\n", "sinks[0].brokers"},
      {"    brokers: b\n    key: partition\n", "sinks[0].key"},
      {"    brokers: b\n    headers: [format, offset]\n", "sinks[0].headers"},
      {"    brokers: b\n    on_permanent_error: dead_letter\n", "sinks[0].dead_letter"},
      {"    brokers: b\n    dead_letter: x.ndjson\n", "sinks[0].dead_letter"},
      {"    brokers: b\n    on_permanent_error: drop\n", "sinks[0].on_permanent_error"},
  };
  for (const auto& [keys, path] : table) {
    const ConfigCheck result = check_config_text(
        std::string(kInput) + "sinks:\n  - name: siem\n    type: kafka\n" + std::string(keys),
        "test.yaml");
    ASSERT_FALSE(result.ok()) << keys;
    ASSERT_EQ(result.problems.size(), 1u) << keys << testing::PrintToString(result.problems);
    EXPECT_EQ(result.problems[0].path, path) << keys;
  }
}

// What KafkaSink::create would refuse at start-up is a config problem too, found without a
// network: the topic template (with names Kafka refuses) and every property librdkafka's
// rd_kafka_conf_set rejects.
TEST(KafkaSinkConfig, ReportsWhatTheSinkWouldRefuseAtTheKeyThatCausesIt) {
  struct Case {
    std::string_view keys;
    std::string_view path;
    std::string_view message;
  };
  const Case table[] = {
      {"    topic: \"logs.{inptu}\"\n", "sinks[0].topic", "unknown field {inptu}"},
      {"    topic: \"logs.%Q\"\n", "sinks[0].topic", "unsupported field %Q"},
      {"    topic: \"logs/{host}\"\n", "sinks[0].topic", "not `/`"},
      {"    topic: \"__consumer_offsets\"\n", "sinks[0].topic", "internal topics"},
      {"    topic: \"..\"\n", "sinks[0].topic", "`.` and `..`"},
      {"    librdkafka: {acks: banana}\n", "sinks[0].librdkafka", "librdkafka property acks: "},
      {"    librdkafka: {no.such.property: x}\n", "sinks[0].librdkafka",
       "librdkafka property no.such.property: "},
  };
  for (const Case& c : table) {
    const ConfigCheck result = check_config_text(std::string(kInput) +
                                                     "sinks:\n  - name: siem\n    type: kafka\n"
                                                     "    brokers: b\n" +
                                                     std::string(c.keys),
                                                 "test.yaml");
    ASSERT_EQ(result.problems.size(), 1u) << c.keys << testing::PrintToString(result.problems);
    EXPECT_EQ(result.problems[0].path, c.path) << c.keys;
    EXPECT_EQ(result.problems[0].line, 7) << c.keys;
    EXPECT_NE(result.problems[0].message.find(c.message), std::string::npos)
        << result.problems[0].message;
  }
}

}  // namespace
}  // namespace horolog
