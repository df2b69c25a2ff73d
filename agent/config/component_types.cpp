// The registration tables: every input and sink type the agent knows, in one place.
#include "agent/config/component_types.h"

#include <algorithm>

#include "config/reference_writer.h"
#include "config/yaml_decoder.h"

namespace horolog {

namespace {

// A table entry for a type whose options struct is `Options`.
template <class Options, class Settings>
constexpr ComponentType<Settings> type_of(std::string_view name, std::string_view description) {
  return {name, description,
          [](config::YamlDecoder& decoder, Settings& settings) {
            settings.template emplace<Options>().describe(decoder);
          },
          [](config::ReferenceWriter& writer) {
            Options options{};
            options.describe(writer);
          }};
}

constexpr InputType kInputTypes[] = {
    type_of<FileInputOptions, InputSettings>(
        "file", "Tails files matched by glob patterns, following rotation"),
};

constexpr SinkType kSinkTypes[] = {
    type_of<FileSinkOptions, SinkSettings>("file", "Writes NDJSON files, rotated by time and size"),
    type_of<StdoutSinkOptions, SinkSettings>("stdout", "Writes NDJSON to standard output"),
    type_of<KafkaSinkOptions, SinkSettings>(
        "kafka", "Produces one message per event; acknowledged on Kafka delivery reports"),
};

template <class Type>
const Type* find_type(std::span<const Type> types, std::string_view name) noexcept {
  auto it = std::find_if(types.begin(), types.end(),
                         [name](const Type& type) { return type.name == name; });
  return it == types.end() ? nullptr : &*it;
}

}  // namespace

std::span<const InputType> input_types() noexcept { return kInputTypes; }
std::span<const SinkType> sink_types() noexcept { return kSinkTypes; }

const InputType* find_input_type(std::string_view name) noexcept {
  return find_type(input_types(), name);
}

const SinkType* find_sink_type(std::string_view name) noexcept {
  return find_type(sink_types(), name);
}

}  // namespace horolog
