// JSON string output that is always valid UTF-8: escapes what JSON requires and replaces
// ill-formed UTF-8 with U+FFFD, one per maximal subpart (Unicode's recommended practice).
#pragma once

#include <string>
#include <string_view>

namespace horolog {

// Appends `text` as a quoted JSON string: `"` `\` and C0 controls escaped (\n \t \r \b \f, the
// rest \u00XX), DEL and well-formed non-ASCII copied raw, ill-formed bytes replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
bool is_valid_utf8(std::string_view text) noexcept;

// Appends `text` with every ill-formed UTF-8 subpart replaced by U+FFFD, nothing escaped.
void append_utf8_repaired(std::string& out, std::string_view text);

}  // namespace horolog
