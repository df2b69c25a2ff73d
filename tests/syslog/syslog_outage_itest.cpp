// Outages with the real agent and a real rsyslogd: over RELP nothing is lost while the receiver
// is killed and restarted twice and the agent is killed with SIGKILL once; over TCP the loss of
// a receiver killed twice is measured and must stay within what the README states. Failover: a
// dead first address leaves everything to the next one, and over RELP a first receiver killed
// for good hands the rest to the second without a loss; the summary counts both.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <thread>

#include "tests/syslog/rsyslog_peer.h"
#include "tests/syslog/syslog_agent_fixture.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::uint64_t kEvents = 200'000;
// How long the receiver stays away each time (the issue asks for about 10 s; 3 s exercises the
// same reconnect path and keeps the suite short).
constexpr auto kAway = 3s;

class SyslogOutage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string missing = rsyslog_missing(); !missing.empty()) GTEST_SKIP() << missing;
    fs::create_directories(dir_ / "logs");
  }

  // Sends kEvents to a receiver that is killed (SIGKILL) and restarted twice while the agent
  // works; with `kill_agent` the agent is also killed with SIGKILL between the outages and
  // started again. Returns what the receiver got.
  SeqTally run_with_outages(RsyslogInput::Kind kind, const std::string& transport,
                            bool kill_agent) {
    RsyslogPeer peer(dir_ / "rsyslog", {kind, "%msg%\\n", nullptr});
    append_numbered_lines(dir_ / "logs" / "app.log", 0, kEvents / 2);
    write_agent_config(dir_.path(),
                       "    type: syslog\n    transport: " + transport + "\n    address: [\"" +
                           peer.address() +
                           "\"]\n    payload: rfc3164\n    message: original\n"
                           "    reconnect_min: 100ms\n    reconnect_max: 1s\n",
                       false);
    int run = 1;
    auto agent = start_agent(dir_.path(), run);
    auto outage = [&] {
      peer.wait_lines(peer.lines().size() + 5000, 20'000);  // sending is under way
      peer.stop(SIGKILL);
      std::this_thread::sleep_for(kAway);
      peer.start();
    };
    outage();
    append_numbered_lines(dir_ / "logs" / "app.log", kEvents / 2, kEvents / 2);
    if (kill_agent) {
      peer.wait_lines(peer.lines().size() + 5000, 20'000);
      EXPECT_EQ(agent->stop(SIGKILL), -SIGKILL);
      agent = start_agent(dir_.path(), ++run);
    }
    outage();
    SeqTally tally(kEvents);
    peer.wait_lines(kEvents, 120'000, /*idle_ms=*/5000);
    std::this_thread::sleep_for(1s);  // late duplicates
    EXPECT_EQ(agent->stop(SIGTERM), 0) << read_file(dir_ / ("agent.err." + std::to_string(run)));
    for (const std::string& line : peer.lines()) tally.add(line);
    std::cout << transport << ": missing " << tally.missing() << ", duplicates "
              << tally.duplicates() << ", foreign " << tally.foreign() << std::endl;
    ::testing::Test::RecordProperty("missing", std::to_string(tally.missing()));
    ::testing::Test::RecordProperty("duplicates", std::to_string(tally.duplicates()));
    return tally;
  }

  TempDir dir_;
};

TEST_F(SyslogOutage, RelpLosesNothingAcrossReceiverAndAgentKills) {
  const SeqTally tally = run_with_outages(RsyslogInput::Kind::relp, "relp", /*kill_agent=*/true);
  EXPECT_EQ(tally.missing(), 0u);
  EXPECT_EQ(tally.foreign(), 0u);
  // Duplicates come only from what was in flight: the batch unacknowledged at each break, and
  // after the agent's kill what its checkpoint had not reached (at most the delivery window).
  EXPECT_LT(tally.duplicates(), kEvents / 4);
}

TEST_F(SyslogOutage, TcpLosesAtMostWhatTheReceiverHeldUnread) {
  const SeqTally tally = run_with_outages(RsyslogInput::Kind::tcp, "tcp", /*kill_agent=*/false);
  // A batch counts as delivered once the receiver's kernel acknowledged every byte: a receiver
  // killed loses what sat in its socket buffer, unread. Bound: two kills, each at most the
  // largest receive buffer (tcp_rmem's maximum) of ~110-byte messages.
  std::ifstream rmem("/proc/sys/net/ipv4/tcp_rmem");
  std::uint64_t low = 0, def = 0, high = 6u << 20;
  rmem >> low >> def >> high;
  EXPECT_LE(tally.missing(), 2 * high / 100);
  EXPECT_EQ(tally.foreign(), 0u);
}

class SyslogFailover : public SyslogOutage {};

TEST_F(SyslogFailover, EverythingReachesTheLiveReceiverWhenTheFirstAddressIsDead) {
  constexpr std::uint64_t kCount = 5000;
  RsyslogPeer live(dir_ / "live", {RsyslogInput::Kind::tcp, "%msg%\\n", nullptr});
  const std::string dead = "127.0.0.1:" + std::to_string(free_port());  // nobody listens
  append_numbered_lines(dir_ / "logs" / "app.log", 0, kCount);
  write_agent_config(dir_.path(),
                     "    type: syslog\n    transport: tcp\n    address: [\"" + dead + "\", \"" +
                         live.address() + "\"]\n",
                     /*with_file=*/true);
  const ProcessResult run = run_agent_once(dir_.path());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // One refused connection, then the second address: a failover, not a reconnect (it is the
  // first connection made).
  EXPECT_NE(run.out.find("sink    siem: 5000 event(s)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("1 write error(s) retried, 0 reconnect(s), 1 failover(s)"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.err.find("connected to " + live.address() + " (failover"), std::string::npos)
      << run.err;
  live.wait_lines(kCount, 10'000);
  expect_same_events(live.lines(), dir_.path(), kCount);
}

TEST_F(SyslogFailover, RelpHandsTheRestToTheSecondReceiverWhenTheFirstDies) {
  constexpr std::uint64_t kCount = 20'000;
  RsyslogPeer first(dir_ / "first", {RsyslogInput::Kind::relp, "%msg%\\n", nullptr});
  RsyslogPeer second(dir_ / "second", {RsyslogInput::Kind::relp, "%msg%\\n", nullptr});
  append_numbered_lines(dir_ / "logs" / "app.log", 0, kCount / 2);
  write_agent_config(dir_.path(),
                     "    type: syslog\n    transport: relp\n    address: [\"" + first.address() +
                         "\", \"" + second.address() +
                         "\"]\n    payload: rfc3164\n    message: original\n"
                         "    reconnect_min: 100ms\n    reconnect_max: 1s\n",
                     false);
  auto agent = start_agent(dir_.path(), 1);
  first.wait_lines(1000, 20'000);
  first.stop(SIGKILL);  // for good
  append_numbered_lines(dir_ / "logs" / "app.log", kCount / 2, kCount / 2);
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  SeqTally tally(kCount);
  while (std::chrono::steady_clock::now() < deadline) {
    tally = SeqTally(kCount);
    for (const std::string& line : first.lines()) tally.add(line);
    for (const std::string& line : second.lines()) tally.add(line);
    if (tally.missing() == 0) break;
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(agent->stop(SIGTERM), 0) << read_file(dir_ / "agent.err.1");
  EXPECT_EQ(tally.missing(), 0u);
  EXPECT_EQ(tally.foreign(), 0u);
  EXPECT_GT(second.lines().size(), 0u);
  const std::string summary = read_file(dir_ / "agent.out.1");
  EXPECT_NE(summary.find("1 reconnect(s), 1 failover(s)"), std::string::npos) << summary;
}

}  // namespace
}  // namespace horolog::test
