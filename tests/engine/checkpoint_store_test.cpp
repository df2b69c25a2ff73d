// CheckpointStore: round trip through the file, identity checks, and the corrupt-file policy.
#include "agent/engine/checkpoint_store.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

TEST(CheckpointStore, SavedPositionsSurviveARestart) {
  TempDir dir;
  {
    CheckpointStore store(dir.path());
    store.update({"app", "/var/log/a \"quoted\".log", {1, 42, 777, 1024}, 12345});
    store.update({"other", "/var/log/b.log", {1, 43, 778, 10}, 99});
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
  store.update({"app", "/a", {1, 42, 777, 1024}, 10});
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
