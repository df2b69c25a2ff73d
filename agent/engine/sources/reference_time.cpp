// Reference-time helpers on top of the normalizer's RFC 3339 parser and resolver.
#include "agent/engine/sources/reference_time.h"

#include <sys/stat.h>

#include "normalizer/time_resolver.h"
#include "normalizer/timestamp_formats.h"

namespace horolog {

std::optional<SysNanos> parse_reference_time(std::string_view text) {
  CivilTime civil;
  if (parse_rfc3339(text, civil) != text.size()) return std::nullopt;
  TimeResolver utc(TimeResolverSettings{});
  Event event;
  if (!utc.resolve(civil, event)) return std::nullopt;
  return event.timestamp;
}

SysNanos file_reference_time(int fd) {
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    return SysNanos(std::chrono::seconds(st.st_mtim.tv_sec) + Nanoseconds(st.st_mtim.tv_nsec));
  }
  return std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
}

}  // namespace horolog
