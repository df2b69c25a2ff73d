// Names of delivery outcomes, as shown in logs and summaries.
#include "sinks/sink.h"

namespace horolog {

std::string_view to_string(Delivery delivery) noexcept {
  switch (delivery) {
    case Delivery::delivered: return "delivered";
    case Delivery::retry: return "retry";
    case Delivery::rejected: return "rejected";
  }
  return "rejected";
}

}  // namespace horolog
