// "Equal jitter": half the delay is certain, so the backoff still grows, half is random.
#include "sinks/syslog/syslog_backoff.h"

#include <algorithm>

namespace horolog {

SyslogBackoff::Duration SyslogBackoff::next() {
  delay_ = delay_ == Duration::zero() ? first_ : std::min<Duration>(delay_ * 2, longest_);
  state_ ^= state_ << 13;
  state_ ^= state_ >> 7;
  state_ ^= state_ << 17;
  const auto half = delay_ / 2;
  const auto span = static_cast<std::uint64_t>(half.count()) + 1;
  return half + Duration(static_cast<Duration::rep>(state_ % span));
}

}  // namespace horolog
