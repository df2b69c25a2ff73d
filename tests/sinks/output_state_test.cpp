// OutputState: the last whole save is the state, a save cut short leaves the one before it in
// force, the file stays small, and one process at a time holds it.
#include "sinks/output_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

void save_one(OutputState& state, const std::string& path, std::uint64_t size) {
  state.add(path, OutputIdentity{1, 2, 3}, size);
  ASSERT_EQ(state.save(false), 0);
}

TEST(OutputState, ASaveCutShortLeavesTheOneBeforeItInForce) {
  TempDir dir;
  const std::string file = (dir / "sink.state").string();
  std::uintmax_t after_first = 0;
  {
    OutputState state(file);
    save_one(state, "out/a\nodd name", 100);  // any byte of a path survives
    after_first = fs::file_size(file);
    save_one(state, "out/a\nodd name", 250);
  }
  Result<std::vector<OutputRecord>> records = OutputState(file).load();
  ASSERT_TRUE(records) << records.error().message();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].size, 250u);
  EXPECT_EQ((*records)[0].path, "out/a\nodd name");
  EXPECT_EQ((*records)[0].identity, (OutputIdentity{1, 2, 3}));
  // A crash in the middle of the second save.
  fs::resize_file(file, after_first + (fs::file_size(file) - after_first) / 2);
  records = OutputState(file).load();
  ASSERT_TRUE(records) << records.error().message();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].size, 100u);
}

TEST(OutputState, StaysSmallOverManySaves) {
  TempDir dir;
  const std::string file = (dir / "sink.state").string();
  OutputState state(file);
  for (std::uint64_t i = 0; i < 5000; ++i) save_one(state, "out/app.ndjson", i);
  EXPECT_LE(fs::file_size(file), 64u << 10);
  const Result<std::vector<OutputRecord>> records = OutputState(file).load();
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].size, 4999u);
}

TEST(OutputState, AFileThatIsNotAStateIsReportedCorrupt) {
  TempDir dir;
  write_file(dir / "sink.state", "{\"not\": \"a state\"}\n");
  const Result<std::vector<OutputRecord>> records =
      OutputState((dir / "sink.state").string()).load();
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().code(), ErrorCode::corrupt);
}

TEST(OutputState, OneHolderAtATime) {
  TempDir dir;
  const std::string file = (dir / "sink.state").string();
  auto first = std::make_unique<OutputState>(file);
  ASSERT_EQ(first->lock(), 0);
  OutputState second(file);
  EXPECT_EQ(second.lock(), EAGAIN);
  first.reset();
  OutputState third(file);
  EXPECT_EQ(third.lock(), 0);
}

}  // namespace
}  // namespace horolog::test
