// Options of the Kafka sink (`type: kafka`), declared once for decoding and for the reference.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/file_use.h"
#include "config/option_types.h"
#include "sinks/kafka/kafka_topic.h"

namespace horolog {

// What happens to events the cluster refuses for good (message too large, unknown topic, not
// authorised). Transient errors are never subject to this: they are retried forever.
enum class PermanentErrorPolicy {
  hold,         // the batch stays pending until SIGHUP produces the events again and they arrive
  retry,        // produce the events again every `permanent_retry_interval`, forever
  dead_letter,  // write the events with the error to the `dead_letter` file and go on
};

struct KafkaSinkOptions {
  std::string brokers;
  std::string topic = "logs.{format}";
  std::string key = "host";
  std::vector<std::string> headers = {"format", "host", "input"};
  std::map<std::string, std::string> librdkafka;
  PermanentErrorPolicy on_permanent_error = PermanentErrorPolicy::hold;
  std::string dead_letter;
  config::Duration permanent_retry_interval = std::chrono::seconds(30);
  config::Duration shutdown_timeout = std::chrono::seconds(10);

  template <class V>
  void describe(V& v) {
    v("brokers", brokers, "Bootstrap brokers, `host:port[,host:port...]`");
    v.check("brokers", !brokers.empty(), "a kafka sink needs `brokers`");
    v("topic", topic,
      "Topic template: {input}, {format}, {host} and strftime fields of the event's UTC time. "
      "Its own text may hold only letters, digits, `.`, `_` and `-` and not start with `__`; "
      "names from events are made valid (other characters become `_`, at most 249 characters, "
      "a leading `__` becomes `_-`)");
    v.check("topic", !topic.empty(), "the topic must not be empty");
    const Result<KafkaTopic> parsed_topic = KafkaTopic::parse(topic);
    v.check("topic", parsed_topic.has_value(), parsed_topic ? "" : parsed_topic.error().message());
    v("key", key,
      "Message key: `host`, `input`, `none`, or `field:NAME` with NAME one of host.name, "
      "process.name, process.pid, log.file.path, event.dataset, horolog.input or an extra field");
    v.check("key",
            key == "host" || key == "input" || key == "none" ||
                (key.starts_with("field:") && key.size() > 6),
            "key must be `host`, `input`, `none` or `field:NAME`");
    v("headers", headers, "Message headers to attach, any of `format`, `host`, `input`");
    bool headers_known = true;
    for (const std::string& h : headers)
      headers_known &= h == "format" || h == "host" || h == "input";
    v.check("headers", headers_known, "headers may only name `format`, `host` and `input`");
    v("librdkafka", librdkafka,
      "librdkafka properties passed through verbatim (TLS, SASL, tuning); they override the "
      "sink's defaults acks=all, enable.idempotence=true, compression.type=zstd, linger.ms=20, "
      "batch.size=1000000, queue.buffering.max.messages=200000, message.timeout.ms=0 (never "
      "expire: retry forever)");
    const std::string refused = librdkafka_problem();
    v.check("librdkafka", refused.empty(), refused);
    v("on_permanent_error", on_permanent_error,
      config::Choices<PermanentErrorPolicy>{{{"hold", PermanentErrorPolicy::hold},
                                             {"retry", PermanentErrorPolicy::retry},
                                             {"dead_letter", PermanentErrorPolicy::dead_letter}}},
      "Events the cluster refuses for good: `hold` (kept, their batch pending and its file's "
      "checkpoint before them, until SIGHUP produces them again; at shutdown, and at once in "
      "run --once and replay, not delivered), `retry` (produced again every "
      "permanent_retry_interval; their batch pending meanwhile) or `dead_letter`. A pending "
      "batch pauses the reading of its own file once that file's delivery window is full");
    v("dead_letter", dead_letter,
      "NDJSON file receiving refused events with the error (on_permanent_error: dead_letter)");
    v.check("dead_letter",
            (on_permanent_error == PermanentErrorPolicy::dead_letter) == !dead_letter.empty(),
            "`dead_letter` is required with on_permanent_error: dead_letter, and only then");
    if (!dead_letter.empty()) {
      v.files("dead_letter",
              config::FileUse::using_paths(config::FileRole::appends,
                                           {config::PathShape().literal(dead_letter)}));
    }
    v("permanent_retry_interval", permanent_retry_interval,
      "Wait before producing refused events again (on_permanent_error: retry)");
    v("shutdown_timeout", shutdown_timeout,
      "At shutdown, how long to wait for outstanding delivery reports; events still unconfirmed "
      "are not acknowledged and are read again after a restart");
  }

  // Why librdkafka refuses the producer configuration of these options (make_producer_conf's
  // reason: rd_kafka_conf_set checks names and values without a network), or "".
  std::string librdkafka_problem() const;
};

}  // namespace horolog
