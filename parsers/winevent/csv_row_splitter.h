// RFC 4180 rows as Event Viewer writes them: comma separated, fields in double quotes when they
// hold commas, quotes (doubled) or line breaks (CRLF or LF inside the quotes). Views only: the
// caller unescapes doubled quotes when it needs the text.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace horolog::winevent {

struct CsvField {
  std::string_view text;  // without the enclosing quotes; doubled quotes still doubled
  bool doubled_quotes = false;
};

struct CsvRow {
  static constexpr std::size_t kMaxFields = 6;  // further fields are folded into the last one
  std::array<CsvField, kMaxFields> fields;
  std::size_t count = 0;
  std::size_t begin = 0;      // the row's first byte
  std::size_t end = 0;        // one past its last byte, before the line break
  std::size_t next = 0;       // the next row's first byte
  bool unterminated = false;  // a quote that never closed: the row ends at its first line
};

// The row starting at `pos` (a line start). False at the end of the input.
bool next_csv_row(std::string_view input, std::size_t pos, CsvRow& row) noexcept;

// `field` with doubled quotes made single, into `out` (field.text.size() bytes); returns the
// length written.
std::size_t unescape_csv_field(const CsvField& field, char* out) noexcept;

}  // namespace horolog::winevent
