// Brace matching that skips strings (and the escapes inside them) is all that is needed to cut
// records out; the JSON parser then judges each record on its own, so one broken element costs
// one event.
#include "parsers/winevent/json_record_splitter.h"

namespace horolog::winevent {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

JsonRecordSplitter::JsonRecordSplitter(std::string_view input) noexcept : input_(input) {
  std::size_t pos = input.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (pos < input.size() && is_space(input[pos])) ++pos;
  body_ = pos;
  if (pos < input.size() && input[pos] == '[') {
    layout_ = JsonLayout::array;
    body_ = pos + 1;
  } else if (pos < input.size() && input[pos] == '{') {
    // NDJSON when the first object closes on its own line; otherwise it is pretty-printed.
    const std::size_t eol = line_end(pos);
    layout_ = match_object(pos, eol) != 0 ? JsonLayout::lines : JsonLayout::objects;
  }
}

std::size_t JsonRecordSplitter::line_end(std::size_t from) const noexcept {
  const std::size_t eol = input_.find('\n', from);
  return eol == std::string_view::npos ? input_.size() : eol;
}

std::size_t JsonRecordSplitter::match_object(std::size_t begin, std::size_t limit) const noexcept {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = begin; i < limit; ++i) {
    const char c = input_[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return c == '}' ? i + 1 : 0;  // the record starts with `{`: only `}` may close it
    }
  }
  return 0;
}

bool JsonRecordSplitter::next(std::size_t from, JsonRecordSpan& out) const noexcept {
  std::size_t pos = from < body_ ? body_ : from;
  const bool array = layout_ == JsonLayout::array;
  while (pos < input_.size() && (is_space(input_[pos]) || (array && input_[pos] == ','))) ++pos;
  if (pos >= input_.size() || (array && input_[pos] == ']')) return false;
  out.begin = pos;
  const std::size_t eol = line_end(pos);
  if (layout_ == JsonLayout::lines) {
    out.next = eol < input_.size() ? eol + 1 : eol;
    out.end = eol > pos && input_[eol - 1] == '\r' ? eol - 1 : eol;
    // Trailing blanks after the object are the line's, not the record's.
    const std::size_t close = input_[pos] == '{' ? match_object(pos, out.end) : 0;
    out.balanced = close != 0;
    if (close != 0) {
      std::size_t rest = close;
      while (rest < out.end && is_space(input_[rest])) ++rest;
      out.balanced = rest == out.end;
    }
    return true;
  }
  const std::size_t close = input_[pos] == '{' ? match_object(pos, input_.size()) : 0;
  out.balanced = close != 0;
  // Without a closing brace the record runs to the end of its line when it is not an object
  // (stray text between elements), else to the end of the input: the braces never closed.
  out.end = close != 0 ? close : (input_[pos] == '{' ? input_.size() : eol);
  out.next = out.end;
  return true;
}

}  // namespace horolog::winevent
