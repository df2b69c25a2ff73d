// A quoted field that never closes would swallow the rest of the file; the row is cut at the end
// of its first line instead, so the rows after it still come out one by one.
#include "parsers/winevent/csv_row_splitter.h"

namespace horolog::winevent {
namespace {

std::size_t line_end(std::string_view input, std::size_t from) noexcept {
  const std::size_t eol = input.find('\n', from);
  return eol == std::string_view::npos ? input.size() : eol;
}

// Sets row.end/next for a row whose content ends at `eol` (the `\n` or the input's end).
void finish(std::string_view input, std::size_t eol, CsvRow& row) noexcept {
  row.end = eol > row.begin && input[eol - 1] == '\r' ? eol - 1 : eol;
  row.next = eol < input.size() ? eol + 1 : eol;
}

}  // namespace

bool next_csv_row(std::string_view input, std::size_t pos, CsvRow& row) noexcept {
  // Blank lines between rows are no records.
  while (pos < input.size() && (input[pos] == '\r' || input[pos] == '\n')) ++pos;
  if (pos >= input.size()) return false;
  row = CsvRow{};
  row.begin = pos;
  const auto cut_unterminated = [&] {
    row.unterminated = true;
    finish(input, line_end(input, row.begin), row);
    return true;
  };
  for (;;) {
    CsvField field;
    if (row.count + 1 == CsvRow::kMaxFields) {
      // The message column, and anything after it: the rest of the row as written.
      std::size_t stop = pos;
      bool quoted = false;
      for (; stop < input.size() && (quoted || input[stop] != '\n'); ++stop) {
        if (input[stop] == '"') quoted = !quoted;
      }
      if (quoted) return cut_unterminated();
      finish(input, stop, row);
      field.text = input.substr(pos, row.end - pos);
      if (field.text.size() >= 2 && field.text.front() == '"' && field.text.back() == '"') {
        field.text = field.text.substr(1, field.text.size() - 2);
        field.doubled_quotes = field.text.find("\"\"") != std::string_view::npos;
      }
      row.fields[row.count++] = field;
      return true;
    }
    std::size_t stop = pos;
    if (pos < input.size() && input[pos] == '"') {
      std::size_t close = pos + 1;
      while ((close = input.find('"', close)) != std::string_view::npos &&
             close + 1 < input.size() && input[close + 1] == '"') {
        field.doubled_quotes = true;
        close += 2;
      }
      if (close == std::string_view::npos) return cut_unterminated();
      field.text = input.substr(pos + 1, close - pos - 1);
      // Text between a closing quote and the separator is not RFC 4180: it is dropped.
      stop = close + 1;
      while (stop < input.size() && input[stop] != ',' && input[stop] != '\n') ++stop;
    } else {
      while (stop < input.size() && input[stop] != ',' && input[stop] != '\n') ++stop;
      field.text = input.substr(pos, stop - pos);
    }
    if (stop >= input.size() || input[stop] == '\n') {
      finish(input, stop, row);
      if (field.text.size() > row.end - pos) field.text = field.text.substr(0, row.end - pos);
      row.fields[row.count++] = field;
      return true;
    }
    row.fields[row.count++] = field;
    pos = stop + 1;
  }
}

std::size_t unescape_csv_field(const CsvField& field, char* out) noexcept {
  std::size_t n = 0;
  const std::string_view text = field.text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out[n++] = text[i];
    if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') ++i;
  }
  return n;
}

}  // namespace horolog::winevent
