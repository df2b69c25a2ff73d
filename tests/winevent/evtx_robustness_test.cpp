// The EVTX reader on hostile input: every prefix length of a real file (a file still being
// written), random bytes, and seeded random corruption of real chunks. Under ASan/UBSan these
// runs fail on any out-of-bounds read; here they also check that nothing aborts or loops.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

#include "parsers/winevent/evtx_reader.h"
#include "tests/support/test_paths.h"
#include "tests/winevent/winevent_test_support.h"

namespace horolog::winevent {
namespace {

Bytes bytes_of(const std::string& data) {
  return {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()};
}

std::size_t count_events(const std::string& data) {
  EvtxReader reader(bytes_of(data));
  StringArena arena;
  return test::read_all(reader, arena).size();
}

// HOROLOG_SEED=<n> repeats a failing run.
std::uint64_t seed() {
  const char* text = std::getenv("HOROLOG_SEED");
  const std::uint64_t value =
      text != nullptr ? std::strtoull(text, nullptr, 10) : std::random_device{}();
  std::cout << "HOROLOG_SEED=" << value << '\n';
  return value;
}

const std::string& sample() {
  static const std::string data =
      test::read_file(test::source_path("tests/data/winevent/security_short_selected.evtx"));
  return data;
}

TEST(EvtxRobustness, ReadsWhatIsThereOfAFileStillBeingWritten) {
  // A chunk is only read once it is complete, so a prefix yields all or nothing of the chunk.
  for (std::size_t size = 0; size <= sample().size(); size += 509) {
    const std::size_t events = count_events(sample().substr(0, size));
    EXPECT_EQ(events, size >= sample().size() ? 7u : 0u) << "prefix " << size;
  }
}

TEST(EvtxRobustness, SurvivesRandomBytes) {
  std::mt19937_64 rng(seed());
  for (int round = 0; round < 20; ++round) {
    std::string junk(4096 + 65536, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    // Give the chunk a valid magic so the Binary XML decoder itself sees the junk.
    junk.replace(0, 8, std::string("ElfFile\0", 8));
    junk.replace(4096, 8, std::string("ElfChnk\0", 8));
    count_events(junk);
  }
}

TEST(EvtxRobustness, SurvivesCorruptedChunksAndStillYieldsEveryIntactRecordFrame) {
  std::mt19937_64 rng(seed());
  for (int round = 0; round < 300; ++round) {
    std::string data = sample();
    const int flips = 1 + static_cast<int>(rng() % 16);
    for (int i = 0; i < flips; ++i) {
      // Corrupt the Binary XML area (templates, names, substitutions), not the file header.
      const std::size_t at = 4096 + 512 + rng() % (65536 - 512);
      data[at] = static_cast<char>(rng());
    }
    EvtxReader reader(bytes_of(data));
    StringArena arena;
    const auto events = test::read_all(reader, arena);
    // Each event either decoded or carries parse_error; none is lost without being counted.
    EXPECT_EQ(events.size(), reader.counters().records);
    EXPECT_LE(events.size(), 7u + 7u);
  }
}

}  // namespace
}  // namespace horolog::winevent
