// Chunked bump allocator behind StringArena; oversized requests get a chunk of their own.
#include "normalizer/string_arena.h"

#include <algorithm>
#include <cstring>

namespace horolog {

char* StringArena::allocate(std::size_t size) {
  while (current_ < chunks_.size()) {
    Chunk& chunk = chunks_[current_];
    if (chunk.size - used_ >= size) {
      char* out = chunk.data.get() + used_;
      used_ += size;
      return out;
    }
    ++current_;
    used_ = 0;
  }
  Chunk chunk;
  chunk.size = std::max(chunk_size_, size);
  chunk.data = std::make_unique<char[]>(chunk.size);
  chunks_.push_back(std::move(chunk));
  current_ = chunks_.size() - 1;
  used_ = size;
  return chunks_.back().data.get();
}

std::string_view StringArena::copy(std::string_view text) {
  if (text.empty()) return {};
  char* out = allocate(text.size());
  std::memcpy(out, text.data(), text.size());
  return {out, text.size()};
}

void StringArena::clear() noexcept {
  current_ = 0;
  used_ = 0;
}

}  // namespace horolog
