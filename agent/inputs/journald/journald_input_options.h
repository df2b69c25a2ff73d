// Options of the journald input (`type: journald`), declared once for decoding and for the
// reference.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "agent/inputs/input_config.h"
#include "config/option_types.h"

namespace horolog {

struct JournaldInputOptions {
  std::string directory;
  std::vector<std::string> files;
  std::vector<std::string> match;
  std::vector<std::string> units;
  bool current_boot_only = false;
  ReadFrom read_from = ReadFrom::beginning;
  config::Duration poll_interval = std::chrono::seconds(1);

  template <class V>
  void describe(V& v) {
    v("directory", directory,
      "A directory of journal files (copied off another machine); default: the local system "
      "journal (/var/log/journal, /run/log/journal)");
    v("files", files, "Journal files to read instead of a directory (seized evidence)");
    v.check("files", files.empty() || directory.empty(), "give `files` or `directory`, not both");
    v("match", match,
      "Journal matches, `FIELD=value` (`_SYSTEMD_UNIT=ssh.service`): one field's values are "
      "ORed, different fields ANDed, as journalctl does");
    const std::string bad_match = first_bad_match();
    v.check("match", bad_match.empty(), bad_match);
    v("units", units,
      "Shorthand for `_SYSTEMD_UNIT=` matches; a name without a suffix gets `.service`");
    v("current_boot_only", current_boot_only, "Only entries of the boot the agent runs in");
    v("read_from", read_from,
      config::Choices<ReadFrom>{{{"beginning", ReadFrom::beginning}, {"end", ReadFrom::end}}},
      "Where to start when the input has no checkpoint yet; later starts resume after the "
      "last delivered entry (its cursor)");
    v("poll_interval", poll_interval,
      "Longest wait for new entries when inotify reports nothing; more than 0s");
    v.check("poll_interval", poll_interval > config::Duration::zero(), "must be more than 0s");
  }

  // The matches handed to sd-journal: `match`, then one per unit.
  std::vector<std::string> journal_matches() const {
    std::vector<std::string> out = match;
    for (const std::string& unit : units) {
      out.push_back("_SYSTEMD_UNIT=" + unit +
                    (unit.find('.') == std::string::npos ? ".service" : ""));
    }
    return out;
  }

 private:
  // A match is FIELD=value with a journal field name: A-Z, 0-9 and `_`, not starting with a digit.
  std::string first_bad_match() const {
    for (const std::string& m : match) {
      const std::size_t eq = m.find('=');
      const std::string name = m.substr(0, eq);
      const bool good_name = !name.empty() && !(name.front() >= '0' && name.front() <= '9') &&
                             std::all_of(name.begin(), name.end(), [](char c) {
                               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                             });
      if (eq == std::string::npos || !good_name) {
        return "`" + m + "` is not FIELD=value with an upper-case journal field name";
      }
    }
    return {};
  }
};

}  // namespace horolog
