// Which file of a rotated set is older, and what each one's year inference is anchored to.
#include "agent/commands/replay/replay_order.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using Kind = RotationName::Kind;

struct NameCase {
  const char* path;
  const char* base;
  Kind kind;
  std::uint64_t number;
};

class RotationNames : public testing::TestWithParam<NameCase> {};

TEST_P(RotationNames, SplitIntoSetAndPlace) {
  const NameCase& c = GetParam();
  const RotationName name = parse_rotation_name(c.path);
  EXPECT_EQ(name.base, c.base) << c.path;
  EXPECT_EQ(name.kind, c.kind) << c.path;
  EXPECT_EQ(name.number, c.number) << c.path;
}

INSTANTIATE_TEST_SUITE_P(
    Table, RotationNames,
    testing::Values(NameCase{"syslog", "syslog", Kind::live, 0},
                    NameCase{"/var/log/syslog.1", "/var/log/syslog", Kind::numbered, 1},
                    NameCase{"syslog.2.gz", "syslog", Kind::numbered, 2},
                    NameCase{"syslog.13.zst", "syslog", Kind::numbered, 13},
                    NameCase{"syslog-20261101.gz", "syslog", Kind::dated, 2026110100},
                    NameCase{"syslog-2026110106", "syslog", Kind::dated, 2026110106},
                    NameCase{"loopstats.20261126", "loopstats", Kind::dated, 2026112600},
                    NameCase{"app.log", "app.log", Kind::live, 0},
                    NameCase{"app.log.gz", "app.log", Kind::live, 0},
                    NameCase{"trace.12345678", "trace.12345678", Kind::live, 0},  // no date
                    NameCase{"logs.1/syslog", "logs.1/syslog", Kind::live, 0},
                    NameCase{"/archive/.1", "/archive/.1", Kind::live, 0}));

std::vector<std::string> paths_of(const std::vector<ReplayFile>& files) {
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  return paths;
}

const SysNanos kDay0{seconds(1766620800)};  // 2025-12-25T00:00:00Z

TEST(ReplayOrder, ReadsEachRotatedSetOldestFirstInTheOrderSetsWereNamed) {
  std::vector<ReplayFile> files{
      {"syslog", kDay0 + hours(96), {}},       {"syslog.2.gz", kDay0 + hours(48), {}},
      {"auth.log", kDay0 + hours(90), {}},     {"syslog.1", kDay0 + hours(72), {}},
      {"syslog.3.zst", kDay0 + hours(24), {}}, {"auth.log.1", kDay0, {}},
      {"syslog.10.gz", kDay0 - hours(200), {}}};
  EXPECT_EQ(paths_of(order_replay_files(files)),
            (std::vector<std::string>{"syslog.10.gz", "syslog.3.zst", "syslog.2.gz", "syslog.1",
                                      "syslog", "auth.log.1", "auth.log"}));
}

TEST(ReplayOrder, OrdersDatedMembersByDateBeforeTheLiveFile) {
  std::vector<ReplayFile> files{{"messages", kDay0, {}},
                                {"messages-20251224.gz", kDay0, {}},
                                {"messages-20251210.zst", kDay0, {}},
                                {"messages-20251217", kDay0, {}}};
  EXPECT_EQ(paths_of(order_replay_files(files)),
            (std::vector<std::string>{"messages-20251210.zst", "messages-20251217",
                                      "messages-20251224.gz", "messages"}));
}

TEST(ReplayOrder, AnchorsEachMemberToItsOwnMtimeUnlessANewerMemberIsOlder) {
  // syslog.2.gz was re-compressed after syslog.1 was written: its own mtime says nothing.
  std::vector<ReplayFile> files{{"syslog", kDay0 + hours(96), {}},
                                {"syslog.1", kDay0 + hours(72), {}},
                                {"syslog.2.gz", kDay0 + hours(500), {}},
                                {"syslog.3.gz", kDay0 + hours(24), {}}};
  const auto ordered = order_replay_files(files);
  ASSERT_EQ(ordered.size(), 4u);
  EXPECT_EQ(ordered[0].path, "syslog.3.gz");
  EXPECT_EQ(ordered[0].reference, kDay0 + hours(24));
  EXPECT_EQ(ordered[1].path, "syslog.2.gz");
  EXPECT_EQ(ordered[1].reference, kDay0 + hours(72));  // pinned by syslog.1
  EXPECT_EQ(ordered[2].reference, kDay0 + hours(72));
  EXPECT_EQ(ordered[3].reference, kDay0 + hours(96));
}

}  // namespace
}  // namespace horolog
