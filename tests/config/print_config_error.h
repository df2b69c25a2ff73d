// Lets gtest print ConfigError values, so a failed expectation shows the whole error list.
#pragma once

#include <ostream>

#include "config/config_error.h"

namespace horolog::config {

inline void PrintTo(const ConfigError& error, std::ostream* out) {
  *out << error.line << ":" << error.column << ": " << error.path << ": " << error.message;
}

}  // namespace horolog::config
