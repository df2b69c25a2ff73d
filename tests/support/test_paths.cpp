// Paths baked in at build time, plus small file helpers for tests.
#include "tests/support/test_paths.h"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace horolog::test {

std::filesystem::path source_path(std::string_view relative) {
  return std::filesystem::path(HOROLOG_SOURCE_DIR) / relative;
}

std::filesystem::path unpacked_peer_path(std::string_view peer) {
  return std::filesystem::path(HOROLOG_TEST_PEERS) / peer;
}

std::filesystem::path shared_data_path(std::string_view relative) {
  return std::filesystem::path(HOROLOG_SHARED_DATA_DIR) / relative;
}

std::filesystem::path horolog_binary() { return HOROLOG_BINARY; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

TempDir::TempDir() {
  std::random_device seed;
  std::mt19937_64 rng(seed());
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("horolog-test-" + std::to_string(rng() % 1000000000ull));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace horolog::test
