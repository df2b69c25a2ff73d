// What the syslog sink's agent tests share: a log file of numbered lines, a config sending it to
// a receiver (and, for comparison, to an NDJSON file), the real agent, and a tally of numbers.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {

// Which sequence numbers arrived, and how often.
class SeqTally {
 public:
  explicit SeqTally(std::uint64_t expected) : seen_(expected, 0), missing_(expected) {}
  void add(std::string_view text) {
    const std::size_t at = text.find("seq=");
    unsigned long seq = 0;
    if (at == std::string_view::npos ||
        std::sscanf(std::string(text.substr(at + 4, 12)).c_str(), "%lu", &seq) != 1 ||
        seq >= seen_.size()) {
      ++foreign_;
      return;
    }
    if (seen_[seq]++ > 0) {
      ++duplicates_;
    } else {
      --missing_;
    }
  }
  std::uint64_t missing() const noexcept { return missing_; }
  std::uint64_t duplicates() const noexcept { return duplicates_; }
  std::uint64_t foreign() const noexcept { return foreign_; }

 private:
  std::vector<std::uint32_t> seen_;
  std::uint64_t missing_;
  std::uint64_t duplicates_ = 0;
  std::uint64_t foreign_ = 0;
};

// Appends lines [first, first + count) with `seq=N` to `path`.
inline void append_numbered_lines(const std::filesystem::path& path, std::uint64_t first,
                                  std::uint64_t count) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  std::string text;
  char line[200];
  for (std::uint64_t seq = first; seq < first + count; ++seq) {
    const int n = std::snprintf(line, sizeof line,
                                "Nov 30 12:00:00 web1 app[42]: seq=%09lu lorem \"ipsum\" dolor "
                                "sit ] amet \xc3\xa9t\xc3\xa9 consectetur\n",
                                static_cast<unsigned long>(seq));
    text.append(line, static_cast<std::size_t>(n));
    if (text.size() > (1u << 20)) {
      out << text;
      text.clear();
    }
  }
  out << text;
}

// horolog.yaml reading dir/logs/*.log into the sink written as YAML lines in `sink` (each line
// indented by four spaces, after `- name: siem`), and with `with_file` an NDJSON file sink too.
inline void write_agent_config(const std::filesystem::path& dir, const std::string& sink,
                               bool with_file) {
  std::string yaml = "data_dir: " + (dir / "var").string() +
                     "\nclock: {servers: []}  # no NTP traffic from tests\n"
                     "timezone: UTC\nlog_level: info\ninputs:\n  - name: app\n    type: file\n"
                     "    paths: [\"" +
                     (dir / "logs" / "*.log").string() +
                     "\"]\n    format: rfc3164\n    scan_interval: 100ms\nsinks:\n"
                     "  - name: siem\n" +
                     sink;
  if (with_file) {
    yaml +=
        "  - name: copy\n    type: file\n    path: \"" + (dir / "copy.ndjson").string() + "\"\n";
  }
  write_file(dir / "horolog.yaml", yaml);
}

inline std::unique_ptr<BackgroundProcess> start_agent(const std::filesystem::path& dir, int run,
                                                      const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv{horolog_binary().string(), "run", "--config",
                                (dir / "horolog.yaml").string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return std::make_unique<BackgroundProcess>(argv,
                                             (dir / ("agent.out." + std::to_string(run))).string(),
                                             (dir / ("agent.err." + std::to_string(run))).string());
}

// Runs `horolog run --once` on dir/horolog.yaml.
inline ProcessResult run_agent_once(const std::filesystem::path& dir) {
  return run_process(
      {horolog_binary().string(), "run", "--once", "--config", (dir / "horolog.yaml").string()});
}

// What a receiver wrote (one MSG per line) is the NDJSON the same run wrote to dir/copy.ndjson,
// event by event.
inline void expect_same_events(const std::vector<std::string>& received,
                               const std::filesystem::path& dir, std::size_t count) {
  const std::string copy = read_file(dir / "copy.ndjson");
  const std::vector<std::string_view> expected = split_lines(copy);
  ASSERT_EQ(expected.size(), count);
  ASSERT_EQ(received.size(), count);
  for (std::size_t i = 0; i < count; ++i) {
    ASSERT_EQ(received[i], expected[i]) << "event " << i;
  }
}

}  // namespace horolog::test
