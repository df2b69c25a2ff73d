// Real journal files for tests, written by systemd-journal-remote (Debian package
// systemd-journal-remote) from journal export-format entries the test builds: any fields,
// binary values, chosen wall and monotonic times, several boots.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace horolog::test {

struct JournalTestEntry {
  std::vector<std::pair<std::string, std::string>> fields;  // values may hold any bytes
  std::uint64_t realtime_us = 0;
  std::uint64_t monotonic_us = 0;
  std::string boot_id;  // 32 hex digits
};

// Where systemd-journal-remote is; empty when it is not installed.
std::filesystem::path journal_writer();

// Appends the entries to the journal file `path` (created when absent; the name must end in
// `.journal`). Fails the calling test when the writer fails.
void write_journal(const std::filesystem::path& path, const std::vector<JournalTestEntry>& entries);

}  // namespace horolog::test

// Skips the test when journal files cannot be written here.
#define HOROLOG_NEEDS_JOURNAL_WRITER()                                           \
  if (::horolog::test::journal_writer().empty())                                 \
  GTEST_SKIP() << "systemd-journal-remote is not installed (it writes the test " \
                  "journals; scripts/install-deps.sh --test installs it)"
