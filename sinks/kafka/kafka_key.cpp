// Key rendering: the well-known ECS names map to Event members, any other name to an extra field.
#include "sinks/kafka/kafka_key.h"

#include <charconv>

namespace horolog {

namespace {

std::string_view print_number(const FieldValue& value, std::string& scratch) noexcept {
  char buffer[32];
  std::to_chars_result result{};
  switch (value.kind) {
    case FieldValue::Kind::int64:
      result = std::to_chars(buffer, buffer + sizeof buffer, value.i64);
      break;
    case FieldValue::Kind::uint64:
      result = std::to_chars(buffer, buffer + sizeof buffer, value.u64);
      break;
    case FieldValue::Kind::float64:
      result = std::to_chars(buffer, buffer + sizeof buffer, value.f64);
      break;
    case FieldValue::Kind::boolean: return value.b ? "true" : "false";
    case FieldValue::Kind::string:
    case FieldValue::Kind::json: return value.text;
  }
  // The scratch string keeps its capacity across events: no allocation once it has grown.
  scratch.assign(buffer, result.ptr);
  return scratch;
}

}  // namespace

KafkaKey::KafkaKey(std::string_view spec) {
  if (spec == "none") {
    kind_ = Kind::none;
  } else if (spec == "host") {
    kind_ = Kind::host;
  } else if (spec == "input") {
    kind_ = Kind::input;
  } else {
    const std::string_view name = spec.substr(spec.find(':') + 1);
    if (name == "host.name")
      kind_ = Kind::host;
    else if (name == "horolog.input")
      kind_ = Kind::input;
    else if (name == "process.name")
      kind_ = Kind::app;
    else if (name == "process.pid")
      kind_ = Kind::pid;
    else if (name == "log.file.path")
      kind_ = Kind::path;
    else if (name == "event.dataset")
      kind_ = Kind::dataset;
    else {
      kind_ = Kind::extra;
      field_ = name;
    }
  }
}

std::string_view KafkaKey::render(const Event& event, std::string& scratch) const noexcept {
  switch (kind_) {
    case Kind::none: return {};
    case Kind::host: return event.host;
    case Kind::input: return event.input_name;
    case Kind::app: return event.app;
    case Kind::pid:
      return event.pid < 0 ? std::string_view{}
                           : print_number(FieldValue::int64(event.pid), scratch);
    case Kind::path: return event.source_path;
    case Kind::dataset: return event.dataset;
    case Kind::extra:
      for (const Field& field : event.fields) {
        if (field.key == field_) return print_number(field.value, scratch);
      }
      return {};
  }
  return {};
}

}  // namespace horolog
