// Number formatting through std::to_chars, which neither allocates nor depends on the locale.
#include "sinks/json_number.h"

#include <charconv>
#include <cmath>

namespace horolog {

namespace {

// Longest to_chars output for a double ("-2.2250738585072014e-308") and for 64-bit integers.
constexpr std::size_t kNumberBuffer = 32;

}  // namespace

void append_json_int(std::string& out, std::int64_t value) {
  char buffer[kNumberBuffer];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_json_uint(std::string& out, std::uint64_t value) {
  char buffer[kNumberBuffer];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_json_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  char buffer[kNumberBuffer];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_json_millis(std::string& out, Nanoseconds duration) {
  const std::int64_t nanos = duration.count();
  std::int64_t micros = nanos / 1000;
  const std::int64_t rest = nanos % 1000;
  if (rest >= 500) ++micros;
  if (rest <= -500) --micros;
  std::uint64_t magnitude = static_cast<std::uint64_t>(micros);
  if (micros < 0) {
    out.push_back('-');
    magnitude = 0 - magnitude;
  }
  append_json_uint(out, magnitude / 1000);
  const auto fraction = static_cast<unsigned>(magnitude % 1000);
  const char decimals[4] = {'.', static_cast<char>('0' + fraction / 100),
                            static_cast<char>('0' + fraction / 10 % 10),
                            static_cast<char>('0' + fraction % 10)};
  out.append(decimals, sizeof decimals);
}

}  // namespace horolog
