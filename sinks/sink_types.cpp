// The registration table of sink types: every one the agent knows, in one place.
#include "sinks/sink_types.h"

#include "sinks/file_sink.h"
#include "sinks/kafka/kafka_sink.h"
#include "sinks/stdout_sink.h"
#include "sinks/syslog/syslog_sink.h"

namespace horolog {

namespace {

template <class Options, class Component>
constexpr SinkType row(std::string_view name, std::string_view description) {
  return config::component_type<Options, Component, SinkConfig, const SinkEnvironment, Sink>(
      name, description);
}

constexpr SinkType kSinkTypes[] = {
    row<FileSinkOptions, FileSink>("file", "Writes NDJSON files, rotated by time and size"),
    row<StdoutSinkOptions, StdoutSink>("stdout", "Writes NDJSON to standard output"),
    row<KafkaSinkOptions, KafkaSink>(
        "kafka", "Produces one message per event; acknowledged on Kafka delivery reports"),
    row<SyslogSinkOptions, SyslogSink>(
        "syslog", "Sends one syslog message per event over TCP, TLS, RELP (acknowledged) or UDP"),
};

}  // namespace

std::span<const SinkType> sink_types() noexcept { return kSinkTypes; }

const SinkType* find_sink_type(std::string_view name) noexcept {
  return config::find_component_type(sink_types(), name);
}

}  // namespace horolog
