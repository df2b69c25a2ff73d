// Sets of paths in one form, so that what an input reads and what a sink writes can be compared:
// an input's glob(3) pattern, an exclude's fnmatch(3) pattern, a sink's path shape. A pattern is
// a sequence of steps, each reading one byte, or any number of bytes, out of a set of bytes.
#pragma once

#include <bitset>
#include <filesystem>
#include <string_view>
#include <vector>

#include "config/file_use.h"

namespace horolog {

struct PathPattern {
  struct Step {
    std::bitset<256> bytes;
    bool repeats = false;          // any number of bytes out of `bytes` (none too); else one
    bool not_leading_dot = false;  // cannot read a '.' that begins a path component (glob(3))
  };
  std::vector<Step> steps;
  bool last_component_only = false;  // matched against the last component of a path

  // The paths glob(3) finds for `pattern`, called as the file input calls it (no flags: `*`, `?`
  // and `[...]` stay inside a component and skip names starting with '.'), as the input names
  // them: absolute (relative patterns are taken from `cwd`) and lexically normal.
  static PathPattern glob(std::string_view pattern, const std::filesystem::path& cwd);
  // The paths fnmatch(3) matches without flags (`*` crosses '/'), or, with
  // `last_component_only`, the paths whose last component it matches.
  static PathPattern fnmatch(std::string_view pattern, bool last_component_only);
  // The paths of `shape`, absolute (relative ones taken from `cwd`) and lexically normal.
  static PathPattern shape(const config::PathShape& shape, const std::filesystem::path& cwd);
};

}  // namespace horolog
