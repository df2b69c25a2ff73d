// getrlimit once at start-up; taking and giving back are one atomic step each.
#include "agent/engine/descriptor_budget.h"

#include <sys/resource.h>

#include <algorithm>

namespace horolog {

std::size_t DescriptorBudget::default_capacity() noexcept {
  // Outputs (the file sink keeps its own small cap), the checkpoint log, sockets, the journal.
  constexpr std::size_t kReserve = 64;
  constexpr std::size_t kSmallest = 16;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 4096;
  const auto soft = static_cast<std::size_t>(limit.rlim_cur);
  return std::max(kSmallest, soft / 2 > kReserve ? soft / 2 - kReserve : kSmallest);
}

bool DescriptorBudget::try_take() noexcept {
  std::size_t taken = taken_.load();
  while (taken < capacity_) {
    if (taken_.compare_exchange_weak(taken, taken + 1)) return true;
  }
  wanted_ = true;
  return false;
}

void DescriptorBudget::give_back() noexcept {
  taken_.fetch_sub(1);
  wanted_ = false;  // whoever still needs one asks again and says so
}

}  // namespace horolog
