// Loading the agent config: YAML syntax, then every section decoded and validated, with inputs
// and sinks resolved through the type registry. Runs at start-up only, so it may throw inside.
#include "agent/config/agent_config.h"

#include <date/tz.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "agent/config/file_use_check.h"
#include "agent/inputs/input_types.h"
#include "config/suggest.h"
#include "config/yaml_decoder.h"
#include "normalizer/zone.h"
#include "parsers/format_names.h"
#include "sinks/sink_types.h"

namespace horolog {

namespace {

// Empty when the tz database knows `name`; otherwise the reason, with the closest known zone.
std::string zone_problem(std::string_view name) {
  const Result<Zone> zone = Zone::find(name);
  if (zone) return {};
  std::vector<std::string_view> known;
  const date::tzdb& tzdb = date::get_tzdb();
  for (const date::time_zone& each : tzdb.zones) known.push_back(each.name());
  if (auto match = config::closest_match(name, known)) {
    return "unknown time zone `" + std::string(name) + "` (did you mean `" + std::string(*match) +
           "`?)";
  }
  return zone.error().message();
}

void check_zone(config::YamlDecoder& decoder, std::string_view key, std::string_view zone) {
  if (std::string problem = zone_problem(zone); !problem.empty()) {
    decoder.error(key, std::move(problem));
  }
}

template <class Type>
std::vector<std::string_view> names_of(std::span<const Type> types) {
  std::vector<std::string_view> names;
  for (const Type& type : types) names.push_back(type.name);
  return names;
}

// The list under `key` (inputs or sinks); an undefined node when it is missing or malformed.
YAML::Node component_list(config::YamlDecoder& top, std::string_view key, std::string_view what) {
  YAML::Node list = top.take(key);
  if (!list.IsDefined() || list.IsNull() || (list.IsSequence() && list.size() == 0)) {
    top.error(key, "at least one " + std::string(what) + " is required");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!list.IsSequence()) {
    top.error(key, "expected a list of " + std::string(what) + "s");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return list;
}

// Remembers names per list so that a second use of one is reported with the first's line.
class UniqueNames {
 public:
  explicit UniqueNames(std::string_view what) : what_(what) {}
  void check(config::YamlDecoder& decoder, const std::string& name) {
    if (name.empty()) return;
    auto [it, inserted] = lines_.emplace(name, decoder.line_of("name"));
    if (!inserted) {
      decoder.error("name", "duplicate " + what_ + " name `" + name + "` (first on line " +
                                std::to_string(it->second) + ")");
    }
  }

 private:
  std::string what_;
  std::map<std::string, int> lines_;
};

void adopt_claims(const config::YamlDecoder& decoder, std::vector<config::FileClaim>& claims) {
  claims.insert(claims.end(), decoder.file_claims().begin(), decoder.file_claims().end());
}

void decode_inputs(config::YamlDecoder& top, AgentConfig& config, std::vector<ConfigError>& errors,
                   std::vector<config::FileClaim>& claims) {
  const YAML::Node list = component_list(top, "inputs", "input");
  if (!list.IsDefined()) return;
  UniqueNames names("input");
  for (std::size_t i = 0; i < list.size(); ++i) {
    config::YamlDecoder decoder(list[i], "inputs[" + std::to_string(i) + "]", errors);
    if (!decoder.is_mapping()) continue;
    InputConfig input;
    input.describe(decoder);
    names.check(decoder, input.name);
    if (!is_known_format(input.format)) {
      decoder.error("format", "unknown format `" + input.format + "`" +
                                  config::suggestion_suffix(input.format, format_names()));
    }
    if (!input.timezone.empty()) check_zone(decoder, "timezone", input.timezone);
    const InputType* type = find_input_type(input.type);
    if (type == nullptr) {
      // Without a known type the remaining keys cannot be judged, so they are not reported.
      if (!input.type.empty()) {
        decoder.error("type", "unknown input type `" + input.type + "`" +
                                  config::suggestion_suffix(input.type, names_of(input_types())));
      }
      continue;
    }
    type->decode(decoder, input.settings);
    input.parser.describe(decoder);
    decoder.check("pattern", input.format != "regex" || !input.parser.pattern.empty(),
                  "format `regex` needs a pattern");
    decoder.finish();
    adopt_claims(decoder, claims);
    config.inputs.push_back(std::move(input));
  }
}

void decode_sinks(config::YamlDecoder& top, AgentConfig& config, std::vector<ConfigError>& errors,
                  std::vector<config::FileClaim>& claims) {
  const YAML::Node list = component_list(top, "sinks", "sink");
  if (!list.IsDefined()) return;
  UniqueNames names("sink");
  for (std::size_t i = 0; i < list.size(); ++i) {
    config::YamlDecoder decoder(list[i], "sinks[" + std::to_string(i) + "]", errors);
    if (!decoder.is_mapping()) continue;
    SinkConfig sink;
    sink.describe(decoder);
    names.check(decoder, sink.name);
    const SinkType* type = find_sink_type(sink.type);
    if (type == nullptr) {
      if (!sink.type.empty()) {
        decoder.error("type", "unknown sink type `" + sink.type + "`" +
                                  config::suggestion_suffix(sink.type, names_of(sink_types())));
      }
      continue;
    }
    type->decode(decoder, sink.settings);
    decoder.finish();
    adopt_claims(decoder, claims);
    config.sinks.push_back(std::move(sink));
  }
}

}  // namespace

ConfigCheck check_config_text(std::string_view text, std::string_view name) {
  ConfigCheck check;
  std::vector<ConfigError>& errors = check.problems;
  AgentConfig& config = check.config;
  config.source = name;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {  // yaml-cpp reports syntax errors by throwing
    config::YamlDecoder::report(errors, e.mark, "", "YAML syntax error: " + e.msg);
    return check;
  }
  config::YamlDecoder top(root, "", errors);
  if (top.is_mapping()) {
    config.describe(top);
    check_zone(top, "timezone", config.timezone);
    std::vector<config::FileClaim> claims;
    decode_inputs(top, config, errors, claims);
    decode_sinks(top, config, errors, claims);
    top.finish();
    adopt_claims(top, claims);
    // Relative paths are the agent's working directory's, when it runs as when it is checked.
    std::error_code ec;
    check_file_uses(claims, std::filesystem::current_path(ec), errors);
  }
  std::stable_sort(errors.begin(), errors.end(), [](const ConfigError& a, const ConfigError& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return check;
}

ConfigCheck check_config_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigCheck check;
    check.problems.push_back(
        ConfigError{"", 0, 0, std::string("cannot read the file: ") + std::strerror(errno)});
    return check;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return check_config_text(text.str(), path.string());
}

std::string format_config_problems(const std::filesystem::path& file,
                                   const std::vector<ConfigError>& problems) {
  std::string text;
  for (const ConfigError& problem : problems) {
    text += file.string();
    if (problem.line > 0) {
      text += ":" + std::to_string(problem.line) + ":" + std::to_string(problem.column);
    }
    text += ": ";
    if (!problem.path.empty()) text += problem.path + ": ";
    text += problem.message + "\n";
  }
  return text;
}

Result<AgentConfig> load_config_file(const std::filesystem::path& path) {
  ConfigCheck check = check_config_file(path);
  if (check.ok()) return std::move(check.config);
  const std::size_t count = check.problems.size();
  std::string message = path.string() + ": " + std::to_string(count) +
                        (count == 1 ? " error\n" : " errors\n") +
                        format_config_problems(path, check.problems);
  message.pop_back();  // the last newline: whoever prints the message ends the line
  return fail(ErrorCode::invalid_config, std::move(message));
}

}  // namespace horolog
