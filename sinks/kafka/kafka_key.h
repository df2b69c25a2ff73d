// The message key of the Kafka sink (`key:` option): the event's host, its input, one of its
// fields, or none. Keys decide partitions, so events with one key stay in order.
#pragma once

#include <string>
#include <string_view>

#include "normalizer/event.h"

namespace horolog {

class KafkaKey {
 public:
  // `spec` is `host`, `input`, `none` or `field:NAME` (validated when the config was decoded).
  explicit KafkaKey(std::string_view spec);

  bool none() const noexcept { return kind_ == Kind::none; }
  // The key of `event`; numbers are written into `scratch`. Empty when the field is absent.
  std::string_view render(const Event& event, std::string& scratch) const noexcept;

 private:
  enum class Kind { none, host, input, app, pid, path, dataset, extra };
  Kind kind_ = Kind::host;
  std::string field_;  // dotted name of an extra field (Kind::extra)
};

}  // namespace horolog
