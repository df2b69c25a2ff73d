// ClockMonitor against scripted loopback servers: NTP estimate with falseticker rejected,
// kernel fallback, estimates it must not trust, KoD handling, step detection, backoff,
// extrapolation, lock-free publication.
#include "normalizer/clock/clock_monitor.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <memory>
#include <thread>

#include "fake_ntp_server.h"
#include "normalizer/clock/clock_setup.h"
#include "normalizer/clock/kernel_clock.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;
using test::FakeNtpBehaviour;
using test::FakeNtpServer;

ClockMonitorOptions options_for(const std::vector<std::unique_ptr<FakeNtpServer>>& servers) {
  ClockMonitorOptions o;
  for (const auto& s : servers) o.servers.push_back({"127.0.0.1", s->port(), 0});
  o.query.samples = 2;
  o.query.timeout = 300ms;
  o.query.sample_interval = 10ms;
  return o;
}

std::vector<std::unique_ptr<FakeNtpServer>> fake_servers(
    std::initializer_list<Nanoseconds> offsets) {
  std::vector<std::unique_ptr<FakeNtpServer>> out;
  for (const Nanoseconds offset : offsets) {
    out.push_back(std::make_unique<FakeNtpServer>());
    out.back()->set_offset(offset);
  }
  return out;
}

TEST(ClockMonitor, PublishesTheNtpEstimateWithTheFalsetickerRejected) {
  const auto servers = fake_servers({0ns, 0ns, 5s});
  ClockMonitor monitor(options_for(servers));
  const ClockEstimate e = monitor.poll_once();
  EXPECT_EQ(e.source, ClockSource::ntp);
  EXPECT_TRUE(e.synchronized);
  EXPECT_EQ(e.servers_used, 2);
  EXPECT_EQ(e.servers_rejected, 1);
  EXPECT_LT(std::chrono::abs(e.offset), Nanoseconds(1ms));
  EXPECT_EQ(monitor.current().offset, e.offset);
}

TEST(ClockMonitor, FallsBackToTheKernelWhenNoServerAnswers) {
  std::uint16_t port = 0;
  { port = FakeNtpServer{}.port(); }
  ClockMonitorOptions o;
  o.servers.push_back({"127.0.0.1", port, 0});
  o.query.samples = 1;
  o.query.timeout = 200ms;
  ClockMonitor monitor(o);
  const ClockEstimate e = monitor.poll_once();
  EXPECT_EQ(e.source, ClockSource::kernel);
  EXPECT_EQ(monitor.current().source, ClockSource::kernel);
}

TEST(ClockMonitor, FallsBackToTheKernelWithoutMajority) {
  const auto servers = fake_servers({0ns, 5s});
  ClockMonitor monitor(options_for(servers));
  EXPECT_EQ(monitor.poll_once().source, ClockSource::kernel);
}

TEST(ClockMonitor, NeverPublishesAServerReportingA65535SecondRootDistance) {
  FakeNtpServer distant(
      FakeNtpBehaviour{[](NtpHeader& h) { h.root_dispersion = 0xFFFF0000u; }, std::nullopt, false});
  ClockMonitorOptions o;
  o.servers.push_back({"127.0.0.1", distant.port(), 0});
  o.query.samples = 1;
  o.query.timeout = 300ms;
  ClockMonitor monitor(o);
  const ClockEstimate e = monitor.poll_once();
  EXPECT_EQ(e.source, ClockSource::kernel);
  EXPECT_EQ(e.servers_rejected, 1);
  EXPECT_EQ(e.servers_agreeing, 0);
}

TEST(ClockMonitor, TwoConfiguredServersOfWhichOneAnswersGiveNoNtpEstimate) {
  FakeNtpServer honest;
  std::uint16_t silent = 0;
  { silent = FakeNtpServer{}.port(); }
  ClockOptions config;
  config.servers = {{"127.0.0.1:" + std::to_string(honest.port())},
                    {"127.0.0.1:" + std::to_string(silent)}};
  config.samples = 1;
  auto o = make_monitor_options(config);
  ASSERT_TRUE(o) << o.error().message();
  o->query.timeout = 300ms;
  ClockMonitor monitor(std::move(*o));
  const ClockEstimate e = monitor.poll_once();
  EXPECT_EQ(e.source, ClockSource::kernel);
  EXPECT_EQ(e.servers_agreeing, 1);
  EXPECT_EQ(e.servers_used, 0);
}

// Keeps what is logged through spdlog's default logger while it lives.
class CapturedLog {
 public:
  CapturedLog()
      : previous_(spdlog::default_logger()),
        sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64)) {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink_));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  int errors_containing(std::string_view text) const {
    int count = 0;
    for (const auto& message : sink_->last_raw()) {
      const std::string_view payload(message.payload.data(), message.payload.size());
      count += message.level == spdlog::level::err && payload.find(text) != std::string::npos;
    }
    return count;
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

TEST(ClockMonitor, LogsALoneServerAnHourOffOnceAndNeverPublishesIt) {
  const CapturedLog log;
  const auto servers = fake_servers({1h});
  ClockMonitor monitor(options_for(servers));
  for (int poll = 0; poll < 3; ++poll) EXPECT_NE(monitor.poll_once().source, ClockSource::ntp);
  EXPECT_EQ(log.errors_containing("disagree"), 1) << "once, not at every poll";
  EXPECT_EQ(monitor.current().source, ClockSource::kernel);
  EXPECT_EQ(monitor.current().servers_agreeing, 1);
  servers[0]->set_offset(0ns);
  EXPECT_EQ(monitor.poll_once().source, ClockSource::ntp);
  servers[0]->set_offset(1h);
  monitor.poll_once();
  EXPECT_EQ(log.errors_containing("disagree"), 2) << "a new disagreement after agreement";
  EXPECT_LT(std::chrono::abs(monitor.current().offset), Nanoseconds(1ms));
}

TEST(ClockMonitor, KeepsARecentNtpEstimateWhenServersGoAway) {
  auto servers = fake_servers({0ns});
  ClockMonitorOptions o = options_for(servers);
  ClockMonitor monitor(o);
  ASSERT_EQ(monitor.poll_once().source, ClockSource::ntp);
  servers.clear();
  EXPECT_EQ(monitor.poll_once().source, ClockSource::ntp);
}

TEST(ClockMonitor, NeverAsksADenyingServerAgain) {
  FakeNtpServer deny(FakeNtpBehaviour{[](NtpHeader& h) {
                                        h.stratum = 0;
                                        h.reference_id = kiss_code("DENY");
                                      },
                                      std::nullopt, false});
  ClockMonitorOptions o;
  o.servers.push_back({"127.0.0.1", deny.port(), 0});
  o.query.samples = 1;
  o.query.timeout = 200ms;
  ClockMonitor monitor(o);
  monitor.poll_once();
  ASSERT_EQ(deny.requests(), 1);
  monitor.poll_once();
  EXPECT_EQ(deny.requests(), 1);
}

TEST(ClockMonitor, ReportsAStepOfTheOffset) {
  const auto servers = fake_servers({0ns, 0ns, 0ns});
  std::vector<ClockStep> steps;
  ClockMonitor monitor(options_for(servers), [&](const ClockStep& s) { steps.push_back(s); });
  monitor.poll_once();
  EXPECT_TRUE(steps.empty());
  for (const auto& s : servers) s->set_offset(1s);
  const ClockEstimate e = monitor.poll_once();
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_NEAR(static_cast<double>(steps[0].measured_offset.count()), 1e9, 1e6);
  EXPECT_LT(std::chrono::abs(steps[0].expected_offset), Nanoseconds(1ms));
  EXPECT_EQ(e.offset, steps[0].measured_offset);
}

TEST(ClockMonitor, BacksOffExponentiallyOnErrors) {
  ClockMonitorOptions o;
  o.poll_interval = 64s;
  o.retry_interval = 8s;
  o.max_retry_interval = 100s;
  const ClockMonitor monitor(o);
  EXPECT_EQ(monitor.next_delay(0), 64s);
  EXPECT_EQ(monitor.next_delay(1), 8s);
  EXPECT_EQ(monitor.next_delay(2), 16s);
  EXPECT_EQ(monitor.next_delay(4), 64s);
  EXPECT_EQ(monitor.next_delay(5), 100s);
  EXPECT_EQ(monitor.next_delay(1000), 100s);
}

TEST(ClockMonitor, ExtrapolatesByDriftAndGrowsTheErrorWithAge) {
  ClockEstimate e;
  e.source = ClockSource::ntp;
  e.offset = 1ms;
  e.error_bound = 100us;
  e.drift_ppb = 1000.0;  // 1 ppm: 10 us in 10 s
  e.measured_at = SysNanos{100s};
  const ClockEstimate later = extrapolate(e, SysNanos{110s});
  EXPECT_EQ(later.offset, 1ms + 10us);
  EXPECT_EQ(later.error_bound, 100us + 150us);  // 15 ppm of 10 s
  EXPECT_EQ(extrapolate(e, SysNanos{90s}).offset, 1ms);
}

TEST(ClockMonitor, StartPublishesTheKernelAtOnceThenNtpInTheBackground) {
  const auto servers = fake_servers({0ns, 0ns, 0ns});
  ClockMonitor monitor(options_for(servers));
  EXPECT_EQ(monitor.publications(), 0u);
  monitor.start();
  EXPECT_GE(monitor.publications(), 1u);
  EXPECT_NE(monitor.current().source, ClockSource::none);
  for (int i = 0; i < 500 && monitor.current().source != ClockSource::ntp; ++i) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(monitor.current().source, ClockSource::ntp);
  monitor.stop();
}

TEST(ClockMonitor, WithoutServersPublishesTheKernelsOwnVerdict) {
  ClockMonitor monitor(ClockMonitorOptions{});
  const ClockEstimate e = monitor.poll_once();
  EXPECT_EQ(e.source, ClockSource::kernel);
  EXPECT_EQ(e.synchronized, !read_kernel_clock().unsynchronized);
}

struct Wide {
  std::int64_t a, b, c, d, e, f;
};

TEST(Seqlock, ReadersNeverSeeATornValue) {
  SeqlockCell<Wide> cell;
  std::atomic<bool> done{false};
  std::atomic<long> torn{0};
  std::vector<std::jthread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!done.load()) {
        const Wide w = cell.load();
        if (w.a != w.b || w.a != w.c || w.a != w.d || w.a != w.e || w.a != w.f) ++torn;
      }
    });
  }
  for (std::int64_t i = 1; i <= 200000; ++i) cell.store(Wide{i, i, i, i, i, i});
  done = true;
  readers.clear();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(cell.load().f, 200000);
  EXPECT_EQ(cell.version(), 200001u);
}

}  // namespace
}  // namespace horolog
