// Finds the records of a JSON export without parsing them: the elements of a top-level array
// (PowerShell ConvertTo-Json), one object per line (Winlogbeat, NXLog, OTRF NDJSON) or objects
// one after another (a single pretty-printed ConvertTo-Json object).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace horolog::winevent {

enum class JsonLayout : std::uint8_t { array, lines, objects };

struct JsonRecordSpan {
  std::size_t begin = 0;
  std::size_t end = 0;    // one past the record's last byte
  std::size_t next = 0;   // where the search for the following record starts
  bool balanced = false;  // an object whose braces close: worth handing to the JSON parser
};

class JsonRecordSplitter {
 public:
  // Looks at the start of `input` (an optional UTF-8 BOM, whitespace) to pick the layout.
  explicit JsonRecordSplitter(std::string_view input) noexcept;

  // The first record at or after `from`; false when only whitespace, separators or the array's
  // closing bracket are left. A record that is not an object, or whose braces do not close
  // (before the end of its line, in the lines layout), still comes out, unbalanced.
  bool next(std::size_t from, JsonRecordSpan& out) const noexcept;
  JsonLayout layout() const noexcept { return layout_; }

 private:
  // One past the `}` that closes the object opening at `begin`, stopping at `limit`; 0 if none.
  std::size_t match_object(std::size_t begin, std::size_t limit) const noexcept;
  std::size_t line_end(std::size_t from) const noexcept;

  std::string_view input_;
  JsonLayout layout_ = JsonLayout::lines;
  std::size_t body_ = 0;  // first byte after the BOM, whitespace and an array's `[`
};

}  // namespace horolog::winevent
