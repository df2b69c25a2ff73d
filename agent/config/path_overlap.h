// Whether two sets of paths share a path: decides, for every glob and template the config can
// hold, whether an input can read what a sink writes, or two sinks can write one file.
#pragma once

#include <span>

#include "agent/config/path_pattern.h"

namespace horolog {

// True when some path is matched by `a` and by `b` and by none of `excluded`.
bool share_a_path(const PathPattern& a, const PathPattern& b,
                  std::span<const PathPattern> excluded = {});

}  // namespace horolog
