// Statistics lines: stamp, then whitespace-separated columns converted by kind.
#include "parsers/ntp/stats_parser.h"

#include <charconv>
#include <chrono>

#include "normalizer/ntp_time.h"
#include "normalizer/timestamp_formats.h"
#include "parsers/ntp/peer_status.h"

namespace horolog {
namespace {

using ntp::ColumnKind;

bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

std::string_view skip_space(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size() && is_space(text[i])) ++i;
  return text.substr(i);
}

std::string_view take_token(std::string_view& rest) noexcept {
  rest = skip_space(rest);
  std::size_t i = 0;
  while (i < rest.size() && !is_space(rest[i])) ++i;
  const std::string_view token = rest.substr(0, i);
  rest.remove_prefix(i);
  return token;
}

template <class T>
bool to_number(std::string_view token, T& out) noexcept {
  const char* end = token.data() + token.size();
  const auto result = std::from_chars(token.data(), end, out);
  return result.ec == std::errc{} && result.ptr == end;
}

// Decimal columns (`-0.000010842`, `2.683e-05`) through the exact fast path: a mantissa below
// 2^53 scaled by a power of ten up to 10^22 is one correctly rounded IEEE operation (Clinger).
// Anything else goes to from_chars.
bool to_double(std::string_view token, double& out) noexcept {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  std::size_t i = 0;
  const bool negative = !token.empty() && token[0] == '-';
  if (negative || (!token.empty() && token[0] == '+')) ++i;
  std::uint64_t mantissa = 0;
  int digits = 0;
  int scale = 0;
  for (; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i, ++digits) {
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(token[i] - '0');
  }
  if (i < token.size() && token[i] == '.') {
    for (++i; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i, ++digits, --scale) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(token[i] - '0');
    }
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    int exponent = 0;
    const std::size_t e = i + 1 < token.size() && token[i + 1] == '+' ? i + 2 : i + 1;
    if (!to_number(token.substr(e), exponent) || exponent < -400 || exponent > 400) {
      return to_number(token, out);
    }
    scale += exponent;
    i = token.size();
  }
  if (digits == 0 || digits > 15 || i != token.size() || scale < -22 || scale > 22) {
    return to_number(token, out);  // long or unusual: the general algorithm
  }
  double value = static_cast<double>(mantissa);
  value = scale < 0 ? value / kPow10[-scale] : value * kPow10[scale];
  out = negative ? -value : value;
  return true;
}

// `61016 2.878`: integer day, seconds exact to the nanosecond (the normalizer's MJD conversion;
// further digits are cut and flagged), UTC by definition.
bool parse_mjd_stamp(std::string_view& rest, ParseContext& ctx, Event& event) noexcept {
  UtcTime utc;
  const std::size_t used = parse_mjd_time(rest, utc);
  if (used == 0) return false;
  event.time_original = rest.substr(0, used);
  ctx.time.resolve_utc(utc, event);
  rest.remove_prefix(used);
  return true;
}

// `2026-11-26 13:07:48[.567703]`, UTC.
bool parse_date_time_stamp(std::string_view& rest, ParseContext& ctx, Event& event) noexcept {
  CivilTime civil;
  const std::size_t used = parse_rfc3339(rest, civil);
  if (used == 0 || civil.has_offset || (used < rest.size() && !is_space(rest[used]))) return false;
  civil.has_offset = true;  // chrony logs are UTC by definition
  civil.offset_seconds = 0;
  event.time_original = rest.substr(0, used);
  if (!ctx.time.resolve(civil, event)) return false;
  rest.remove_prefix(used);
  return true;
}

bool add_column(const ntp::Column& column, std::string_view token, Event& event) noexcept {
  // chrony writes `-` for a value it does not have (a refclock sample without a raw offset).
  if (token == "-" && column.kind != ColumnKind::rest) return true;
  switch (column.kind) {
    case ColumnKind::float64: {
      double value = 0;
      if (!to_double(token, value)) return false;
      event.add(column.key, FieldValue::float64(value));
      return true;
    }
    case ColumnKind::int64: {
      std::int64_t value = 0;
      if (!to_number(token, value)) return false;
      event.add(column.key, FieldValue::int64(value));
      return true;
    }
    case ColumnKind::peer_status:
      event.add(column.key, FieldValue::string(token));
      return ntp::add_peer_status(token, event);
    case ColumnKind::text:
    case ColumnKind::rest: event.add(column.key, FieldValue::string(token)); return true;
  }
  return false;
}

}  // namespace

bool is_chrony_banner(std::string_view record) noexcept {
  if (record.starts_with("====")) return true;
  return skip_space(record).starts_with("Date (UTC)");
}

ParseStatus NtpStatsParser::parse(std::string_view record, ParseContext& ctx,
                                  Event& event) noexcept {
  event.dataset = layout_.dataset;
  if (layout_.stamp == ntp::StampShape::date_time && is_chrony_banner(record)) {
    event.timestamp = event.created;
    event.time_flags.set(TimeFlag::no_timestamp);
    event.host = ctx.host;
    event.message = record;
    event.add("log.banner", FieldValue::boolean(true));
    return ParseStatus::skipped;
  }
  std::string_view rest = record;
  const bool stamped = layout_.stamp == ntp::StampShape::mjd_seconds
                           ? parse_mjd_stamp(rest, ctx, event)
                           : parse_date_time_stamp(rest, ctx, event);
  std::size_t columns = 0;
  bool ok = stamped;
  for (const ntp::Column& column : layout_.columns) {
    if (!ok) break;
    rest = skip_space(rest);
    if (rest.empty()) break;
    const std::string_view token = column.kind == ColumnKind::rest ? rest : take_token(rest);
    if (column.kind == ColumnKind::rest) rest = {};
    ok = add_column(column, token, event);
    ++columns;
  }
  if (!ok || columns < layout_.required) {
    mark_unparsed(record, "not a line of this statistics file", event);
    event.host = ctx.host;
    return ParseStatus::error;
  }
  rest = skip_space(rest);
  if (!rest.empty()) event.add(layout_.extra_key, FieldValue::string(rest));
  event.host = ctx.host;
  event.message = record;
  event.stamped_by_host_clock = true;  // the daemon stamps with the host clock it disciplines
  return ParseStatus::ok;
}

}  // namespace horolog
