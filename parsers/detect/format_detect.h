// Guesses the format of one record from its shape alone (the stamp, the column count and
// kinds), for format `auto`. Cheap enough to run on every record of a mixed file.
#pragma once

#include <string_view>

namespace horolog {

// The format name (as in the registry) this record looks like, or empty when nothing fits.
std::string_view detect_format(std::string_view record) noexcept;

}  // namespace horolog
