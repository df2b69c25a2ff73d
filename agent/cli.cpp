// Subcommand wiring; each command's work lives in its own file under agent/commands/.
#include "agent/cli.h"

#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "agent/commands/bench_command.h"
#include "agent/commands/check_config_command.h"
#include "agent/commands/clock_audit/clock_audit.h"
#include "agent/commands/clock_command.h"
#include "agent/commands/config_reference_command.h"
#include "agent/commands/logging.h"
#include "agent/commands/parse_command.h"
#include "agent/commands/replay_command.h"
#include "agent/commands/report_command.h"
#include "agent/commands/run_command.h"
#include "sinks/field_selection.h"

namespace horolog {

namespace {

// --include-fields / --exclude-fields: dotted member names, repeatable or joined with commas.
void add_field_options(CLI::App& command, std::vector<std::string>& include,
                       std::vector<std::string>& exclude) {
  const auto names = [](bool excluding) {
    return CLI::Validator(
        [excluding](std::string& name) {
          return FieldSelection::name_problem(name, excluding).value_or(std::string());
        },
        "NAME");
  };
  command
      .add_option("--include-fields", include,
                  "Write only these members (dotted names; a name covers what is under it)")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->check(names(false));
  command.add_option("--exclude-fields", exclude, "Leave out these members (dotted names)")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->check(names(true));
}

}  // namespace

Result<int> run_cli(int argc, char** argv) {
  // A closed stdout pipe (`horolog parse … | head`) must show up as EPIPE, not kill us.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"horolog: log collection and time-normalization agent"};
  app.require_subcommand(1);
  std::string log_level;
  app.add_option("--log-level", log_level,
                 "trace, debug, info, warn, error, off (overrides config)");
  Result<int> exit_code = 0;
  // A command's error is told as `horolog COMMAND: message`.
  const auto named = [](std::string_view command, Result<int> status) -> Result<int> {
    if (status) return status;
    return fail(status.error().within("horolog " + std::string(command)));
  };

  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([] { std::cout << "horolog " << HOROLOG_VERSION << "\n"; });

  RunCommandOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run the agent on a config file");
  run_cmd->add_option("--config,-c", run.config, "Config file (YAML)")->required();
  run_cmd->add_flag("--once", run.once, "Read every input to its end, deliver, and exit");
  run_cmd->callback([&] {
    run.log_level = log_level;
    exit_code = named("run", run_command(run));
  });

  ParseCommandOptions parse;
  auto* parse_cmd =
      app.add_subcommand("parse", "Parse files (or stdin) and print NDJSON to stdout");
  parse_cmd->add_option("--format,-f", parse.format, "Format name, or auto")->capture_default_str();
  parse_cmd
      ->add_option("--timezone,-z", parse.timezone,
                   "Zone for stamps without offset (IANA name, UTC, local)")
      ->capture_default_str();
  parse_cmd
      ->add_option("--date-order", parse.date_order,
                   "Day/month order of winevent-csv dates: auto, mdy or dmy")
      ->capture_default_str();
  parse_cmd->add_option("--reference-time", parse.reference_time,
                        "RFC 3339 time that year inference is anchored to (default: file mtime)");
  parse_cmd->add_option("--host", parse.host,
                        "host.name for records that name none (default: this host)");
  add_field_options(*parse_cmd, parse.include_fields, parse.exclude_fields);
  parse_cmd->add_option("paths", parse.paths, "Files to parse; - or none for stdin");
  parse_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    exit_code = named("parse", parse_command(parse));
  });

  ClockCommandOptions clock;
  auto* clock_cmd =
      app.add_subcommand("clock", "Measure this host's clock against NTP servers once");
  clock_cmd->add_option("--config,-c", clock.config, "Take servers and key file from this config");
  clock_cmd->add_option("--server,-s", clock.servers,
                        "NTP server HOST, HOST:PORT or [IPv6]:PORT (repeatable)");
  clock_cmd->add_option("--key-file", clock.key_file, "Symmetric keys in chrony's key file format");
  clock_cmd->add_option("--key", clock.key, "Key id that authenticates the --server servers");
  clock_cmd->add_flag("--nts", clock.nts, "The --server servers are NTS-KE servers (port 4460)");
  clock_cmd->add_option("--nts-ca-file", clock.nts_ca_file, "CAs (PEM) for NTS-KE certificates");
  clock_cmd->add_option("--samples", clock.samples, "Queries per server")
      ->capture_default_str()
      ->check(CLI::Range(1, 16));
  clock_cmd->add_flag("--json", clock.json, "Print JSON instead of a table");
  // --audit is another question about servers (what would an attacker find?), not a measurement.
  ClockAuditOptions audit;
  clock_cmd
      ->add_option("--audit", audit.servers,
                   "Audit these NTP servers as an attacker would: HOST, HOST:PORT or [IPv6]:PORT")
      ->excludes("--config")
      ->excludes("--server")
      ->excludes("--key-file")
      ->excludes("--key")
      ->excludes("--samples");
  clock_cmd->add_option("--nts-ke-port", audit.nts_ke_port, "NTS-KE TCP port that --audit checks")
      ->capture_default_str();
  clock_cmd->add_option("--audit-timeout", audit.timeout_s, "Seconds each --audit probe waits")
      ->capture_default_str();
  clock_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    audit.json = clock.json;
    exit_code = audit.servers.empty() ? named("clock", clock_command(clock))
                                      : named("clock", clock_audit_command(audit));
  });

  ReplayCommandOptions replay;
  auto* replay_cmd = app.add_subcommand(
      "replay", "Replay archived logs (plain, .gz, .zst; rotated sets oldest first) to the sinks");
  replay_cmd->add_option("--config,-c", replay.config,
                         "Take sinks, timezone and host_name from this config");
  replay_cmd->add_option("--format,-f", replay.format, "Format name, or auto")
      ->capture_default_str();
  replay_cmd->add_option("--timezone,-z", replay.timezone,
                         "Zone for stamps without offset (default: config, else local)");
  replay_cmd->add_option("--host", replay.host,
                         "The archived host's name (host.name for records that name none)");
  auto* rate =
      replay_cmd->add_option("--rate", replay.rate, "Replay at this many events per second")
          ->check(CLI::PositiveNumber);
  replay_cmd
      ->add_option("--speed", replay.speed, "Replay at X times the pace of the events' own times")
      ->check(CLI::PositiveNumber)
      ->excludes(rate);
  // One file per --clock-history (repeat it, or join with commas): it must not swallow PATHs.
  replay_cmd
      ->add_option("--clock-history", replay.clock_history,
                   "ntpd/ntpsec loopstats or chrony tracking.log of the archived host (repeatable)")
      ->allow_extra_args(false)
      ->delimiter(',');
  add_field_options(*replay_cmd, replay.include_fields, replay.exclude_fields);
  replay_cmd->add_option("paths", replay.paths, "Files to replay")->required();
  replay_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    exit_code = named("replay", replay_command(replay));
  });

  ReportCommandOptions report;
  auto* report_cmd = app.add_subcommand(
      "report", "Write one HTML page telling each host's clock story, from NDJSON or logs");
  report_cmd->add_option("--output,-o", report.output, "Write the page here (default: stdout)");
  report_cmd->add_option("--title", report.title, "Title of the page")->capture_default_str();
  report_cmd->add_option("--format,-f", report.raw.format, "Format of raw logs, or auto")
      ->capture_default_str();
  report_cmd
      ->add_option("--timezone,-z", report.raw.timezone,
                   "Zone for stamps without offset in raw logs (IANA name, UTC, local)")
      ->capture_default_str();
  report_cmd->add_option("--host", report.raw.host,
                         "host.name for raw records that name none (default: this host)");
  report_cmd->add_option("paths", report.raw.paths,
                         "horolog NDJSON or raw log files; - or none for stdin");
  report_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    exit_code = named("report", report_command(report));
  });

  auto* reference_cmd = app.add_subcommand(
      "config-reference", "Print the config reference (Markdown) from the declarations");
  reference_cmd->callback([] { write_config_reference(std::cout); });

  std::string check_path;
  auto* check_cmd =
      app.add_subcommand("check-config", "Validate a config file and list every error");
  check_cmd->add_option("--config,-c", check_path, "Config file (YAML)")->required();
  check_cmd->callback([&] { exit_code = check_config_command(check_path, std::cout, std::cerr); });

  BenchCommandOptions bench;
  auto* bench_cmd =
      app.add_subcommand("bench", "Measure parse, normalize, encode and the pipeline per format");
  bench_cmd->add_option("--format,-f", bench.format, "A format, or all (generated data)")
      ->capture_default_str();
  bench_cmd->add_option("--size", bench.size_mib, "MiB of generated data per format")
      ->capture_default_str();
  bench_cmd->add_option("--input,-i", bench.input, "Measure this file instead of generated data");
  bench_cmd->add_option("--write", bench.write,
                        "Only write the generated data of --format to this file");
  bench_cmd->add_flag("--json", bench.json, "Print one JSON document instead of a table");
  bench_cmd->add_flag("!--no-pipeline", bench.pipeline, "Skip the file-to-file pipeline run");
  bench_cmd->callback([&] {
    configure_logging(log_level.empty() ? "warn" : log_level);
    exit_code = named("bench", bench_command(bench, std::cout));
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help exits 0; every argument error exits 2, as documented.
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_code;
}

}  // namespace horolog
