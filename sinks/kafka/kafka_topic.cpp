// The template's literal text is checked against Kafka's rules once; fields are made safe by the
// path template's rendering, and only the whole name's length and prefix are left to fix per event.
#include "sinks/kafka/kafka_topic.h"

#include <cstdio>

namespace horolog {

namespace {

// "`/`" for a printable character, "byte 0xc3" for anything else.
std::string describe_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7f) return "`" + std::string(1, c) + "`";
  if (byte == 0x20) return "` ` (a space)";
  char text[16];
  std::snprintf(text, sizeof text, "byte 0x%02x", byte);
  return text;
}

Result<void> check_literal_text(const config::PathShape& shape) {
  const auto& parts = shape.parts();
  if (parts.empty()) return fail(ErrorCode::invalid_config, "the topic must not be empty");
  std::size_t literal_length = 0;
  for (const config::PathShape::Part& part : parts) {
    if (part.piece != config::PathShape::Piece::literal) continue;
    literal_length += part.text.size();
    for (char c : part.text) {
      if (!is_safe_name_byte(c)) {
        return fail(ErrorCode::invalid_config,
                    "a Kafka topic name holds only letters, digits, `.`, `_` and `-`, not " +
                        describe_byte(c));
      }
    }
  }
  if (literal_length > kMaxKafkaTopicLength) {
    return fail(ErrorCode::invalid_config,
                "a Kafka topic name is at most 249 characters; the template's own text has " +
                    std::to_string(literal_length));
  }
  if (parts.size() == 1 && parts[0].piece == config::PathShape::Piece::literal &&
      (parts[0].text == "." || parts[0].text == "..")) {
    return fail(ErrorCode::invalid_config, "`.` and `..` are not valid Kafka topic names");
  }
  if (!parts.empty() && parts[0].piece == config::PathShape::Piece::literal &&
      parts[0].text.starts_with("__")) {
    return fail(ErrorCode::invalid_config,
                "topic names starting with `__` are Kafka's internal topics (__consumer_offsets)");
  }
  return {};
}

}  // namespace

Result<KafkaTopic> KafkaTopic::parse(std::string_view text) {
  Result<PathTemplate> path = PathTemplate::parse(text);
  if (!path) return fail(path.error());
  if (Result<void> checked = check_literal_text(path->shape()); !checked) {
    return fail(checked.error());
  }
  return KafkaTopic(std::move(*path));
}

void KafkaTopic::render(const Event& event, std::string_view format, std::string& out) const {
  template_.render(event, format, out);
  bound_length(out, kMaxKafkaTopicLength);
  // The template's text does not start with "__" (parse refused it): fields made this one.
  if (out.starts_with("__")) out[1] = '-';
}

}  // namespace horolog
