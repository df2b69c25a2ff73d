// Stable storage for strings derived from a batch (unescaped values, decoded text).
// Views it returns stay valid until clear(); chunks are reused, so steady state allocates nothing.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace horolog {

class StringArena {
 public:
  explicit StringArena(std::size_t chunk_size = std::size_t{64} * 1024) : chunk_size_(chunk_size) {}
  StringArena(const StringArena&) = delete;
  StringArena& operator=(const StringArena&) = delete;
  StringArena(StringArena&&) = default;
  StringArena& operator=(StringArena&&) = default;

  // Uninitialised space for `size` bytes, valid until clear().
  char* allocate(std::size_t size);
  std::string_view copy(std::string_view text);
  // Forgets every string but keeps the memory for the next batch.
  void clear() noexcept;

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
  };
  std::size_t chunk_size_;
  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;  // index of the chunk being filled
  std::size_t used_ = 0;     // bytes used in chunks_[current_]
};

}  // namespace horolog
