// The order in which replay reads its files and the reference time each one's year inference is
// anchored to. Files of one rotated set (`syslog`, `syslog.1`, `syslog.2.gz`,
// `syslog-20261101.zst`) are read oldest first; sets keep the order in which they were first named.
//
// Age within a set, oldest first: dated members (`-YYYYMMDD[HH]` or `.YYYYMMDD[HH]`, ntpd's
// filegen and logrotate's dateext) by date, then numbered members (`.N`) by falling N, then the
// live file (no suffix). A `.gz`/`.zst` extension is ignored for this.
//
// Reference time: a member's last line was written at its mtime, so its own mtime is the right
// anchor for "not after this". A member is also no newer than any newer member of its set, so
// the anchor is the earliest mtime among the member and the members newer than it: a compressed
// file whose mtime was refreshed later (re-compressed, copied without -p) is still pinned down
// by its newer neighbour. Each member starts a fresh year-inference sequence: Dec -> Jan inside
// a member is tracked line by line, while a gap of months between members cannot mislead it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/time_types.h"

namespace horolog {

struct RotationName {
  enum class Kind : std::uint8_t { dated, numbered, live };
  std::string base;  // the path without rotation suffix and compression extension
  Kind kind = Kind::live;
  std::uint64_t number = 0;  // dated: YYYYMMDDHH; numbered: N
};

// Splits a path into its set's base name and its place in the set.
RotationName parse_rotation_name(std::string_view path);

struct ReplayFile {
  std::string path;
  SysNanos mtime{};
  SysNanos reference{};    // filled by order_replay_files
  std::uint64_t size = 0;  // bytes as stored
};

// Orders files for replay (see above) and fills in each file's reference time.
std::vector<ReplayFile> order_replay_files(std::vector<ReplayFile> files);

}  // namespace horolog
