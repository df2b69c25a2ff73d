// Bounds-checked little-endian reads over the bytes of an EVTX file: every raw access of the
// EVTX code goes through here, so truncated or hostile input can never read past its span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace horolog::winevent {

using Bytes = std::span<const std::uint8_t>;

inline std::uint16_t load_u16(const std::uint8_t* p) noexcept {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
inline std::uint32_t load_u32(const std::uint8_t* p) noexcept {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
inline std::uint64_t load_u64(const std::uint8_t* p) noexcept {
  return static_cast<std::uint64_t>(load_u32(p)) |
         (static_cast<std::uint64_t>(load_u32(p + 4)) << 32);
}

// A read position inside `data`. A read past the end yields 0 and makes the cursor fail for
// good, so a decoder can read a whole structure and check ok() once.
class ByteCursor {
 public:
  ByteCursor(Bytes data, std::size_t pos) noexcept : data_(data), pos_(pos) {
    if (pos_ > data_.size()) fail();
  }

  std::uint8_t u8() noexcept { return take(1) ? data_[pos_ - 1] : 0; }
  std::uint16_t u16() noexcept { return take(2) ? load_u16(&data_[pos_ - 2]) : 0; }
  std::uint32_t u32() noexcept { return take(4) ? load_u32(&data_[pos_ - 4]) : 0; }
  std::uint64_t u64() noexcept { return take(8) ? load_u64(&data_[pos_ - 8]) : 0; }
  // `size` bytes at the position, skipped; empty (and failed) when fewer remain.
  Bytes bytes(std::size_t size) noexcept {
    if (!take(size)) return {};
    return data_.subspan(pos_ - size, size);
  }
  void skip(std::size_t size) noexcept { take(size); }
  void seek(std::size_t pos) noexcept {
    if (pos > data_.size())
      fail();
    else
      pos_ = pos;
  }
  // The next byte without consuming it; 0 at the end (without failing).
  std::uint8_t peek() const noexcept { return pos_ < data_.size() ? data_[pos_] : 0; }

  std::size_t pos() const noexcept { return pos_; }
  std::size_t remaining() const noexcept { return ok_ ? data_.size() - pos_ : 0; }
  bool ok() const noexcept { return ok_; }
  void fail() noexcept {
    ok_ = false;
    pos_ = data_.size();
  }

 private:
  bool take(std::size_t size) noexcept {
    if (!ok_ || size > data_.size() - pos_) {
      fail();
      return false;
    }
    pos_ += size;
    return true;
  }

  Bytes data_;
  std::size_t pos_;
  bool ok_ = true;
};

}  // namespace horolog::winevent
