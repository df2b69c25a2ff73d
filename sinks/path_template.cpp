// Template parsing and rendering. Host and input names are sanitised so an event can never steer
// the path outside the configured folder (no '/', no ".."), and bounded in length.
#include "sinks/path_template.h"

#include <date/date.h>

#include <climits>
#include <cstdint>

namespace horolog {

namespace {

// "-" and 16 hex digits.
constexpr std::size_t kHashSuffixLength = 17;
// The last component leaves room for ".zst" and a rotation suffix (".12").
constexpr std::size_t kMaxFileNameLength = NAME_MAX - 16;

std::uint64_t fnv1a(std::string_view bytes) noexcept {
  std::uint64_t hash = 14695981039346656037ull;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

// Writes "-" and the hash of `whole` over the kHashSuffixLength bytes at `at`.
void write_hash_suffix(char* at, std::string_view whole) noexcept {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t hash = fnv1a(whole);
  at[0] = '-';
  for (std::size_t i = kHashSuffixLength - 1; i > 0; --i, hash >>= 4) at[i] = kHex[hash & 15];
}

void append_padded(std::string& out, unsigned value, int width) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<std::size_t>(width));
}

// Cuts the bytes [begin, end) of `text` to `limit` as bound_length() says; returns the new end.
std::size_t bound_range(std::string& text, std::size_t begin, std::size_t end, std::size_t limit) {
  if (end - begin <= limit) return end;
  // Hashed before it is overwritten; the string only shrinks, so nothing is allocated.
  const std::string_view whole(text.data() + begin, end - begin);
  char suffix[kHashSuffixLength];
  write_hash_suffix(suffix, whole);
  const std::size_t keep = limit - kHashSuffixLength;
  text.replace(begin + keep, end - begin - keep, suffix, kHashSuffixLength);
  return begin + limit;
}

}  // namespace

void append_safe_name(std::string& out, std::string_view name) {
  if (name.empty()) {
    out += "unknown";
    return;
  }
  const bool too_long = name.size() > kMaxFieldLength;
  const std::string_view kept =
      too_long ? name.substr(0, kMaxFieldLength - kHashSuffixLength) : name;
  for (char c : kept) out += is_safe_name_byte(c) ? c : '_';
  if (name == "." || name == "..") out.back() = '_';
  if (too_long) {
    out.append(kHashSuffixLength, '-');
    write_hash_suffix(out.data() + out.size() - kHashSuffixLength, name);
  }
}

void bound_length(std::string& name, std::size_t limit) {
  bound_range(name, 0, name.size(), limit);
}

void bound_path_components(std::string& path) {
  if (path.size() <= kMaxFileNameLength) return;  // no component can be too long
  for (std::size_t begin = 0; begin < path.size();) {
    std::size_t end = path.find('/', begin);
    const bool last = end == std::string::npos;
    if (last) end = path.size();
    end = bound_range(path, begin, end, last ? kMaxFileNameLength : NAME_MAX);
    begin = end + 1;
  }
}

Result<PathTemplate> PathTemplate::parse(std::string_view text) {
  PathTemplate path;
  path.text_ = text;
  std::vector<Piece>& pieces = path.pieces_;
  std::string literal;
  auto flush_literal = [&] {
    if (!literal.empty()) pieces.push_back({Part::literal, std::move(literal)});
    literal.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 1 < text.size()) {
      const char f = text[++i];
      Part part;
      switch (f) {
        case 'Y': part = Part::year; break;
        case 'm': part = Part::month; break;
        case 'd': part = Part::day; break;
        case 'H': part = Part::hour; break;
        case 'M': part = Part::minute; break;
        case 'S': part = Part::second; break;
        case 'j': part = Part::day_of_year; break;
        case '%': literal += '%'; continue;
        default:
          return fail(ErrorCode::invalid_config,
                      "unsupported field %" + std::string(1, f) + " (use %Y %m %d %H %M %S %j %%)");
      }
      flush_literal();
      pieces.push_back({part, {}});
    } else if (c == '{') {
      const auto close = text.find('}', i);
      if (close == std::string_view::npos) return fail(ErrorCode::invalid_config, "unclosed '{'");
      const auto name = text.substr(i + 1, close - i - 1);
      Part part;
      if (name == "input")
        part = Part::input;
      else if (name == "host")
        part = Part::host;
      else if (name == "format")
        part = Part::format;
      else
        return fail(ErrorCode::invalid_config,
                    "unknown field {" + std::string(name) + "} (use {input} {host} {format})");
      flush_literal();
      pieces.push_back({part, {}});
      i = close;
    } else {
      literal += c;
    }
  }
  flush_literal();
  return path;
}

config::PathShape PathTemplate::shape() const {
  config::PathShape shape;
  for (const Piece& piece : pieces_) {
    if (piece.part == Part::literal) {
      shape.literal(piece.literal);
    } else {
      shape.field();
    }
  }
  return shape;
}

void PathTemplate::render(const Event& event, std::string_view format, std::string& out) const {
  using namespace std::chrono;
  out.clear();
  const auto day = floor<days>(event.timestamp);
  const date::year_month_day ymd{day};
  const auto in_day = floor<seconds>(event.timestamp - day).count();
  for (const Piece& piece : pieces_) {
    switch (piece.part) {
      case Part::literal: out += piece.literal; break;
      case Part::year:
        append_padded(out, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
        break;
      case Part::month: append_padded(out, static_cast<unsigned>(ymd.month()), 2); break;
      case Part::day: append_padded(out, static_cast<unsigned>(ymd.day()), 2); break;
      case Part::hour: append_padded(out, static_cast<unsigned>(in_day / 3600), 2); break;
      case Part::minute: append_padded(out, static_cast<unsigned>(in_day / 60 % 60), 2); break;
      case Part::second: append_padded(out, static_cast<unsigned>(in_day % 60), 2); break;
      case Part::day_of_year: {
        const auto jan1 = date::sys_days{ymd.year() / 1 / 1};
        append_padded(out, static_cast<unsigned>((day - jan1).count() + 1), 3);
        break;
      }
      case Part::input: append_safe_name(out, event.input_name); break;
      case Part::host: append_safe_name(out, event.host); break;
      case Part::format: append_safe_name(out, format); break;
    }
  }
}

}  // namespace horolog
