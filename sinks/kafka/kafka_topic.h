// Kafka topic names from the sink's `topic` template. Whatever an event holds, the rendered name is
// one Kafka accepts (1 to 249 bytes of letters, digits, '.', '_' and '-'; not "." or "..") and
// never one of Kafka's internal topics (names starting with "__"). The template's own text is
// checked once, at start-up, so a name Kafka would refuse is a config error, not a held event.
#pragma once

#include <string>
#include <string_view>

#include "normalizer/error.h"
#include "normalizer/event.h"
#include "sinks/path_template.h"

namespace horolog {

// Kafka's limit on the length of a topic name.
inline constexpr std::size_t kMaxKafkaTopicLength = 249;

class KafkaTopic {
 public:
  // invalid_config naming what Kafka would refuse: an unknown field, a character outside the
  // set above, a leading "__", "." or "..", more than 249 characters of text of its own.
  static Result<KafkaTopic> parse(std::string_view text);

  // Fields are rendered as in path templates (other bytes become '_', a name longer than 128
  // bytes is cut and ends in a hash); then a name longer than 249 bytes is cut the same way, and a
  // leading "__" that a field made becomes "_-". Allocates nothing once `out` has grown.
  void render(const Event& event, std::string_view format, std::string& out) const;

 private:
  explicit KafkaTopic(PathTemplate path) : template_(std::move(path)) {}
  PathTemplate template_;
};

}  // namespace horolog
