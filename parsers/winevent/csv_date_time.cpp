// Numbers and separators are read one token at a time with the direction marks skipped, so one
// small scanner serves every regional shape.
#include "parsers/winevent/csv_date_time.h"

namespace horolog::winevent {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) noexcept : text_(text) {}

  void skip_marks() noexcept {
    // U+200E LEFT-TO-RIGHT MARK and U+200F RIGHT-TO-LEFT MARK: E2 80 8E / E2 80 8F.
    while (pos_ + 2 < text_.size() && text_[pos_] == '\xE2' && text_[pos_ + 1] == '\x80' &&
           (text_[pos_ + 2] == '\x8E' || text_[pos_ + 2] == '\x8F')) {
      pos_ += 3;
    }
  }
  // 1..max_digits digits; `digits` tells how many were read.
  bool number(unsigned& out, std::size_t max_digits, std::size_t& digits) noexcept {
    skip_marks();
    out = 0;
    digits = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9' && digits < max_digits) {
      out = out * 10 + static_cast<unsigned>(text_[pos_] - '0');
      ++pos_;
      ++digits;
    }
    return digits > 0 && !(pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9');
  }
  bool separator(char& out) noexcept {
    skip_marks();
    if (pos_ >= text_.size()) return false;
    out = text_[pos_];
    if (out != '/' && out != '.' && out != '-') return false;
    ++pos_;
    return true;
  }
  bool literal(char c) noexcept {
    skip_marks();
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  bool spaces() noexcept {
    skip_marks();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
    return pos_ > start;
  }
  bool done() noexcept {
    skip_marks();
    return pos_ == text_.size();
  }
  std::string_view rest() const noexcept { return text_.substr(pos_); }
  void advance(std::size_t n) noexcept { pos_ += n; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

struct Parts {
  unsigned a = 0, b = 0, c = 0, hour = 0, minute = 0, second = 0;
  std::size_t a_digits = 0;
  char separator = 0;
  int meridiem = 0;  // 0 none, 1 AM, 2 PM
};

bool read_parts(std::string_view text, Parts& p) noexcept {
  Scanner s(text);
  std::size_t digits = 0;
  char second_separator = 0;
  if (!s.number(p.a, 4, p.a_digits) || !s.separator(p.separator) || !s.number(p.b, 2, digits) ||
      !s.separator(second_separator) || second_separator != p.separator ||
      !s.number(p.c, 4, digits)) {
    return false;
  }
  if (p.separator == '.') s.literal('.');  // some regions end the date with a dot too
  if (!s.spaces() || !s.number(p.hour, 2, digits) || !s.literal(':') ||
      !s.number(p.minute, 2, digits) || digits != 2 || !s.literal(':') ||
      !s.number(p.second, 2, digits) || digits != 2) {
    return false;
  }
  if (s.spaces()) {
    const std::string_view rest = s.rest();
    if (rest.starts_with("AM") || rest.starts_with("am")) {
      p.meridiem = 1;
    } else if (rest.starts_with("PM") || rest.starts_with("pm")) {
      p.meridiem = 2;
    } else {
      return false;
    }
    s.advance(2);
  }
  return s.done();
}

}  // namespace

CsvDateShape csv_date_shape(std::string_view text) noexcept {
  Parts p;
  CsvDateShape shape;
  if (!read_parts(text, p)) return shape;
  shape.valid = true;
  shape.year_first = p.a_digits == 4;
  shape.twelve_hour = p.meridiem != 0;
  shape.dotted = p.separator == '.';
  shape.first = p.a;
  shape.second = p.b;
  return shape;
}

bool parse_csv_date_time(std::string_view text, DateOrder order, CivilTime& out) noexcept {
  Parts p;
  if (!read_parts(text, p)) return false;
  out = CivilTime{};
  out.has_year = true;
  if (p.a_digits == 4) {
    out.year = static_cast<int>(p.a);
    out.month = p.b;
    out.day = p.c;
  } else {
    if (p.c < 1000) return false;  // two-digit years are not written by Event Viewer
    out.year = static_cast<int>(p.c);
    const bool day_first =
        order == DateOrder::dmy || (order == DateOrder::auto_detect && p.separator == '.');
    const bool month_first =
        order == DateOrder::mdy || (order == DateOrder::auto_detect && p.meridiem != 0);
    if (day_first == month_first) return false;  // auto_detect that the shape cannot settle
    out.day = day_first ? p.a : p.b;
    out.month = day_first ? p.b : p.a;
  }
  if (p.meridiem != 0) {
    if (p.hour < 1 || p.hour > 12) return false;
    p.hour %= 12;
    if (p.meridiem == 2) p.hour += 12;
  }
  if (out.month < 1 || out.month > 12 || out.day < 1 || out.day > 31 || p.hour > 23 ||
      p.minute > 59 || p.second > 60) {
    return false;
  }
  out.hour = p.hour;
  out.minute = p.minute;
  out.second = p.second;
  return true;
}

}  // namespace horolog::winevent
