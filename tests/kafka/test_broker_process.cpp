// The broker's stdout carries one line per reply after its `bootstrap` line; commands are
// matched to replies by counting lines.
#include "tests/kafka/test_broker_process.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/support/test_paths.h"

namespace horolog::test {

namespace {

constexpr auto kWaitLimit = std::chrono::seconds(20);

}  // namespace

TestBrokerProcess::TestBrokerProcess(const std::filesystem::path& dir, int brokers,
                                     const std::string& topic, int partitions)
    : dir_(dir) {
  process_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{HOROLOG_TEST_BROKER, "--brokers", std::to_string(brokers), "--topic",
                               topic + ":" + std::to_string(partitions), "--bootstrap-file",
                               (dir_ / "bootstrap").string(), "--control",
                               (dir_ / "control").string()},
      (dir_ / "broker.out").string(), (dir_ / "broker.err").string());
  const auto deadline = std::chrono::steady_clock::now() + kWaitLimit;
  while (!std::filesystem::exists(dir_ / "bootstrap")) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("test broker did not start: " + read_file(dir_ / "broker.err"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  bootstraps_ = read_file(dir_ / "bootstrap");
  while (!bootstraps_.empty() && bootstraps_.back() == '\n') bootstraps_.pop_back();
}

TestBrokerProcess::~TestBrokerProcess() {
  int exit_code = 0;
  try {
    command("quit");
  } catch (const std::exception&) {
    // Not answering: killed below.
  }
  if (!process_->wait_exit(5000, exit_code)) process_->stop(SIGKILL);
}

std::string TestBrokerProcess::command(const std::string& line) {
  const int fd = ::open((dir_ / "control").c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open the broker's control FIFO");
  const std::string text = line + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!written) throw std::runtime_error("cannot write to the broker's control FIFO");
  ++replies_;
  const auto deadline = std::chrono::steady_clock::now() + kWaitLimit;
  for (;;) {
    const std::string out = read_file(dir_ / "broker.out");
    const auto lines = split_lines(out);
    // Line 0 is `bootstrap ...`; the n-th reply is line n, once its newline is there.
    if (lines.size() > replies_ && out.ends_with('\n')) return std::string(lines[replies_]);
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("test broker did not answer `" + line + "`");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace horolog::test
