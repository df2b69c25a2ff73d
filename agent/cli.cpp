// Subcommand wiring; each command's work lives in its own file under agent/.
#include "agent/cli.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "agent/agent_config.h"
#include "agent/check_config_command.h"
#include "agent/clock_command.h"
#include "agent/logging.h"
#include "agent/parse_command.h"
#include "agent/run_command.h"

namespace horolog {

int run_cli(int argc, char** argv) {
  // A closed stdout pipe (`horolog parse … | head`) must show up as EPIPE, not kill us.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"horolog: log collection and time-normalization agent"};
  app.require_subcommand(1);
  std::string log_level;
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off (overrides config)");
  int exit_code = 0;

  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([] { std::cout << "horolog " << HOROLOG_VERSION << "\n"; });

  RunCommandOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run the agent on a config file");
  run_cmd->add_option("--config,-c", run.config, "Config file (YAML)")->required();
  run_cmd->add_flag("--once", run.once, "Read every input to its end, deliver, and exit");
  run_cmd->callback([&] {
    run.log_level = log_level;
    exit_code = run_command(run);
  });

  ParseCommandOptions parse;
  auto* parse_cmd = app.add_subcommand("parse", "Parse files (or stdin) and print NDJSON to stdout");
  parse_cmd->add_option("--format,-f", parse.format, "Format name, or auto")->capture_default_str();
  parse_cmd->add_option("--timezone,-z", parse.timezone, "Zone for stamps without offset (IANA name, UTC, local)")
      ->capture_default_str();
  parse_cmd->add_option("--reference-time", parse.reference_time,
                        "RFC 3339 time that year inference is anchored to (default: file mtime)");
  parse_cmd->add_option("--host", parse.host, "host.name for records that name none (default: this host)");
  parse_cmd->add_option("paths", parse.paths, "Files to parse; - or none for stdin");
  parse_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    exit_code = parse_command(parse);
  });

  ClockCommandOptions clock;
  auto* clock_cmd = app.add_subcommand("clock", "Measure this host's clock against NTP servers once");
  clock_cmd->add_option("--config,-c", clock.config, "Take servers and key file from this config");
  clock_cmd->add_option("--server,-s", clock.servers, "NTP server HOST, HOST:PORT or [IPv6]:PORT (repeatable)");
  clock_cmd->add_option("--key-file", clock.key_file, "Symmetric keys in chrony's key file format");
  clock_cmd->add_option("--key", clock.key, "Key id that authenticates the --server servers");
  clock_cmd->add_option("--samples", clock.samples, "Queries per server")->capture_default_str()
      ->check(CLI::Range(1, 16));
  clock_cmd->add_flag("--json", clock.json, "Print JSON instead of a table");
  clock_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    exit_code = clock_command(clock);
  });

  auto* reference_cmd =
      app.add_subcommand("config-reference", "Print the config reference (Markdown) from the declarations");
  reference_cmd->callback([] { write_config_reference(std::cout); });

  std::string check_path;
  auto* check_cmd = app.add_subcommand("check-config", "Validate a config file and list every error");
  check_cmd->add_option("--config,-c", check_path, "Config file (YAML)")->required();
  check_cmd->callback([&] { exit_code = check_config_command(check_path, std::cout, std::cerr); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}

}  // namespace horolog
