// Where tests find their inputs: the repo's own fixtures, the shared real-world samples (which a
// user's clone may lack: tests then skip), the horolog binary, and scratch directories.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace horolog::test {

std::filesystem::path source_path(std::string_view relative);       // under the repo root
std::filesystem::path shared_data_path(std::string_view relative);  // under ../shared/data
// A test peer unpacked from its Debian package by scripts/install-deps.sh --test (rsyslog,
// ntpsec): never installed, so it starts no system daemon and conflicts with nothing.
std::filesystem::path unpacked_peer_path(std::string_view peer);
std::filesystem::path horolog_binary();
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view content);

// A fresh directory removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace horolog::test

// Declares `var` as the path of a shared sample, or skips the test when samples are absent.
#define HOROLOG_SHARED_SAMPLE(var, relative)                                     \
  const std::filesystem::path var = ::horolog::test::shared_data_path(relative); \
  if (!std::filesystem::exists(var)) GTEST_SKIP() << "sample data not present: " << relative
