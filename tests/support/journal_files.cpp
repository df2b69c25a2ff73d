// The export format (systemd's JOURNAL_EXPORT_FORMATS): NAME=value lines, or for values with
// newlines or control bytes NAME, a 64-bit little-endian length and the raw bytes.
#include "tests/support/journal_files.h"

#include <gtest/gtest.h>

#include "tests/support/process.h"

namespace horolog::test {

namespace {

bool needs_binary_form(const std::string& value) {
  for (const char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') return true;
  }
  return false;
}

std::string export_entry(const JournalTestEntry& entry) {
  std::string out;
  out += "__REALTIME_TIMESTAMP=" + std::to_string(entry.realtime_us) + "\n";
  out += "__MONOTONIC_TIMESTAMP=" + std::to_string(entry.monotonic_us) + "\n";
  out += "_BOOT_ID=" + entry.boot_id + "\n";
  for (const auto& [name, value] : entry.fields) {
    if (!needs_binary_form(value)) {
      out += name + "=" + value + "\n";
      continue;
    }
    out += name + "\n";
    std::uint64_t size = value.size();
    for (int i = 0; i < 8; ++i) out += static_cast<char>((size >> (8 * i)) & 0xff);
    out += value + "\n";
  }
  return out + "\n";
}

}  // namespace

std::filesystem::path journal_writer() {
  for (const char* candidate :
       {"/lib/systemd/systemd-journal-remote", "/usr/lib/systemd/systemd-journal-remote"}) {
    if (std::filesystem::exists(candidate)) return candidate;
  }
  return {};
}

void write_journal(const std::filesystem::path& path,
                   const std::vector<JournalTestEntry>& entries) {
  std::string stream;
  for (const JournalTestEntry& entry : entries) stream += export_entry(entry);
  const ProcessResult result =
      run_process({journal_writer().string(), "--output=" + path.string(), "-"}, stream);
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

}  // namespace horolog::test
