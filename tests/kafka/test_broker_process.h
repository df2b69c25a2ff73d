// Runs horolog-test-broker as a separate process for the agent's Kafka tests: waits for its
// bootstrap file and sends control commands through its FIFO, waiting for each reply.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "tests/support/process.h"

namespace horolog::test {

class TestBrokerProcess {
 public:
  // `topic` is created with `partitions` partitions; files go under `dir`.
  TestBrokerProcess(const std::filesystem::path& dir, int brokers, const std::string& topic,
                    int partitions);
  ~TestBrokerProcess();  // `quit`, or kill when it does not answer

  const std::string& bootstraps() const noexcept { return bootstraps_; }
  // Sends one command (e.g. "down all") and returns the broker's reply ("ok" or "error: ...").
  std::string command(const std::string& line);

 private:
  std::filesystem::path dir_;
  std::unique_ptr<BackgroundProcess> process_;
  std::string bootstraps_;
  std::size_t replies_ = 0;
};

}  // namespace horolog::test
