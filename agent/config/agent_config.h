// The agent's whole configuration as typed structs, and loading it from YAML: parse and validate
// only (nothing is opened or started), with every problem listed by YAML path and line.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "agent/inputs/input_config.h"
#include "config/config_error.h"
#include "config/file_use.h"
#include "config/option_types.h"
#include "normalizer/clock/clock_options.h"
#include "normalizer/error.h"
#include "sinks/sink.h"

namespace horolog {

using config::ConfigError;

enum class LogLevel { trace, debug, info, warn, error };

struct AgentConfig {
  std::string host_name = "auto";
  std::string data_dir = "./var/horolog";
  std::string timezone = "local";
  LogLevel log_level = LogLevel::info;
  ClockOptions clock;
  // Decoded through the type registries (input_types.h, sink_types.h), not describe(): the keys
  // of an entry depend on its `type`.
  std::vector<InputConfig> inputs;
  std::vector<SinkConfig> sinks;
  // Where the config came from (a file name), for the agent's own log.
  std::string source;

  template <class V>
  void describe(V& v) {
    v("host_name", host_name,
      "This host's name in events: `auto` (the system host name) or a name");
    v.check("host_name", !host_name.empty() && host_name.find_first_of(" \t") == std::string::npos,
            "expected `auto` or a host name without spaces");
    v("data_dir", data_dir,
      "Directory for checkpoints and state; one agent per data_dir (`run` locks it)");
    v.check("data_dir", !data_dir.empty(), "must not be empty");
    if (!data_dir.empty()) {
      v.files("data_dir", config::FileUse::using_paths(
                              config::FileRole::state,
                              {config::PathShape().literal(data_dir).literal("/").below()}));
    }
    v("timezone", timezone,
      "Zone of timestamps without an offset (IANA name, `UTC` or `local` = the host's zone)");
    v("log_level", log_level,
      config::Choices<LogLevel>{{{"trace", LogLevel::trace},
                                 {"debug", LogLevel::debug},
                                 {"info", LogLevel::info},
                                 {"warn", LogLevel::warn},
                                 {"error", LogLevel::error}}},
      "Verbosity of the agent's own log");
    v("clock", clock, "Measuring the host clock's offset against NTP servers");
  }
};

// What checking a config found: the config as far as it decoded, and every problem (sorted by
// line), never only the first. The config is usable only when there is no problem.
struct ConfigCheck {
  AgentConfig config;
  std::vector<ConfigError> problems;

  bool ok() const noexcept { return problems.empty(); }
};

// Relative paths inside the config stay relative: they are taken from the working directory.
ConfigCheck check_config_file(const std::filesystem::path& path);
// `name` is recorded as AgentConfig::source.
ConfigCheck check_config_text(std::string_view text, std::string_view name);

// Every problem as `FILE:LINE:COL: PATH: message`, one per line (as compilers write them, so
// editors can jump to the line).
std::string format_config_problems(const std::filesystem::path& file,
                                   const std::vector<ConfigError>& problems);

// The config of a command: invalid_config when it has problems, whose message is a count line
// (`FILE: 2 errors`) followed by the problems.
Result<AgentConfig> load_config_file(const std::filesystem::path& path);

}  // namespace horolog
