// Line framing over memchr (vectorised in glibc), the record boundary search of every text input.
#include "parsers/framer.h"

#include <cstring>

namespace horolog {
namespace {

std::string_view strip_cr(std::string_view line) noexcept {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

Framer::Framer(std::size_t max_record_size) noexcept
    : max_record_size_(max_record_size == 0 ? 1 : max_record_size) {}

bool Framer::next(std::string_view chunk, std::size_t& pos, FramedRecord& out,
                  bool end_of_input) noexcept {
  while (pos < chunk.size()) {
    const char* begin = chunk.data() + pos;
    const std::size_t left = chunk.size() - pos;
    const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', left));

    if (skipping_) {
      if (newline == nullptr) {
        pos = chunk.size();  // the whole rest belongs to the cut record
        return false;
      }
      pos += static_cast<std::size_t>(newline - begin) + 1;
      skipping_ = false;
      continue;
    }

    const std::size_t length =
        newline == nullptr ? left : static_cast<std::size_t>(newline - begin);
    // A CRLF record of exactly the maximum is not cut for its CR.
    const std::string_view line = strip_cr({begin, length});
    if (line.size() > max_record_size_) {
      out = {line.substr(0, max_record_size_), pos, true};
      ++truncated_records_;
      if (newline == nullptr) {
        pos = chunk.size();
        skipping_ = true;
      } else {
        pos += length + 1;
      }
      return true;
    }
    if (newline == nullptr) {
      if (!end_of_input) return false;  // partial: wait for the rest
      pos = chunk.size();
    } else {
      pos += length + 1;
    }
    if (line.empty()) {
      ++blank_lines_;
      continue;
    }
    out = {line, static_cast<std::size_t>(begin - chunk.data()), false};
    return true;
  }
  return false;
}

}  // namespace horolog
