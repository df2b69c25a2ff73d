// The one decoder for durations ("250ms", "5s") and sizes ("64MiB") used by every option,
// and its inverse for showing defaults.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/option_types.h"

namespace horolog::config {

// Both return nullopt and set `error` to a readable reason when the text is not valid.
std::optional<Duration> parse_duration(std::string_view text, std::string& error);
std::optional<ByteSize> parse_byte_size(std::string_view text, std::string& error);

// The shortest exact spelling that the parsers above read back to the same value ("64MiB",
// "1500ms"); used to show defaults in the config reference.
std::string format_duration(Duration value);
std::string format_byte_size(ByteSize value);

}  // namespace horolog::config
