// Reference times for year inference: an explicit RFC 3339 value, or a file's mtime.
#pragma once

#include <optional>
#include <string_view>

#include "normalizer/time_types.h"

namespace horolog {

// RFC 3339 text to an instant; a value without offset is read as UTC. nullopt when invalid.
std::optional<SysNanos> parse_reference_time(std::string_view text);

// The modification time of an open file, or now when it has none (pipes).
SysNanos file_reference_time(int fd);

}  // namespace horolog
