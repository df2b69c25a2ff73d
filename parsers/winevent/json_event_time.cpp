// Civil times are compared as if they were UTC: only differences between two clocks matter,
// and those are whole quarter hours (zone offsets) plus the seconds one clock lagged.
#include "parsers/winevent/json_event_time.h"

#include <chrono>

#include "normalizer/timestamp_formats.h"
#include "normalizer/windows_time.h"

namespace horolog::winevent {
namespace {

constexpr std::int64_t kQuarterHour = std::int64_t{15} * 60;
// Receipt lag (Logstash) or clock disagreement (TimeCreated vs UtcTime) tolerated around a whole
// quarter hour before a learned offset is refused.
constexpr std::int64_t kMaxLagSeconds = std::int64_t{5} * 60;

// The whole text as a time; a stamp without offset is read as if it were UTC.
bool read_time(std::string_view text, CivilTime& out) noexcept {
  out = CivilTime{};
  if (text.empty() || parse_rfc3339(text, out) != text.size()) return false;
  if (!out.has_offset) {
    out.has_offset = true;
    out.offset_seconds = 0;
  }
  return true;
}

std::int64_t wall_seconds(const CivilTime& c) noexcept {
  using namespace std::chrono;
  const sys_days date{year{c.year} / month{c.month} / day{c.day}};
  return date.time_since_epoch().count() * 86400 + std::int64_t{c.hour} * 3600 +
         std::int64_t{c.minute} * 60 + c.second - c.offset_seconds;
}

// `difference` rounded to a quarter hour, when it lies close to one.
bool quarter_hours(std::int64_t difference, std::int64_t& out) noexcept {
  const std::int64_t rounded =
      (difference >= 0 ? difference + kQuarterHour / 2 : difference - kQuarterHour / 2) /
      kQuarterHour * kQuarterHour;
  const std::int64_t residual = difference - rounded;
  if (residual > kMaxLagSeconds || residual < -kMaxLagSeconds) return false;
  out = rounded;
  return true;
}

bool resolve_text(std::string_view text, ParseContext& ctx, Event& event) noexcept {
  CivilTime civil;
  if (!read_time(text, civil) || !ctx.time.resolve(civil, event)) return false;
  event.time_original = text;
  return true;
}

// A time the input's zone applies to (flagged zone_assumed by the resolver).
bool resolve_local(std::string_view text, ParseContext& ctx, Event& event) noexcept {
  CivilTime civil;
  if (text.empty() || parse_rfc3339(text, civil) != text.size() || civil.has_offset ||
      !ctx.time.resolve(civil, event)) {
    return false;
  }
  event.time_original = text;
  return true;
}

bool resolve_powershell(std::string_view text, ParseContext& ctx, Event& event) noexcept {
  if (UtcTime utc; !text.empty() && parse_dotnet_json_date(text, utc) == text.size()) {
    ctx.time.resolve_utc(utc, event);
    event.time_original = text;
    return true;
  }
  CivilTime civil;
  if (text.empty() || parse_rfc3339(text, civil) != text.size()) return false;
  if (!ctx.time.resolve(civil, event)) return false;  // no offset: the input's zone
  event.time_original = text;
  return true;
}

bool resolve_event_time(const JsonTimeMembers& m, ParseContext& ctx, Event& event) noexcept {
  CivilTime event_time, received, stamp;
  std::int64_t offset = 0;
  if (read_time(m.event_time, event_time) && read_time(m.event_received_time, received) &&
      read_time(m.timestamp, stamp) &&
      quarter_hours(wall_seconds(received) - wall_seconds(stamp), offset)) {
    event_time.offset_seconds = static_cast<std::int32_t>(offset);
    if (ctx.time.resolve(event_time, event)) {
      event.time_original = m.event_time;
      return true;
    }
  }
  return resolve_local(m.event_time, ctx, event);
}

bool resolve_corrected(std::string_view time_created, const TimeCreatedCorrection& correction,
                       ParseContext& ctx, Event& event) noexcept {
  CivilTime civil;
  if (!read_time(time_created, civil)) return false;
  // The correction turns the wall clock into UTC: as an offset it is its negation.
  civil.offset_seconds = static_cast<std::int32_t>(civil.offset_seconds - correction.seconds());
  if (!ctx.time.resolve(civil, event)) return false;
  event.time_original = time_created;
  return true;
}

}  // namespace

bool TimeCreatedCorrection::learn(std::string_view time_created,
                                  std::string_view utc_time) noexcept {
  CivilTime created, utc;
  std::int64_t seconds = 0;
  if (!read_time(time_created, created) || !read_time(utc_time, utc) ||
      !quarter_hours(wall_seconds(utc) - wall_seconds(created), seconds)) {
    return false;
  }
  seconds_ = seconds;
  known_ = true;
  return true;
}

JsonTimeResult resolve_json_event_time(JsonDialect dialect, const JsonTimeMembers& m,
                                       const TimeCreatedCorrection& correction, ParseContext& ctx,
                                       Event& event, std::string_view& source) noexcept {
  const auto use = [&source](std::string_view name) {
    source = name;
    return JsonTimeResult::resolved;
  };
  switch (dialect) {
    case JsonDialect::powershell:
      if (resolve_powershell(m.time_created, ctx, event)) return use("TimeCreated");
      break;
    case JsonDialect::winlogbeat:
      if (resolve_text(m.timestamp, ctx, event)) return use("@timestamp");
      break;
    case JsonDialect::sentinel:
      if (resolve_text(m.time_generated, ctx, event)) return use("TimeGenerated");
      break;
    case JsonDialect::nxlog:
      if (resolve_text(m.utc_time, ctx, event)) return use("UtcTime");
      if (resolve_event_time(m, ctx, event)) return use("EventTime");
      if (resolve_text(m.timestamp, ctx, event)) return use("@timestamp");
      break;
    case JsonDialect::otrf:
      if (resolve_text(m.utc_time, ctx, event)) return use("UtcTime");
      if (m.time_created.empty()) break;
      if (!correction.known()) {
        if (correction.searched()) break;
        return JsonTimeResult::needs_correction;
      }
      if (resolve_corrected(m.time_created, correction, ctx, event)) {
        return use("TimeCreated+UtcTime offset");
      }
      break;
  }
  return JsonTimeResult::missing;
}

}  // namespace horolog::winevent
