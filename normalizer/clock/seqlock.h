// A single-writer seqlock for small trivially copyable values: readers never block or take a
// lock (they retry while a write is in progress), which keeps the per-event read of the clock
// estimate off any mutex. The payload lives in relaxed atomics, so there is no data race.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace horolog {

template <class T>
class SeqlockCell {
  static_assert(std::is_trivially_copyable_v<T>);
  static constexpr std::size_t kWords = (sizeof(T) + 7) / 8;

 public:
  SeqlockCell() noexcept { store(T{}); }

  // Only one thread may store at a time.
  void store(const T& value) noexcept {
    std::array<std::uint64_t, kWords> words{};
    std::memcpy(words.data(), &value, sizeof(T));
    const std::uint64_t seq = sequence_.load(std::memory_order_relaxed);
    sequence_.store(seq + 1, std::memory_order_relaxed);  // odd: write in progress
    std::atomic_thread_fence(std::memory_order_release);
    for (std::size_t i = 0; i < kWords; ++i) words_[i].store(words[i], std::memory_order_relaxed);
    sequence_.store(seq + 2, std::memory_order_release);
  }

  T load() const noexcept {
    std::array<std::uint64_t, kWords> words{};
    for (;;) {
      const std::uint64_t before = sequence_.load(std::memory_order_acquire);
      if (before & 1) continue;
      for (std::size_t i = 0; i < kWords; ++i) words[i] = words_[i].load(std::memory_order_relaxed);
      std::atomic_thread_fence(std::memory_order_acquire);
      if (sequence_.load(std::memory_order_relaxed) == before) break;
    }
    T value;
    std::memcpy(static_cast<void*>(&value), words.data(), sizeof(T));
    return value;
  }

  // How many values were stored (the initial one included).
  std::uint64_t version() const noexcept { return sequence_.load(std::memory_order_acquire) / 2; }

 private:
  std::atomic<std::uint64_t> sequence_{0};
  std::array<std::atomic<std::uint64_t>, kWords> words_{};
};

}  // namespace horolog
