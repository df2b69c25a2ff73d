// Options of the file input (`type: file`), declared once for decoding and for the reference.
#pragma once

#include <string>
#include <vector>

#include "agent/inputs/input_config.h"
#include "config/file_use.h"
#include "config/option_types.h"

namespace horolog {

struct FileInputOptions {
  std::vector<std::string> paths;
  std::vector<std::string> exclude;
  ReadFrom read_from = ReadFrom::beginning;
  config::ByteSize max_record_size{1u << 20};
  config::Duration scan_interval = std::chrono::seconds(1);
  config::Duration rotate_wait = std::chrono::seconds(5);
  std::uint64_t max_open_files = 0;

  template <class V>
  void describe(V& v) {
    v("paths", paths,
      "Files to read: paths or glob patterns; new matches are picked up while running");
    v.check("paths", !paths.empty(), "at least one path is required");
    v("exclude", exclude,
      "Glob patterns of files to skip (matched against the full path and the file name)");
    v.files("paths", config::FileUse::reading(paths, exclude));
    v("read_from", read_from,
      config::Choices<ReadFrom>{{{"beginning", ReadFrom::beginning}, {"end", ReadFrom::end}}},
      "Where to start in a file seen for the first time");
    v("max_record_size", max_record_size,
      "Longer records are cut at this size and flagged `truncated`");
    v("scan_interval", scan_interval,
      "Longest wait between checks for new data and for new, rotated or removed files when "
      "inotify reports nothing; more than 0s");
    v.check("scan_interval", scan_interval > config::Duration::zero(),
            "must be more than 0s (0s would keep a core busy checking the files)");
    v("rotate_wait", rotate_wait,
      "How long a file that was renamed away or deleted is still read after its last new data "
      "(a writer may not have reopened yet)");
    v("max_open_files", max_open_files,
      "Most files this input holds open at once; beyond it the least recently active idle file is "
      "closed and opened again (by identity, at its position) when it grows. 0: only the agent's "
      "budget, half the descriptor limit, shared by all inputs");
  }
};

}  // namespace horolog
