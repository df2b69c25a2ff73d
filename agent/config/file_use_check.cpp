// Claims are compared pairwise: every glob of every input against every written or kept path,
// and the sinks' paths against each other, except two appenders (whole synced lines may share
// a file).
#include "agent/config/file_use_check.h"

#include <string>

#include "agent/config/path_overlap.h"

namespace horolog {

namespace {

using config::FileClaim;
using config::FileRole;

std::vector<PathPattern> patterns_of(const FileClaim& claim, const std::filesystem::path& cwd) {
  std::vector<PathPattern> patterns;
  patterns.reserve(claim.use.paths.size());
  for (const config::PathShape& shape : claim.use.paths) {
    patterns.push_back(PathPattern::shape(shape, cwd));
  }
  return patterns;
}

bool any_shared(const std::vector<PathPattern>& a, const std::vector<PathPattern>& b,
                const std::vector<PathPattern>& excluded) {
  for (const PathPattern& one : a) {
    for (const PathPattern& other : b) {
      if (share_a_path(one, other, excluded)) return true;
    }
  }
  return false;
}

std::string named(const FileClaim& claim) {
  return claim.path + " (line " + std::to_string(claim.line) + ")";
}

config::ConfigError problem_at(const FileClaim& claim, std::string message) {
  return {claim.path, claim.line, claim.column, std::move(message)};
}

std::string read_problem(const std::string& glob, const FileClaim& other) {
  std::string message = "`" + glob + "` can match ";
  if (other.use.role == FileRole::state) {
    message += "files in " + named(other) +
               ", where the agent keeps its checkpoints and lock: an input must not read the "
               "agent's state";
  } else {
    message += "files that " + named(other) +
               " writes: the agent would read its own output and write it again without end";
  }
  message += " (leave them out with `exclude`)";
  return message;
}

void check_input(const FileClaim& input, const std::vector<FileClaim>& claims,
                 const std::vector<std::vector<PathPattern>>& paths,
                 const std::filesystem::path& cwd, std::vector<config::ConfigError>& errors) {
  // An excluded match is no match: fnmatch(3) on the full path or on its last component.
  std::vector<PathPattern> excluded;
  for (const std::string& pattern : input.use.exclude) {
    excluded.push_back(PathPattern::fnmatch(pattern, false));
    excluded.push_back(PathPattern::fnmatch(pattern, true));
  }
  for (const std::string& glob : input.use.globs) {
    const std::vector<PathPattern> read = {PathPattern::glob(glob, cwd)};
    for (std::size_t i = 0; i < claims.size(); ++i) {
      if (claims[i].use.role == FileRole::reads || !any_shared(read, paths[i], excluded)) continue;
      errors.push_back(problem_at(input, read_problem(glob, claims[i])));
    }
  }
}

bool writer(FileRole role) { return role == FileRole::writes || role == FileRole::appends; }

}  // namespace

void check_file_uses(const std::vector<FileClaim>& claims, const std::filesystem::path& cwd,
                     std::vector<config::ConfigError>& errors) {
  std::vector<std::vector<PathPattern>> paths;
  paths.reserve(claims.size());
  for (const FileClaim& claim : claims) paths.push_back(patterns_of(claim, cwd));
  for (const FileClaim& claim : claims) {
    if (claim.use.role == FileRole::reads) check_input(claim, claims, paths, cwd, errors);
  }
  for (std::size_t later = 0; later < claims.size(); ++later) {
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const FileRole a = claims[earlier].use.role;
      const FileRole b = claims[later].use.role;
      if (!writer(a) || !writer(b) || (a == FileRole::appends && b == FileRole::appends)) continue;
      if (!any_shared(paths[later], paths[earlier], {})) continue;
      errors.push_back(problem_at(claims[later], "can write the same file as " +
                                                     named(claims[earlier]) +
                                                     ": two sinks would mix their lines in it"));
    }
  }
}

}  // namespace horolog
