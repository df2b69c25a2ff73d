// What the file input's globs match now, and which directories may bring it new files; problems
// with a path (unreadable, not a regular file, a symlink loop) are reported once each.
#include <fnmatch.h>
#include <glob.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "agent/inputs/file/file_input.h"
#include "normalizer/printable_text.h"

namespace horolog {

namespace {

std::string_view kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::vector<std::string> FileInput::watched_directories() const {
  std::vector<std::string> directories;
  for (const std::string& pattern : options_.paths) {
    // The directory is the part before the first component with a wildcard.
    std::filesystem::path dir = std::filesystem::path(pattern).parent_path();
    while (dir.string().find_first_of("*?[") != std::string::npos) dir = dir.parent_path();
    if (dir.empty()) dir = ".";
    directories.push_back(dir.string());
  }
  return directories;
}

bool FileInput::matches_exclude(const std::string& path) const {
  const std::string base = path.substr(path.find_last_of('/') + 1);
  return std::any_of(options_.exclude.begin(), options_.exclude.end(), [&](const std::string& p) {
    return fnmatch(p.c_str(), path.c_str(), 0) == 0 || fnmatch(p.c_str(), base.c_str(), 0) == 0;
  });
}

void FileInput::report_once(const std::string& path, const std::string& problem) {
  if (!reported_.insert(path).second) return;
  ++counters_.read_errors;
  spdlog::error("input {}: cannot read {}: {}", config_.name, printable_text(path), problem);
}

void FileInput::scan(bool first_scan) {
  for (const std::string& pattern : options_.paths) {
    glob_t matches{};
    const int found = glob(pattern.c_str(), GLOB_NOCHECK, nullptr, &matches);
    const bool wildcard = pattern.find_first_of("*?[") != std::string::npos;
    for (std::size_t i = 0; found == 0 && i < matches.gl_pathc; ++i) {
      // Absolute paths in events and for identity: the agent's working directory is incidental.
      const std::string path =
          std::filesystem::absolute(matches.gl_pathv[i]).lexically_normal().string();
      if (matches_exclude(path)) continue;
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT) {
          report_once(path, std::strerror(errno));
        } else if (!wildcard && missing_.insert(path).second) {
          // GLOB_NOCHECK hands back a pattern that matched nothing. A wildcard matching nothing
          // yet is normal; a named file missing is worth saying once (it is read when it comes,
          // and a rotation leaves the name missing for a moment: not an error).
          spdlog::warn("input {}: {} does not exist (yet)", config_.name, printable_text(path));
        }
        continue;
      }
      if (!S_ISREG(st.st_mode)) {
        report_once(path, std::string(kind_of(st.st_mode)));
        continue;
      }
      const Key key{static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
      if (const auto known = by_identity_.find(key); known != by_identity_.end()) {
        // A file we follow, under a new name that the globs also match (syslog -> syslog.1).
        known->second->path = path;
        known->second->detached = false;
        continue;
      }
      auto file = std::make_unique<TrackedFile>();
      file->path = path;
      file->identity.device = key.first;
      file->identity.inode = key.second;
      file->seen_at_start = first_scan;
      by_identity_.emplace(key, file.get());
      files_.push_back(std::move(file));
    }
    globfree(&matches);
  }
}

}  // namespace horolog
