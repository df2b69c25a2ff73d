// Number + unit decoding with overflow checks; units are case-sensitive as written in the docs.
#include "config/quantity.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

namespace horolog::config {

namespace {

struct Unit {
  std::string_view name;
  std::uint64_t factor;
};

constexpr Unit kDurationUnits[] = {
    {"ns", 1},
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"d", 86'400'000'000'000},
};

constexpr Unit kSizeUnits[] = {
    {"B", 1},
    {"KiB", 1ull << 10},
    {"MiB", 1ull << 20},
    {"GiB", 1ull << 30},
    {"TiB", 1ull << 40},
    {"KB", 1'000},
    {"MB", 1'000'000},
    {"GB", 1'000'000'000},
    {"TB", 1'000'000'000'000},
};

// Splits "64MiB" into 64 and "MiB"; false when there is no leading number.
bool split_number(std::string_view text, std::uint64_t& number, std::string_view& unit) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data()) return false;
  unit = text.substr(static_cast<std::size_t>(end - text.data()));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  return true;
}

template <std::size_t N>
std::optional<std::uint64_t> scale(std::string_view text, const Unit (&units)[N],
                                   std::string_view default_unit, std::string_view what,
                                   std::string& error) {
  std::uint64_t number = 0;
  std::string_view unit;
  if (!split_number(text, number, unit)) {
    error = "'" + std::string(text) + "' is not a " + std::string(what);
    return std::nullopt;
  }
  if (unit.empty()) unit = default_unit;
  for (const Unit& u : units) {
    if (u.name != unit) continue;
    if (number > std::numeric_limits<std::int64_t>::max() / u.factor) {
      error = "'" + std::string(text) + "' is too large";
      return std::nullopt;
    }
    return number * u.factor;
  }
  error = "'" + std::string(text) + "' has an unknown unit '" + std::string(unit) + "' (use ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) error += ", ";
    error += units[i].name;
  }
  error += ")";
  return std::nullopt;
}

// The largest unit that divides `value` exactly; units are ordered from small to large.
template <std::size_t N>
std::string format_exact(std::uint64_t value, const Unit (&units)[N]) {
  const Unit* best = &units[0];
  for (const Unit& u : units) {
    if (value != 0 && value % u.factor == 0 && u.factor > best->factor) best = &u;
  }
  return std::to_string(value / best->factor) + std::string(best->name);
}

// Binary units first: 64MiB is how sizes are usually meant, and "0B" reads better than "0KB".
constexpr Unit kBinarySizeUnits[] = {
    {"B", 1}, {"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30}, {"TiB", 1ull << 40},
};
constexpr Unit kDecimalSizeUnits[] = {
    {"B", 1}, {"KB", 1'000}, {"MB", 1'000'000}, {"GB", 1'000'000'000}, {"TB", 1'000'000'000'000},
};

}  // namespace

std::string format_duration(Duration value) {
  const auto count = value.count();
  // Negative durations cannot be written in a config; show them as their magnitude with a sign.
  if (count < 0) return "-" + format_exact(0 - static_cast<std::uint64_t>(count), kDurationUnits);
  return format_exact(static_cast<std::uint64_t>(count), kDurationUnits);
}

std::string format_byte_size(ByteSize value) {
  std::string binary = format_exact(value.bytes, kBinarySizeUnits);
  std::string decimal = format_exact(value.bytes, kDecimalSizeUnits);
  return decimal.size() < binary.size() ? decimal : binary;
}

std::optional<Duration> parse_duration(std::string_view text, std::string& error) {
  // A bare number is ambiguous (seconds? milliseconds?), so a duration always needs its unit.
  auto nanos = scale(text, kDurationUnits, "", "duration such as 5s or 250ms", error);
  if (!nanos) {
    if (error.find("unknown unit ''") != std::string::npos) {
      error = "'" + std::string(text) + "' needs a unit (ns, us, ms, s, m, h, d), e.g. 5s";
    }
    return std::nullopt;
  }
  return Duration(static_cast<std::int64_t>(*nanos));
}

std::optional<ByteSize> parse_byte_size(std::string_view text, std::string& error) {
  auto bytes = scale(text, kSizeUnits, "B", "size such as 64MiB or 512KiB", error);
  if (!bytes) return std::nullopt;
  return ByteSize{*bytes};
}

}  // namespace horolog::config
