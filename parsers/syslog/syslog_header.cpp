// The `<PRI>` prefix and BSD tag splitting shared by the RFC 3164, high-precision and RFC 5424
// parsers.
#include "parsers/syslog/syslog_header.h"

#include <algorithm>

namespace horolog::syslog {
namespace {

constexpr unsigned kMaxPri = 191;  // facility 23, severity 7

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

std::size_t parse_pri(std::string_view text, Event& event) noexcept {
  if (text.size() < 3 || text[0] != '<') return 0;
  unsigned value = 0;
  std::size_t i = 1;
  for (; i < text.size() && i <= 4 && is_digit(text[i]); ++i) value = value * 10 + (text[i] - '0');
  // 1 to 3 digits, no leading zero unless the value is 0 itself (RFC 5424 section 6.2.1).
  const std::size_t digits = i - 1;
  if (digits == 0 || digits > 3 || i >= text.size() || text[i] != '>') return 0;
  if (value > kMaxPri || (digits > 1 && text[1] == '0')) return 0;
  event.facility = static_cast<std::int16_t>(value >> 3);
  event.severity = static_cast<std::int16_t>(value & 7);
  return i + 1;
}

std::string_view skip_spaces(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  return text.substr(i);
}

std::string_view first_token(std::string_view text) noexcept {
  return text.substr(0, std::min(text.find(' '), text.size()));
}

bool looks_like_tag(std::string_view token) noexcept {
  return !token.empty() && (token.back() == ':' || token.find('[') != std::string_view::npos);
}

BsdContent split_bsd_content(std::string_view content) noexcept {
  BsdContent out{{}, -1, content};
  // The name runs to `[`, `:` or a space; a `:` inside parentheses (`pam_unix(sshd:auth)`) is
  // part of it.
  std::size_t i = 0;
  int depth = 0;
  for (; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '(')
      ++depth;
    else if (c == ')')
      depth = depth > 0 ? depth - 1 : 0;
    else if (c == ' ' || c == '\t' || c == '[' || (c == ':' && depth == 0))
      break;
  }
  if (i == 0 || i == content.size()) return out;
  const std::string_view name = content.substr(0, i);
  std::size_t rest = i;
  std::int64_t pid = -1;
  if (content[i] == '[') {
    std::size_t j = i + 1;
    std::int64_t value = 0;
    for (; j < content.size() && is_digit(content[j]) && j - i <= 18; ++j) {
      value = value * 10 + (content[j] - '0');
    }
    if (j == i + 1 || j >= content.size() || content[j] != ']') return out;
    pid = value;
    rest = j + 1;
    if (rest < content.size() && content[rest] == ':') ++rest;
  } else if (content[i] == ':') {
    rest = i + 1;
  } else {
    return out;  // `word word`: no tag, all message
  }
  if (rest < content.size() && content[rest] == ' ') ++rest;
  out.app = name;
  out.pid = pid;
  out.message = content.substr(rest);
  return out;
}

}  // namespace horolog::syslog
