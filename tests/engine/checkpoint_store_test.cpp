// CheckpointStore: round trip through the file, identity checks, and the corrupt-file policy.
#include "agent/engine/checkpoint_store.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

TEST(CheckpointStore, SavedPositionsSurviveARestart) {
  TempDir dir;
  {
    CheckpointStore store(dir.path());
    store.update({"app", "/var/log/a \"quoted\".log", {1, 42, 777, 1024}, 12345, {}});
    store.update({"other", "/var/log/b.log", {1, 43, 778, 10}, 99, {}});
    ASSERT_TRUE(store.save());
  }
  CheckpointStore reloaded(dir.path());
  EXPECT_FALSE(reloaded.loaded_corrupt());
  auto a = reloaded.find("app", 1, 42);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->position, 12345u);
  EXPECT_EQ(a->path, "/var/log/a \"quoted\".log");
  EXPECT_EQ(a->identity.fingerprint, 777u);
  EXPECT_FALSE(reloaded.find("app", 1, 43).has_value()) << "another input's file";
  EXPECT_TRUE(reloaded.find("other", 1, 43).has_value());
}

TEST(CheckpointStore, PositionUpdatesOnlyApplyToTheSameIdentity) {
  TempDir dir;
  CheckpointStore store(dir.path());
  store.update({"app", "/a", {1, 42, 777, 1024}, 10, {}});
  store.update_position("app", {1, 42, 999, 1024}, 50);  // inode reused by another file
  EXPECT_EQ(store.find("app", 1, 42)->position, 10u);
  store.update_position("app", {1, 42, 777, 1024}, 50);
  EXPECT_EQ(store.find("app", 1, 42)->position, 50u);
  store.forget("app", 1, 42);
  EXPECT_FALSE(store.find("app", 1, 42).has_value());
}

TEST(CheckpointStore, ACorruptFileIsReportedMovedAsideAndStartsEmpty) {
  TempDir dir;
  write_file(dir / "checkpoints.json", "{\"version\":1,\"sources\":[{\"input\":");
  CheckpointStore store(dir.path());
  EXPECT_TRUE(store.loaded_corrupt());
  EXPECT_NE(store.problem().find("beginning"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "checkpoints.json.corrupt"));
  EXPECT_FALSE(std::filesystem::exists(dir / "checkpoints.json"));
}

std::uintmax_t size_of(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  return ec ? 0 : size;
}

// An agent following thousands of files saves after every delivered batch: that must cost what
// the batch changed, not a rewrite of every file's entry.
TEST(CheckpointStore, SavingAfterABatchWritesOnlyWhatChanged) {
  TempDir dir;
  CheckpointStore store(dir.path());
  for (std::uint64_t inode = 1; inode <= 5000; ++inode) {
    store.update({"app",
                  "/var/log/app/" + std::to_string(inode) + ".log",
                  {1, inode, inode * 7, 100},
                  0,
                  {}});
  }
  ASSERT_TRUE(store.save(false));
  ASSERT_TRUE(store.save(true));
  const std::uintmax_t snapshot = size_of(dir / "checkpoints.json");
  const std::uintmax_t log = size_of(dir / "checkpoints.log");
  store.update_position("app", {1, 42, 42 * 7, 100}, 1234);
  ASSERT_TRUE(store.save(false));
  EXPECT_EQ(size_of(dir / "checkpoints.json"), snapshot);
  EXPECT_GT(size_of(dir / "checkpoints.log"), log);
  EXPECT_LT(size_of(dir / "checkpoints.log"), log + 200) << "more than the one changed entry";
  CheckpointStore reloaded(dir.path());
  EXPECT_FALSE(reloaded.loaded_corrupt()) << reloaded.problem();
  EXPECT_EQ(reloaded.find("app", 1, 42)->position, 1234u);
  EXPECT_EQ(reloaded.find("app", 1, 4999)->position, 0u);
}

TEST(CheckpointStore, ALogLineCutShortByAKillIsDroppedAndTheLogStaysUsable) {
  TempDir dir;
  {
    CheckpointStore store(dir.path());
    store.update({"app", "/a", {1, 42, 777, 1024}, 10, {}});
    ASSERT_TRUE(store.save(false));
    store.update_position("app", {1, 42, 777, 1024}, 20);
    ASSERT_TRUE(store.save(false));
  }
  // What a kill in the middle of the next append leaves.
  std::ofstream(dir / "checkpoints.log", std::ios::app) << "{\"input\":\"app\",\"pa";
  {
    CheckpointStore store(dir.path());
    EXPECT_FALSE(store.loaded_corrupt()) << store.problem();
    EXPECT_EQ(store.find("app", 1, 42)->position, 20u);
    store.update_position("app", {1, 42, 777, 1024}, 30);
    ASSERT_TRUE(store.save(false));
  }
  CheckpointStore reloaded(dir.path());
  EXPECT_FALSE(reloaded.loaded_corrupt()) << reloaded.problem();
  EXPECT_EQ(reloaded.find("app", 1, 42)->position, 30u);
}

TEST(CheckpointStore, ForgottenFilesStayForgottenAfterARestart) {
  TempDir dir;
  {
    CheckpointStore store(dir.path());
    store.update({"app", "/a", {1, 42, 777, 1024}, 10, {}});
    store.update({"app", "/b", {1, 43, 778, 1024}, 10, {}});
    ASSERT_TRUE(store.save(true));
    store.forget("app", 1, 42);
    ASSERT_TRUE(store.save(false));
  }
  CheckpointStore reloaded(dir.path());
  EXPECT_FALSE(reloaded.find("app", 1, 42).has_value());
  EXPECT_TRUE(reloaded.find("app", 1, 43).has_value());
}

TEST(CheckpointStore, TheLogIsFoldedIntoANewSnapshotOnceItOutgrowsIt) {
  TempDir dir;
  CheckpointStore store(dir.path());
  store.update({"app", "/a", {1, 42, 777, 1024}, 0, {}});
  for (std::uint64_t position = 1; position <= 20000; ++position) {
    store.update_position("app", {1, 42, 777, 1024}, position);
    ASSERT_TRUE(store.save(false));
  }
  EXPECT_GT(size_of(dir / "checkpoints.log"), std::uintmax_t{1} << 20);
  ASSERT_TRUE(store.save(true));
  EXPECT_EQ(size_of(dir / "checkpoints.log"), 0u);
  EXPECT_EQ(CheckpointStore(dir.path()).find("app", 1, 42)->position, 20000u);
}

TEST(FileIdentity, FingerprintTellsAReusedInodeFromTheSameFile) {
  TempDir dir;
  write_file(dir / "f", "first line of the original file\n");
  int fd = ::open((dir / "f").c_str(), O_RDONLY);
  FileIdentity original;
  ASSERT_TRUE(identify_file(fd, original));
  EXPECT_TRUE(fingerprint_matches(fd, original));
  ::close(fd);
  write_file(dir / "f", "first line of the original file\nmore appended\n");  // grew: same start
  fd = ::open((dir / "f").c_str(), O_RDONLY);
  EXPECT_TRUE(fingerprint_matches(fd, original));
  ::close(fd);
  write_file(dir / "f", "another file altogether, same inode\n");
  fd = ::open((dir / "f").c_str(), O_RDONLY);
  EXPECT_FALSE(fingerprint_matches(fd, original));
  ::close(fd);
}

}  // namespace
}  // namespace horolog::test
