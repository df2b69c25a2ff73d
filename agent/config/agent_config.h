// The agent's whole configuration as typed structs, and loading it from YAML: parse and validate
// only (nothing is opened or started), with every error listed by YAML path and line.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "agent/config/component_types.h"
#include "config/config_error.h"
#include "config/option_types.h"
#include "normalizer/clock/clock_options.h"
#include "parsers/parser_options.h"
#include "sinks/field_selection.h"

namespace horolog {

using config::ConfigError;

enum class LogLevel { trace, debug, info, warn, error };

// Keys every input has; the type's keys (`settings`) and the format's keys (`parser`) sit on the
// same YAML mapping.
struct InputConfig {
  std::string name;
  std::string type;
  std::string format = "auto";
  std::string timezone;  // empty: the agent's `timezone`
  std::string host;      // empty: the agent's `host_name`
  std::vector<std::string> include_fields;
  std::vector<std::string> exclude_fields;
  InputSettings settings;
  ParserOptions parser;

  template <class V>
  void describe(V& v) {
    v("name", name, "Unique name of the input (`{input}` in sink paths, checkpoint key)");
    v.check("name", !name.empty(), "every input needs a name");
    v("type", type, "Input type (see the types below)");
    v.check("type", !type.empty(), "every input needs a type");
    v("format", format, "Format name, or `auto` to detect it per file");
    v("timezone", timezone,
      "Zone of timestamps without an offset (IANA name, `UTC` or `local`); default: the "
      "top-level `timezone`");
    v("host", host, "Host name to record for these events; default: the top-level `host_name`");
    v("include_fields", include_fields,
      "Output members to write, by dotted name (`host.name`; `log.syslog` covers everything "
      "under it); default: all. `@timestamp` is always written. Applies to every sink");
    const std::string include_problem = first_problem(include_fields, false);
    v.check("include_fields", include_problem.empty(), include_problem);
    v("exclude_fields", exclude_fields,
      "Output members to leave out, by dotted name (`host.clock`, `event.created`); applied "
      "after `include_fields`");
    const std::string exclude_problem = first_problem(exclude_fields, true);
    v.check("exclude_fields", exclude_problem.empty(), exclude_problem);
  }

  FieldSelection fields() const { return FieldSelection(include_fields, exclude_fields); }

 private:
  // What is wrong with the first unusable name of `names`, or "" when all are fine.
  static std::string first_problem(const std::vector<std::string>& names, bool excluding) {
    for (const std::string& name : names) {
      if (auto problem = FieldSelection::name_problem(name, excluding)) return *problem;
    }
    return {};
  }
};

struct SinkConfig {
  std::string name;
  std::string type;
  SinkSettings settings;

  template <class V>
  void describe(V& v) {
    v("name", name, "Unique name of the sink");
    v.check("name", !name.empty(), "every sink needs a name");
    v("type", type, "Sink type (see the types below)");
    v.check("type", !type.empty(), "every sink needs a type");
  }
};

struct AgentConfig {
  std::string host_name = "auto";
  std::string data_dir = "./var/horolog";
  std::string timezone = "local";
  LogLevel log_level = LogLevel::info;
  ClockOptions clock;
  // Decoded through the type registry (component_types.h), not describe(): the keys of an
  // entry depend on its `type`.
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
    v("data_dir", data_dir, "Directory for checkpoints and state");
    v.check("data_dir", !data_dir.empty(), "must not be empty");
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

// Either the config or every error found (sorted by line), never only the first.
using LoadResult = tl::expected<AgentConfig, std::vector<ConfigError>>;

// Relative paths inside the config stay relative: they are taken from the working directory.
LoadResult load_config_file(const std::filesystem::path& path);
// `name` is recorded as AgentConfig::source.
LoadResult load_config_text(std::string_view text, std::string_view name);

// The config reference in Markdown: every key of every section and registered type, generated
// from the same declarations the loader uses.
void write_config_reference(std::ostream& out);

}  // namespace horolog
