// Zone lookups through date/tz. The cache holds the last local interval whose mapping to UTC is
// unique, computed exactly from the neighbouring transitions, so most records never reach tz.
#include "normalizer/zone.h"

#include <date/tz.h>

#include <algorithm>

namespace horolog {

namespace {

bool is_utc_name(std::string_view name) {
  return name == "UTC" || name == "Etc/UTC" || name == "Z" || name == "utc";
}

}  // namespace

Zone Zone::utc() { return Zone("UTC", nullptr); }

Result<Zone> Zone::find(std::string_view name) {
  if (is_utc_name(name)) return utc();
  if (name == "local") {
    // The host's zone; a host without /etc/localtime runs on UTC, which is what libc assumes too.
    try {
      const date::time_zone* tz = date::current_zone();
      if (is_utc_name(tz->name())) return utc();
      return Zone(tz->name(), tz);
    } catch (const std::exception&) {
      return utc();
    }
  }
  try {
    const date::time_zone* tz = date::locate_zone(name);
    return Zone(tz->name(), tz);
  } catch (const std::exception&) {  // date/tz reports an unknown name by throwing
    return fail(ErrorCode::not_found,
                "unknown time zone '" + std::string(name) +
                    "' (expected an IANA name such as Europe/Berlin, UTC or local)");
  }
}

Zone::Conversion Zone::to_utc(std::int64_t local_seconds, bool later) const noexcept {
  if (tz_ == nullptr) return {std::chrono::seconds(local_seconds), Mapping::unique};
  if (local_seconds >= cache_begin_ && local_seconds < cache_end_) {
    return {std::chrono::seconds(local_seconds - cache_offset_), Mapping::unique};
  }
  using std::chrono::seconds;
  const date::local_seconds local{seconds(local_seconds)};
  date::local_info info;
  try {
    info = tz_->get_info(local);
  } catch (const std::exception&) {
    return {seconds(local_seconds), Mapping::unique};  // outside the database's range
  }
  switch (info.result) {
    case date::local_info::unique: {
      const auto& now = info.first;
      const std::int64_t offset = now.offset.count();
      std::int64_t begin = now.begin.time_since_epoch().count() + offset;
      std::int64_t end = now.end.time_since_epoch().count() + offset;
      try {
        // Trim the parts of this interval that overlap a neighbour's local times (folds).
        auto prev = tz_->get_info(now.begin - seconds(1));
        auto next = tz_->get_info(now.end);
        begin = now.begin.time_since_epoch().count() + std::max(offset, prev.offset.count());
        end = now.end.time_since_epoch().count() + std::min(offset, next.offset.count());
      } catch (const std::exception&) {
      }
      cache_begin_ = begin;
      cache_end_ = end;
      cache_offset_ = offset;
      return {seconds(local_seconds - offset), Mapping::unique};
    }
    case date::local_info::nonexistent:
      // The wall clock jumped over this time: read it with the offset before the jump, which
      // lands as far after the transition as the stamp is after its start.
      return {seconds(local_seconds - info.first.offset.count()), Mapping::gap};
    case date::local_info::ambiguous:
    default: {
      const auto& chosen = later ? info.second : info.first;
      return {seconds(local_seconds - chosen.offset.count()), Mapping::fold};
    }
  }
}

std::chrono::seconds Zone::offset_at(std::int64_t utc_seconds) const noexcept {
  if (tz_ == nullptr) return std::chrono::seconds(0);
  try {
    return tz_->get_info(date::sys_seconds{std::chrono::seconds(utc_seconds)}).offset;
  } catch (const std::exception&) {
    return std::chrono::seconds(0);
  }
}

}  // namespace horolog
