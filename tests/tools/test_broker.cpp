// horolog-test-broker: a Kafka cluster for tests and demos, built on librdkafka's mock cluster
// (real Kafka protocol over loopback TCP, data in memory). It writes the bootstrap address to a
// file once the brokers listen and takes control commands (broker_command.h) on stdin and, with
// --control, on a FIFO; it prints one reply line per command so a caller can wait for it.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tests/tools/broker_command.h"

namespace {

volatile sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }

struct Options {
  int brokers = 1;
  std::string bootstrap_file;
  std::string control_fifo;
  std::vector<std::pair<std::string, int>> topics;
};

[[noreturn]] void usage(const char* why) {
  std::cerr
      << "horolog-test-broker: " << why << "\n"
      << "usage: horolog-test-broker [--brokers N] [--bootstrap-file PATH]\n"
      << "           [--topic NAME[:PARTITIONS]]... [--control FIFO]\n"
      << "commands (stdin or FIFO): down N|all, up N|all, rtt N MS, leader TOPIC PART N,\n"
      << "  create TOPIC PARTS, error produce|metadata CODE [COUNT], topic-error TOPIC CODE,\n"
      << "  quit\n";
  std::exit(2);
}

Options parse_args(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage(("missing value after " + arg).c_str());
    const std::string value = argv[++i];
    if (arg == "--brokers") {
      options.brokers = std::atoi(value.c_str());
      if (options.brokers < 1) usage("--brokers must be at least 1");
    } else if (arg == "--bootstrap-file") {
      options.bootstrap_file = value;
    } else if (arg == "--control") {
      options.control_fifo = value;
    } else if (arg == "--topic") {
      const std::size_t colon = value.rfind(':');
      const int partitions = colon == std::string::npos ? 1 : std::atoi(value.c_str() + colon + 1);
      if (partitions < 1) usage("bad partition count in --topic");
      options.topics.emplace_back(value.substr(0, colon), partitions);
    } else {
      usage(("unknown option " + arg).c_str());
    }
  }
  return options;
}

// Written to a temporary name and renamed: a reader never sees half an address.
void write_bootstrap(const std::string& path, const std::string& bootstraps) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary);
    out << bootstraps << "\n";
  }
  std::filesystem::rename(temporary, path);
}

// Reads what is available on `fd`, splitting complete lines off `pending`; false at EOF.
bool read_lines(int fd, std::string& pending, std::vector<std::string>& lines) {
  char buffer[4096];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  pending.append(buffer, static_cast<std::size_t>(n));
  for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
    lines.push_back(pending.substr(0, nl));
    pending.erase(0, nl + 1);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_args(argc, argv);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);

  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (handle == nullptr) {
    std::cerr << "horolog-test-broker: " << error << "\n";
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, options.brokers);
  if (cluster == nullptr) {
    std::cerr << "horolog-test-broker: cannot create the mock cluster\n";
    return 1;
  }
  for (const auto& [topic, partitions] : options.topics) {
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, topic.c_str(), partitions,
                                                               std::min(options.brokers, 3));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::cerr << "horolog-test-broker: topic " << topic << ": " << rd_kafka_err2str(err) << "\n";
      return 1;
    }
  }
  const std::string bootstraps = rd_kafka_mock_cluster_bootstraps(cluster);
  int fifo = -1;
  if (!options.control_fifo.empty()) {
    if (::mkfifo(options.control_fifo.c_str(), 0600) != 0 && errno != EEXIST) {
      std::cerr << "horolog-test-broker: mkfifo " << options.control_fifo << ": "
                << std::strerror(errno) << "\n";
      return 1;
    }
    // Opened read-write so it never reports EOF when a writer closes it.
    fifo = ::open(options.control_fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  }
  if (!options.bootstrap_file.empty()) write_bootstrap(options.bootstrap_file, bootstraps);
  std::cout << "bootstrap " << bootstraps << std::endl;

  // With a FIFO, stdin closing does not end the broker (it may run detached from a terminal).
  bool stdin_open = true;
  std::string stdin_pending;
  std::string fifo_pending;
  bool quit = false;
  while (!quit && g_stop == 0 && (stdin_open || fifo >= 0)) {
    pollfd fds[2] = {{stdin_open ? 0 : -1, POLLIN, 0}, {fifo, POLLIN, 0}};
    if (::poll(fds, 2, 200) <= 0) continue;
    std::vector<std::string> lines;
    if ((fds[0].revents & (POLLIN | POLLHUP)) != 0 && !read_lines(0, stdin_pending, lines)) {
      stdin_open = false;
    }
    if ((fds[1].revents & POLLIN) != 0) read_lines(fifo, fifo_pending, lines);
    for (const std::string& line : lines) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (line == "quit") {
        quit = true;
        std::cout << "ok" << std::endl;
        break;
      }
      std::cout << horolog::test::apply_broker_command(cluster, options.brokers, line) << std::endl;
    }
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(handle);
  if (fifo >= 0) ::close(fifo);
  if (!options.control_fifo.empty()) std::filesystem::remove(options.control_fifo);
  if (!options.bootstrap_file.empty()) std::filesystem::remove(options.bootstrap_file);
  return 0;
}
