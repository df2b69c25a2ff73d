// Compiling strptime-style patterns into steps, and running the steps over a record's text.
#include "normalizer/strptime_format.h"

#include "normalizer/epoch_time.h"
#include "normalizer/time_text.h"
#include "normalizer/timestamp_formats.h"

namespace horolog {

using namespace time_text;

namespace {

struct Abbreviation {
  std::string_view name;
  std::int32_t offset_seconds;
};

// Abbreviations in common use whose meaning is not in doubt (IST, for one, is left out).
constexpr Abbreviation kAbbreviations[] = {
    {"UTC", 0},       {"GMT", 0},       {"UT", 0},       {"Z", 0},        {"WET", 0},
    {"WEST", 3600},   {"BST", 3600},    {"CET", 3600},   {"CEST", 7200},  {"EET", 7200},
    {"EEST", 10800},  {"MSK", 10800},   {"EST", -18000}, {"EDT", -14400}, {"CST", -21600},
    {"CDT", -18000},  {"MST", -25200},  {"MDT", -21600}, {"PST", -28800}, {"PDT", -25200},
    {"AKST", -32400}, {"AKDT", -28800}, {"HST", -36000}, {"NST", -12600}, {"NDT", -9000},
    {"JST", 32400},   {"KST", 32400},   {"AWST", 28800}, {"ACST", 34200}, {"ACDT", 37800},
    {"AEST", 36000},  {"AEDT", 39600},  {"NZST", 43200}, {"NZDT", 46800},
};

constexpr std::string_view kMonthNames[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
constexpr std::string_view kWeekdayNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

// Matches the rest of a full English name after its first three letters, if present.
void skip_full_name_tail(std::string_view s, std::size_t& pos, std::string_view full) noexcept {
  const std::string_view tail = full.substr(3);
  if (pos + tail.size() > s.size()) return;
  for (std::size_t i = 0; i < tail.size(); ++i) {
    if (lower(s[pos + i]) != tail[i]) return;
  }
  pos += tail.size();
}

bool read_weekday(std::string_view s, std::size_t& pos) noexcept {
  if (pos + 3 > s.size()) return false;
  for (std::string_view name : kWeekdayNames) {
    if (lower(s[pos]) == name[0] && lower(s[pos + 1]) == name[1] && lower(s[pos + 2]) == name[2]) {
      pos += 3;
      skip_full_name_tail(s, pos, name);
      return true;
    }
  }
  return false;
}

bool read_offset(std::string_view s, std::size_t& pos, std::int32_t& offset) noexcept {
  if (read_char(s, pos, 'Z') || read_char(s, pos, 'z')) {
    offset = 0;
    return true;
  }
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return false;
  const int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  unsigned hours = 0;
  unsigned minutes = 0;
  if (!read_fixed(s, pos, 2, hours)) return false;
  const bool colon = read_char(s, pos, ':');
  if (!read_fixed(s, pos, 2, minutes) && colon) return false;
  if (hours > 23 || minutes > 59) return false;
  offset = sign * static_cast<std::int32_t>(hours * 3600 + minutes * 60);
  return true;
}

bool is_zone_name_char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '/' || c == '_' ||
         c == '-' || c == '+';
}

}  // namespace

Result<TimeFormat> TimeFormat::compile(std::string_view pattern) {
  TimeFormat format(pattern);
  if (pattern == "%s") {  // an instant, not a civil time: handled whole
    format.epoch_seconds_ = true;
    return format;
  }
  const auto problem = [&](std::string_view what) {
    return fail(ErrorCode::invalid_config,
                "time format '" + std::string(pattern) + "'" + std::string(what));
  };
  if (std::string error = format.add_steps(pattern); !error.empty()) return problem(error);
  bool month = false;
  bool day = false;
  bool hour12 = false;
  bool meridiem = false;
  for (const Step& step : format.steps_) {
    month |= step.kind == Kind::month || step.kind == Kind::month_name;
    day |= step.kind == Kind::day || step.kind == Kind::day_padded;
    hour12 |= step.kind == Kind::hour12;
    meridiem |= step.kind == Kind::meridiem;
  }
  if (!month || !day) return problem(" needs a month and a day");
  if (hour12 != meridiem) return problem(": %I and %p go together");
  return format;
}

std::string TimeFormat::add_steps(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == ' ' || c == '\t') {
      if (steps_.empty() || steps_.back().kind != Kind::space) steps_.push_back({Kind::space});
      continue;
    }
    if (c != '%') {
      steps_.push_back({Kind::literal, c});
      continue;
    }
    if (++i == pattern.size()) return " ends with a lone %";
    const char d = pattern[i];
    switch (d) {
      case 'Y': steps_.push_back({Kind::year4}); break;
      case 'y': steps_.push_back({Kind::year2}); break;
      case 'm': steps_.push_back({Kind::month}); break;
      case 'd': steps_.push_back({Kind::day}); break;
      case 'e': steps_.push_back({Kind::day_padded}); break;
      case 'b':
      case 'h':
      case 'B': steps_.push_back({Kind::month_name}); break;
      case 'a':
      case 'A': steps_.push_back({Kind::weekday_name}); break;
      case 'H': steps_.push_back({Kind::hour24}); break;
      case 'I': steps_.push_back({Kind::hour12}); break;
      case 'M': steps_.push_back({Kind::minute}); break;
      case 'S': steps_.push_back({Kind::second}); break;
      case 'f': steps_.push_back({Kind::fraction}); break;
      case 'p': steps_.push_back({Kind::meridiem}); break;
      case 'z': steps_.push_back({Kind::offset}); break;
      case 'Z': steps_.push_back({Kind::zone_name}); break;
      case '%': steps_.push_back({Kind::literal, '%'}); break;
      // The shorthands expand to directives that are all known.
      case 'T': add_steps("%H:%M:%S"); break;
      case 'F': add_steps("%Y-%m-%d"); break;
      case 'D': add_steps("%m/%d/%y"); break;
      case 'R': add_steps("%H:%M"); break;
      default: return ": unknown directive %" + std::string(1, d);
    }
  }
  return {};
}

const Zone* TimeFormat::named_zone(std::string_view name) noexcept {
  for (const auto& zone : zones_) {
    if (zone->name() == name) return zone.get();
  }
  // Bounded, so a stream of invented names cannot grow it: they are refused beyond the limit.
  constexpr std::size_t kMaxZones = 32;
  if (zones_.size() == kMaxZones) return nullptr;
  Result<Zone> zone = Zone::find(name);
  if (!zone) return nullptr;
  zones_.push_back(std::make_unique<Zone>(*zone));
  return zones_.back().get();
}

std::size_t TimeFormat::parse(std::string_view s, CivilTime& out) noexcept {
  if (epoch_seconds_) {
    UtcTime utc;
    const std::size_t used = parse_epoch(s, EpochUnit::seconds, utc);
    if (used == 0) return 0;
    out = utc_to_civil(utc);
    return used;
  }
  std::size_t pos = 0;
  unsigned year = 0;
  bool has_year = false;
  unsigned month = 0;
  unsigned day = 0;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  std::uint32_t nanos = 0;
  std::uint8_t digits = 0;
  bool truncated = false;
  int meridiem = -1;  // 0 AM, 1 PM
  bool has_offset = false;
  std::int32_t offset = 0;
  const Zone* zone = nullptr;

  for (const Step& step : steps_) {
    bool ok = true;
    switch (step.kind) {
      case Kind::literal: ok = read_char(s, pos, step.literal); break;
      case Kind::space:
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
        break;
      case Kind::year4:
        ok = read_fixed(s, pos, 4, year);
        has_year = true;
        break;
      case Kind::year2:
        ok = read_fixed(s, pos, 2, year);
        year += year < 69 ? 2000 : 1900;
        has_year = true;
        break;
      case Kind::month: ok = read_between(s, pos, 1, 2, month); break;
      case Kind::month_name:
        ok = read_month_abbrev(s, pos, month);
        if (ok) skip_full_name_tail(s, pos, kMonthNames[month - 1]);
        break;
      case Kind::day_padded:
        read_char(s, pos, ' ');
        ok = read_between(s, pos, 1, 2, day);
        break;
      case Kind::day: ok = read_between(s, pos, 1, 2, day); break;
      case Kind::weekday_name: ok = read_weekday(s, pos); break;
      case Kind::hour24:
      case Kind::hour12: ok = read_between(s, pos, 1, 2, hour); break;
      case Kind::minute: ok = read_between(s, pos, 1, 2, minute); break;
      case Kind::second: ok = read_between(s, pos, 1, 2, second); break;
      case Kind::fraction: ok = read_fraction(s, pos, nanos, digits, truncated); break;
      case Kind::meridiem:
        ok = pos + 2 <= s.size() && lower(s[pos + 1]) == 'm' &&
             (lower(s[pos]) == 'a' || lower(s[pos]) == 'p');
        if (ok) {
          meridiem = lower(s[pos]) == 'p' ? 1 : 0;
          pos += 2;
        }
        break;
      case Kind::offset:
        ok = read_offset(s, pos, offset);
        has_offset = ok;
        break;
      case Kind::zone_name: {
        std::size_t end = pos;
        while (end < s.size() && is_zone_name_char(s[end])) ++end;
        const std::string_view name = s.substr(pos, end - pos);
        ok = false;
        for (const Abbreviation& a : kAbbreviations) {
          if (a.name == name) {
            has_offset = true;
            offset = a.offset_seconds;
            ok = true;
          }
        }
        if (!ok && name.find('/') != std::string_view::npos) {
          zone = named_zone(name);
          ok = zone != nullptr;
        }
        pos = end;
        break;
      }
    }
    if (!ok) return 0;
  }

  if (meridiem >= 0) {
    if (hour < 1 || hour > 12) return 0;
    hour = hour % 12 + (meridiem == 1 ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return 0;
  const unsigned max_day =
      has_year ? days_in_month(static_cast<int>(year), month) : max_day_any_year(month);
  if (day > max_day) return 0;

  out = CivilTime{};
  out.year = static_cast<int>(year);
  out.has_year = has_year;
  out.month = month;
  out.day = day;
  out.hour = hour;
  out.minute = minute;
  out.second = second;
  out.nanos = nanos;
  out.digits = digits;
  out.precision_truncated = truncated;
  out.has_offset = has_offset;
  out.offset_seconds = offset;
  out.zone = has_offset ? nullptr : zone;
  return pos;
}

Result<TimeFormatList> TimeFormatList::compile(const std::vector<std::string>& patterns) {
  TimeFormatList list;
  list.formats_.reserve(patterns.size());
  for (const std::string& pattern : patterns) {
    Result<TimeFormat> format = TimeFormat::compile(pattern);
    if (!format) return fail(format.error());
    list.formats_.push_back(std::move(*format));
  }
  return list;
}

int TimeFormatList::parse(std::string_view text, CivilTime& out) noexcept {
  for (std::size_t i = 0; i < formats_.size(); ++i) {
    if (formats_[i].parse(text, out) == text.size() && !text.empty()) return static_cast<int>(i);
  }
  return -1;
}

bool TimeFormatList::parse_or_rfc3339(std::string_view text, CivilTime& out) noexcept {
  return parse(text, out) >= 0 || (!text.empty() && parse_rfc3339(text, out) == text.size());
}

}  // namespace horolog
