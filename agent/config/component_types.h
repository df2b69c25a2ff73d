// The input and sink types a config may name (`type: file`). They are registered in one table
// per kind (component_types.cpp): adding a type is one entry there plus its options struct here.
#pragma once

#include <span>
#include <string_view>
#include <variant>

#include "agent/inputs/file/file_input_options.h"
#include "sinks/file_sink_options.h"
#include "sinks/kafka/kafka_sink_options.h"

namespace horolog {

namespace config {
class YamlDecoder;
class ReferenceWriter;
}  // namespace config

// `type: stdout` writes NDJSON to standard output and has no options of its own.
struct StdoutSinkOptions {
  template <class V>
  void describe(V&) {}
};

// The decoded type-specific options of one input or sink; the alternative matches `type`.
using InputSettings = std::variant<FileInputOptions>;
using SinkSettings = std::variant<FileSinkOptions, StdoutSinkOptions, KafkaSinkOptions>;

template <class Settings>
struct ComponentType {
  std::string_view name;
  std::string_view description;
  // Decodes the type's own keys from the component's mapping into `settings`.
  void (*decode)(config::YamlDecoder& decoder, Settings& settings);
  // Adds the type's keys to a reference.
  void (*document)(config::ReferenceWriter& writer);
};

using InputType = ComponentType<InputSettings>;
using SinkType = ComponentType<SinkSettings>;

std::span<const InputType> input_types() noexcept;
std::span<const SinkType> sink_types() noexcept;
// nullptr when no type of that name is registered.
const InputType* find_input_type(std::string_view name) noexcept;
const SinkType* find_sink_type(std::string_view name) noexcept;

}  // namespace horolog
