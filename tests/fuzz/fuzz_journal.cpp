// libFuzzer target for journal files: a real journal file (HOROLOG_FUZZ_JOURNAL, written by
// scripts/fuzz.sh with systemd-journal-remote) damaged by the input, read as `parse` reads it.
// The input is a list of patches, 5 bytes each: a 32-bit offset into the part of the file that
// holds data, and the byte to write there. Every entry read must encode to valid JSON, and
// reading must end.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "agent/engine/sources/journal_source.h"
#include "parsers/format_registry.h"
#include "tests/fuzz/checked_encoding.h"

namespace {

// The base file, and how far into it anything but zeros goes.
struct Base {
  std::string bytes;
  std::size_t used = 0;
};

const Base& base() {
  static const Base loaded = [] {
    Base b;
    const char* path = std::getenv("HOROLOG_FUZZ_JOURNAL");
    if (path == nullptr) {
      std::fprintf(stderr, "HOROLOG_FUZZ_JOURNAL must name a journal file\n");
      std::abort();
    }
    std::ifstream in(path, std::ios::binary);
    b.bytes.assign(std::istreambuf_iterator<char>(in), {});
    b.used = b.bytes.find_last_not_of('\0') + 1;
    if (b.bytes.empty() || b.used == 0) std::abort();
    return b;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace horolog;
  const Base& original = base();
  std::string damaged = original.bytes;
  for (std::size_t i = 0; i + 5 <= size; i += 5) {
    std::uint32_t offset = 0;
    std::memcpy(&offset, data + i, sizeof offset);
    damaged[offset % original.used] = static_cast<char>(data[i + 4]);
  }
  const int fd = ::memfd_create("journal", MFD_CLOEXEC);
  if (fd < 0 ||
      ::write(fd, damaged.data(), damaged.size()) != static_cast<ssize_t>(damaged.size())) {
    std::abort();
  }
  JournalSettings settings;
  settings.fd = fd;
  settings.path = "fuzz.journal";
  settings.host = "fuzz-host";
  auto source = JournalSource::open(*find_format("journal"), settings);
  if (source) {
    EventBatch batch;
    // Each read moves on or reports damage once; a source that does neither forever is a bug.
    for (int reads = 0;; ++reads) {
      if (reads > 100000) std::abort();
      Result<SourceStatus> status = (*source)->read(batch);
      if (status && *status == SourceStatus::end) break;
      for (const Event& event : batch) encode_or_abort(event);
    }
  }
  source = nullptr;
  ::close(fd);
  return 0;
}
