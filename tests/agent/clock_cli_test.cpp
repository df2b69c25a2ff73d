// The host clock through the real binary: `horolog clock` against a real chronyd and scripted
// servers it must not trust, and `run` attaching host.clock to every event, from NTP when
// servers agree and from the kernel when none does or when they cannot be trusted.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/clock/chrony_peer.h"
#include "tests/clock/fake_ntp_server.h"
#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {
namespace {

namespace fs = std::filesystem;

// `horolog clock --json` against loopback ports; its exit code and the parsed output.
struct ClockJson {
  int exit_code = -1;
  std::string out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
};

void run_clock_json(const std::vector<std::uint16_t>& ports, ClockJson& result) {
  std::vector<std::string> argv{horolog_binary().string(), "clock", "--samples", "1", "--json"};
  for (const std::uint16_t port : ports) {
    argv.push_back("--server");
    argv.push_back("127.0.0.1:" + std::to_string(port));
  }
  const auto run = run_process(argv);
  result.exit_code = run.exit_code;
  result.out = run.out;
  ASSERT_EQ(result.parser.parse(result.out).get(result.doc), simdjson::SUCCESS)
      << run.out << run.err;
}

// A port nothing answers on.
std::uint16_t silent_port() { return FakeNtpServer{}.port(); }

TEST(ClockCommand, MeasuresALocalChronydAndSaysTheEstimateIsTrustworthy) {
  HOROLOG_REQUIRE_CHRONY(ChronyPeerOptions{});
  ChronyPeer peer;
  ASSERT_TRUE(peer.wait_ready()) << peer.log();
  const auto result =
      run_process({horolog_binary().string(), "clock", "--server",
                   "127.0.0.1:" + std::to_string(peer.port()), "--samples", "2", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(result.out).get(doc), simdjson::SUCCESS) << result.out;
  std::string_view status;
  double offset_ms = 99, delay_ms = -1;
  ASSERT_EQ(doc["servers"].at(0)["status"].get(status), simdjson::SUCCESS);
  EXPECT_EQ(status, "selected");
  ASSERT_EQ(doc["servers"].at(0)["offset_ms"].get(offset_ms), simdjson::SUCCESS);
  ASSERT_EQ(doc["servers"].at(0)["delay_ms"].get(delay_ms), simdjson::SUCCESS);
  EXPECT_LT(std::fabs(offset_ms), 1.0);  // same clock on both ends
  EXPECT_GE(delay_ms, 0.0);
  EXPECT_LT(delay_ms, 100.0);
  bool synchronized = false;
  ASSERT_EQ(doc["estimate"]["synchronized"].get(synchronized), simdjson::SUCCESS);
  EXPECT_TRUE(synchronized);
}

TEST(ClockCommand, ExitsNonZeroAndSaysUnreachableWhenNoServerAnswers) {
  const auto result = run_process(
      {horolog_binary().string(), "clock", "--server", "127.0.0.1:9", "--samples", "1"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("unreachable"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("NOT trustworthy"), std::string::npos) << result.out;
}

TEST(ClockCommand, CallsAServerWithA65535SecondRootDistanceTooDistantAndExitsNonZero) {
  FakeNtpServer distant(
      FakeNtpBehaviour{[](NtpHeader& h) { h.root_dispersion = 0xFFFF0000u; }, std::nullopt, false});
  ClockJson clock;
  ASSERT_NO_FATAL_FAILURE(run_clock_json({distant.port()}, clock));
  EXPECT_EQ(clock.exit_code, 1) << clock.out;
  std::string_view status, reason;
  std::int64_t rejected = 0;
  ASSERT_EQ(clock.doc["servers"].at(0)["status"].get(status), simdjson::SUCCESS) << clock.out;
  EXPECT_EQ(status, "too_distant");
  ASSERT_EQ(clock.doc["estimate"]["servers_rejected"].get(rejected), simdjson::SUCCESS);
  EXPECT_EQ(rejected, 1);
  ASSERT_EQ(clock.doc["estimate"]["reasons"].at(0)["reason"].get(reason), simdjson::SUCCESS)
      << clock.out;
  EXPECT_EQ(reason, "no_candidates");
}

TEST(ClockCommand, OneOfTwoServersAnsweringIsNotTrustworthy) {
  FakeNtpServer honest;
  ClockJson clock;
  ASSERT_NO_FATAL_FAILURE(run_clock_json({honest.port(), silent_port()}, clock));
  EXPECT_EQ(clock.exit_code, 1) << clock.out;
  std::int64_t agreeing = 0, required = 0;
  std::string_view reason;
  ASSERT_EQ(clock.doc["estimate"]["servers_agreeing"].get(agreeing), simdjson::SUCCESS)
      << clock.out;
  ASSERT_EQ(clock.doc["estimate"]["min_agreeing"].get(required), simdjson::SUCCESS);
  EXPECT_EQ(agreeing, 1);
  EXPECT_EQ(required, 2);
  ASSERT_EQ(clock.doc["estimate"]["reasons"].at(0)["reason"].get(reason), simdjson::SUCCESS);
  EXPECT_EQ(reason, "too_few_agreeing");
}

TEST(ClockCommand, ALoneServerAnHourOffIsNotTrustworthyAndTheTableSaysWhy) {
  FakeNtpServer off;
  off.set_offset(std::chrono::hours(1));
  const auto result = run_process({horolog_binary().string(), "clock", "--server",
                                   "127.0.0.1:" + std::to_string(off.port()), "--samples", "1"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("NOT trustworthy"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("1 of 1 required servers agree"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("disagrees with the kernel"), std::string::npos) << result.out;
}

// A config with one input and one file sink, and the given clock servers.
void write_clock_config(const TempDir& dir, const std::string& servers) {
  fs::create_directories(dir / "logs");
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\n"
                                       "host_name: this-host\n"
                                       "clock:\n"
                                       "  servers: [" +
                                       servers +
                                       "]\n"
                                       "  samples: 1\n"
                                       "inputs:\n"
                                       "  - name: app\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       (dir / "logs/*.log").string() +
                                       "\"]\n"
                                       "    format: rfc3164\n"
                                       "    timezone: UTC\n"
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       (dir / "out/app.ndjson").string() + "\n");
}

TEST(RunWithClock, WithNoServerReachableEventsStillFlowMarkedKernelAndUnsynchronized) {
  TempDir dir;
  write_clock_config(dir, "\"127.0.0.1:9\"");
  write_file(dir / "logs/a.log",
             "Nov 26 12:00:00 this-host app[1]: one\n"
             "Nov 26 12:00:01 other-host app[1]: two\n");
  const auto started = std::chrono::steady_clock::now();
  const auto result = run_process(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string(), "--once"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // Measuring never delays the pipeline: the unreachable server times out in the background.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  const std::string text = read_file(dir / "out/app.ndjson");
  const auto lines = split_lines(text);
  ASSERT_EQ(lines.size(), 2u);
  simdjson::dom::parser parser;
  for (auto line : lines) {
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(std::string(line)).get(doc), simdjson::SUCCESS);
    std::string_view source;
    bool synchronized = true;
    ASSERT_EQ(doc["host"]["clock"]["source"].get(source), simdjson::SUCCESS) << line;
    EXPECT_EQ(source, "kernel");
    ASSERT_EQ(doc["host"]["clock"]["synchronized"].get(synchronized), simdjson::SUCCESS);
    EXPECT_FALSE(synchronized);
  }
}

TEST(RunWithClock, EventsCarryTheNtpEstimateAndOwnStampsAreCorrected) {
  HOROLOG_REQUIRE_CHRONY(ChronyPeerOptions{});
  ChronyPeer peer;
  ASSERT_TRUE(peer.wait_ready()) << peer.log();
  TempDir dir;
  write_clock_config(dir, "\"127.0.0.1:" + std::to_string(peer.port()) + "\"");
  const fs::path log = dir / "logs/a.log";
  write_file(log, "");
  BackgroundProcess agent(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string()},
      (dir / "stdout").string(), (dir / "stderr").string());
  // Let the first measurement land, then write the records.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  {
    std::ofstream append(log, std::ios::app);
    append << "Nov 26 12:00:00 this-host app[1]: own clock\n"
              "Nov 26 12:00:01 other-host app[1]: relayed from elsewhere\n";
  }
  const fs::path out = dir / "out/app.ndjson";
  for (int i = 0; i < 250 && (!fs::exists(out) || split_lines(read_file(out)).size() < 2); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(agent.stop(SIGTERM), 0);
  const std::string text = read_file(out);
  const auto lines = split_lines(text);
  ASSERT_EQ(lines.size(), 2u) << read_file(dir / "stderr");
  simdjson::dom::parser parser;
  simdjson::dom::element own, relayed;
  ASSERT_EQ(parser.parse(std::string(lines[0])).get(own), simdjson::SUCCESS);
  std::string_view source, corrected;
  ASSERT_EQ(own["host"]["clock"]["source"].get(source), simdjson::SUCCESS) << lines[0];
  EXPECT_EQ(source, "ntp") << lines[0];
  EXPECT_EQ(own["horolog"]["time"]["corrected"].get(corrected), simdjson::SUCCESS) << lines[0];
  ASSERT_EQ(parser.parse(std::string(lines[1])).get(relayed), simdjson::SUCCESS);
  EXPECT_NE(relayed["horolog"]["time"]["corrected"].get(corrected), simdjson::SUCCESS)
      << "another host's stamp is not corrected with this host's offset: " << lines[1];
}

TEST(RunWithClock, ALoneServerAnHourOffMovesNoEventTimeAndIsLoggedOnce) {
  FakeNtpServer off;
  off.set_offset(std::chrono::hours(1));
  TempDir dir;
  write_clock_config(dir, "\"127.0.0.1:" + std::to_string(off.port()) + "\"");
  const fs::path log = dir / "logs/a.log";
  write_file(log, "");
  BackgroundProcess agent(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string()},
      (dir / "stdout").string(), (dir / "stderr").string());
  const auto logged_so_far = [&] {
    return fs::exists(dir / "stderr") ? read_file(dir / "stderr") : std::string();
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (logged_so_far().find("disagree") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    std::ofstream append(log, std::ios::app);
    append << "Nov 26 12:30:00 this-host app[1]: own clock\n";
  }
  const fs::path out = dir / "out/app.ndjson";
  for (int i = 0; i < 250 && (!fs::exists(out) || split_lines(read_file(out)).empty()); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(agent.stop(SIGTERM), 0);
  const std::string err = read_file(dir / "stderr");
  const std::string text = read_file(out);
  const auto lines = split_lines(text);
  ASSERT_EQ(lines.size(), 1u) << err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(std::string(lines[0])).get(doc), simdjson::SUCCESS);
  std::string_view source, timestamp, corrected;
  std::int64_t agreeing = 0;
  ASSERT_EQ(doc["host"]["clock"]["source"].get(source), simdjson::SUCCESS) << lines[0];
  EXPECT_EQ(source, "kernel") << lines[0];
  ASSERT_EQ(doc["host"]["clock"]["servers_agreeing"].get(agreeing), simdjson::SUCCESS);
  EXPECT_EQ(agreeing, 1);
  ASSERT_EQ(doc["@timestamp"].get(timestamp), simdjson::SUCCESS);
  // Corrected only by a kernel that is synchronized itself, and then not by an hour.
  if (doc["horolog"]["time"]["corrected"].get(corrected) == simdjson::SUCCESS) {
    EXPECT_EQ(corrected.substr(0, 13), timestamp.substr(0, 13)) << lines[0];
  }
  std::size_t logged = 0;
  for (std::size_t at = err.find("disagree"); at != std::string::npos;
       at = err.find("disagree", at + 1)) {
    ++logged;
  }
  EXPECT_EQ(logged, 1u) << err;
  EXPECT_NE(err.find("error"), std::string::npos) << err;
}

TEST(RunWithClock, AStepOfTheMeasuredOffsetBecomesAClockAnomalyEvent) {
  // Two servers, so that the step is agreed on rather than one server's word against the
  // kernel's.
  FakeNtpServer server;  // tells host time + an offset we choose
  FakeNtpServer second;
  TempDir dir;
  fs::create_directories(dir / "logs");
  write_file(dir / "horolog.yaml", "data_dir: " + (dir / "var").string() +
                                       "\n"
                                       "clock:\n"
                                       "  servers: [\"127.0.0.1:" +
                                       std::to_string(server.port()) +
                                       "\", \"127.0.0.1:" + std::to_string(second.port()) +
                                       "\"]\n"
                                       "  samples: 1\n"
                                       "  poll_interval: 1s\n"
                                       "inputs:\n"
                                       "  - name: app\n"
                                       "    type: file\n"
                                       "    paths: [\"" +
                                       (dir / "logs/*.log").string() +
                                       "\"]\n"
                                       "    format: rfc3164\n"
                                       "sinks:\n"
                                       "  - name: out\n"
                                       "    type: file\n"
                                       "    path: " +
                                       (dir / "out/{input}.ndjson").string() + "\n");
  BackgroundProcess agent(
      {horolog_binary().string(), "run", "--config", (dir / "horolog.yaml").string()},
      (dir / "stdout").string(), (dir / "stderr").string());
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));  // a first, steady measurement
  server.set_offset(std::chrono::seconds(2));                    // true time jumps 2 s ahead
  second.set_offset(std::chrono::seconds(2));
  const fs::path out = dir / "out/clock.ndjson";
  for (int i = 0; i < 300 && !fs::exists(out); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(agent.stop(SIGTERM), 0);
  ASSERT_TRUE(fs::exists(out)) << read_file(dir / "stderr");
  const std::string text = read_file(out);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(std::string(split_lines(text).at(0))).get(doc), simdjson::SUCCESS) << text;
  std::string_view action;
  double step_ms = 0;
  ASSERT_EQ(doc["event"]["action"].get(action), simdjson::SUCCESS) << text;
  EXPECT_EQ(action, "clock_anomaly");
  ASSERT_EQ(doc["horolog"]["clock"]["step_ms"].get(step_ms), simdjson::SUCCESS) << text;
  EXPECT_NEAR(step_ms, 2000.0, 50.0);
}

}  // namespace
}  // namespace horolog::test
