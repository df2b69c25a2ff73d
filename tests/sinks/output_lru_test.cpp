// OutputLru: at most max_open descriptors, the least recently used closed first, descriptors given
// back when the process limit is lower than the cap, idle outputs forgotten beyond the bound.
#include "sinks/output_lru.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <string>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

OutputFile& add_output(OutputLru& lru, const TempDir& dir, const std::string& name) {
  return lru.add(name, std::make_unique<OutputFile>((dir / name).string(), Compression::none));
}

TEST(OutputLru, KeepsAtMostMaxOpenOutputsOpenClosingTheLeastRecentlyUsed) {
  TempDir dir;
  OutputLru lru(3, 100);
  OutputFile& a = add_output(lru, dir, "a");
  OutputFile& b = add_output(lru, dir, "b");
  OutputFile& c = add_output(lru, dir, "c");
  OutputFile& d = add_output(lru, dir, "d");
  for (OutputFile* file : {&a, &b, &c}) ASSERT_EQ(lru.open(*file), 0);
  ASSERT_EQ(lru.open(a), 0);  // used again: now b is the least recently used
  ASSERT_EQ(lru.open(d), 0);
  EXPECT_EQ(lru.open_count(), 3u);
  EXPECT_TRUE(a.is_open());
  EXPECT_FALSE(b.is_open());
  EXPECT_TRUE(c.is_open());
  EXPECT_TRUE(d.is_open());
  EXPECT_EQ(lru.find("b"), &b) << "closed, not forgotten";
}

TEST(OutputLru, GivesDescriptorsBackWhenTheProcessLimitIsBelowTheCap) {
  TempDir dir;
  const int status = run_in_child(
      [&] {
        const rlimit limit{64, 64};
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) return 2;
        OutputLru lru(1000, 1000);
        for (int i = 0; i < 200; ++i) {
          if (lru.open(add_output(lru, dir, std::to_string(i))) != 0) return 1;
        }
        return lru.open_count() < 64 ? 0 : 3;
      },
      60'000);
  EXPECT_EQ(status, 0);
}

TEST(OutputLru, ForgetsTheLeastRecentlyUsedIdleOutputsBeyondItsBound) {
  TempDir dir;
  OutputLru lru(2, 3);
  for (const char* name : {"a", "b", "c", "d", "e"}) {
    ASSERT_EQ(lru.open(add_output(lru, dir, name)), 0);
  }
  lru.find("a")->append("pending\n", 1);  // never forgotten while it holds lines
  lru.forget_idle();
  EXPECT_EQ(lru.size(), 3u);
  EXPECT_NE(lru.find("a"), nullptr);
  EXPECT_EQ(lru.find("b"), nullptr);
  EXPECT_EQ(lru.find("c"), nullptr);
  EXPECT_NE(lru.find("d"), nullptr);
  EXPECT_NE(lru.find("e"), nullptr);
  EXPECT_LE(lru.open_count(), 2u);
}

}  // namespace
}  // namespace horolog::test
