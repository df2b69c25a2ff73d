// How many files the inputs may hold open together: a share of the process's descriptor limit,
// so that outputs, checkpoints and sockets can always be opened. Inputs close idle files to stay
// within it and reopen them when they grow.
#pragma once

#include <atomic>
#include <cstddef>

namespace horolog {

class DescriptorBudget {
 public:
  explicit DescriptorBudget(std::size_t capacity) noexcept : capacity_(capacity) {}
  // Half of the soft RLIMIT_NOFILE, less a reserve for the rest of the agent (at least 16).
  static std::size_t default_capacity() noexcept;

  // Takes one descriptor if the budget has one left. A refusal is remembered until a
  // descriptor comes back: inputs holding idle files then close one (wanted()).
  bool try_take() noexcept;
  void give_back() noexcept;
  bool wanted() const noexcept { return wanted_.load(); }

  std::size_t capacity() const noexcept { return capacity_; }
  std::size_t taken() const noexcept { return taken_.load(); }

 private:
  std::size_t capacity_;
  std::atomic<std::size_t> taken_{0};
  std::atomic<bool> wanted_{false};
};

}  // namespace horolog
