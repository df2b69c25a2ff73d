// `horolog run`: load the config, build sinks and inputs, run every input on its own thread,
// stop on SIGTERM/SIGINT (or at the end of the data with --once), flush, print a summary.
#include "agent/commands/run_command.h"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "agent/commands/logging.h"
#include "agent/config/agent_config.h"
#include "agent/config/host_name.h"
#include "agent/engine/checkpoint_store.h"
#include "agent/engine/clock_anomaly.h"
#include "agent/engine/data_dir_lock.h"
#include "agent/engine/descriptor_budget.h"
#include "agent/engine/input_runner.h"
#include "agent/engine/sink_set.h"
#include "agent/engine/write_stage.h"
#include "agent/inputs/input_types.h"
#include "normalizer/clock/clock_setup.h"

namespace horolog {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_reopen{false};

extern "C" void on_stop_signal(int) { g_stop = true; }
extern "C" void on_hup_signal(int) { g_reopen = true; }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  action.sa_handler = on_hup_signal;
  sigaction(SIGHUP, &action, nullptr);
}

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::trace: return "trace";
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
  }
  return "info";
}

// Every configured input, each with its own zone and host name (or the agent's).
Result<std::vector<std::unique_ptr<Input>>> build_inputs(const AgentConfig& config,
                                                         const std::string& host, RunStats& stats,
                                                         CheckpointStore& checkpoints,
                                                         DescriptorBudget& descriptors) {
  std::vector<std::unique_ptr<Input>> inputs;
  for (const InputConfig& input : config.inputs) {
    Result<Zone> zone = Zone::find(input.timezone.empty() ? config.timezone : input.timezone);
    if (!zone) return fail(zone.error().within("input " + input.name));
    InputEnvironment env{*zone, input.host.empty() ? host : input.host, stats, &checkpoints,
                         &descriptors};
    Result<std::unique_ptr<Input>> built = build_input(input, env);
    if (!built) return fail(built.error());
    inputs.push_back(std::move(*built));
  }
  return inputs;
}

// Until SIGTERM/SIGINT: the engine's timers (flush policies, checkpoint syncs, clock anomalies,
// a periodic report) and SIGHUP's reopening of output files.
void serve_until_stopped(SinkSet& sinks, CheckpointStore& checkpoints, ClockAnomalies& anomalies,
                         const RunStats& stats) {
  auto last_save = std::chrono::steady_clock::now();
  auto last_report = last_save;
  while (!g_stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (g_reopen.exchange(false)) {
      spdlog::info("SIGHUP: reopening output files");
      sinks.reopen();
    }
    anomalies.flush();
    sinks.flush_due();  // interval flush policies: the engine schedules, sinks don't
    const auto now = std::chrono::steady_clock::now();
    if (now - last_save >= std::chrono::seconds(1)) {
      checkpoints.save();
      last_save = now;
    }
    if (now - last_report >= std::chrono::minutes(1)) {
      for (const auto& [format, s] : stats.snapshot()) {
        spdlog::info("{}: {} events, {} parse errors, {} truncated, {} bytes from {} files", format,
                     s.events, s.parse_errors, s.truncated, s.bytes, s.files);
      }
      last_report = now;
    }
  }
  spdlog::info("stopping: draining batches in flight");
}

void print_summary(std::ostream& report, const RunStats& stats, const SinkSet& sinks,
                   const std::vector<std::unique_ptr<Input>>& inputs, double seconds) {
  std::vector<std::string> outputs;
  for (const auto& sink : sinks.sinks()) {
    for (const std::string& output : sink->outputs()) {
      std::error_code ec;
      if (std::filesystem::exists(output, ec)) outputs.push_back(output);  // written, not tried
    }
  }
  stats.print(report, outputs, seconds);
  for (const auto& input : inputs) {
    report << "input   " << input->name() << ": ";
    input->print_summary(report);
    report << "\n";
  }
  for (std::size_t i = 0; i < sinks.sinks().size(); ++i) {
    const SinkCounters& c = sinks.sinks()[i]->counters();
    report << "sink    " << sinks.names()[i] << ": " << c.events << " event(s), " << c.bytes
           << " byte(s), " << c.batches_delivered << " batch(es) delivered, " << c.errors
           << " write error(s) retried" << sinks.sinks()[i]->counter_details();
    if (c.dead_lettered > 0) report << ", " << c.dead_lettered << " event(s) dead-lettered";
    report << "\n";
  }
}

}  // namespace

Result<int> run_command(const RunCommandOptions& options) {
  Result<AgentConfig> loaded = load_config_file(options.config);
  if (!loaded) return fail(loaded.error());
  const AgentConfig& config = *loaded;
  // The YAML document tree (about 3 KiB per input) is gone: give its memory back to the system
  // rather than keep it for the life of the agent.
  ::malloc_trim(0);
  configure_logging(options.log_level.empty() ? level_name(config.log_level) : options.log_level);
  // Before anything reads checkpoints or opens outputs: a second agent must change nothing.
  Result<DataDirLock> lock = DataDirLock::acquire(config.data_dir);
  if (!lock) return fail(lock.error().within("cannot start"));
  install_signal_handlers();
  const auto started = std::chrono::steady_clock::now();

  const std::string host = resolve_host_name(config.host_name);
  Result<ClockMonitorOptions> clock_options = make_monitor_options(config.clock);
  if (!clock_options) return fail(clock_options.error().within("clock"));
  // Declared in dependency order: each part is destroyed before what it uses.
  SinkSet sinks;
  RunStats stats;
  ClockAnomalies anomalies(sinks, stats, host);
  ClockMonitor clock(std::move(*clock_options),
                     [&anomalies](const ClockStep& step) { anomalies.report(step); });
  clock.start();
  CheckpointStore checkpoints(config.data_dir);
  if (checkpoints.loaded_corrupt()) spdlog::error("{}", checkpoints.problem());
  if (Result<void> built = sinks.add_all(
          config.sinks,
          {.ack = {}, .stopping = &g_stop, .state_dir = config.data_dir, .one_shot = options.once});
      !built) {
    return fail(built.error().within("cannot start"));
  }
  DescriptorBudget descriptors(DescriptorBudget::default_capacity());
  Result<std::vector<std::unique_ptr<Input>>> inputs =
      build_inputs(config, host, stats, checkpoints, descriptors);
  if (!inputs) return fail(inputs.error().within("cannot start"));
  spdlog::info("horolog {} started: {} input(s), {} sink(s){}", HOROLOG_VERSION, inputs->size(),
               sinks.sinks().size(), options.once ? ", reading once" : "");

  // The inputs share a few workers; each writes through a stage of its own (a second thread).
  std::vector<Input*> polled;
  for (auto& input : *inputs) polled.push_back(input.get());
  InputRunner runner(
      polled,
      [&] {
        auto stage = std::make_unique<WriteStage>(sinks, stats, "", FieldSelection{}, &clock);
        return std::unique_ptr<BatchOutput>(std::move(stage));
      },
      std::min(InputRunner::default_workers(), std::max<std::size_t>(1, inputs->size())));
  std::thread inputs_thread([&] { runner.run(options.once, g_stop); });
  if (!options.once) serve_until_stopped(sinks, checkpoints, anomalies, stats);
  inputs_thread.join();
  clock.stop();
  anomalies.flush();
  sinks.flush();
  checkpoints.save();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  bool uses_stdout = false;
  for (const auto& sink : sinks.sinks()) uses_stdout |= sink->writes_to_stdout();
  print_summary(uses_stdout ? std::cerr : std::cout, stats, sinks, *inputs, seconds);
  spdlog::info("horolog stopped");
  if (!options.once) return 0;  // a clean shutdown: what is not delivered is read again later
  // Reading once is a job that either did all of its work or says it did not.
  std::uint64_t read_errors = 0;
  for (const auto& input : *inputs) read_errors += input->read_errors();
  std::uint64_t dead_lettered = 0;
  for (const auto& sink : sinks.sinks()) dead_lettered += sink->counters().dead_lettered;
  if (read_errors > 0 || sinks.undelivered() > 0 || dead_lettered > 0) {
    spdlog::error(
        "{} source(s) could not be read, {} batch(es) not delivered, {} event(s) dead-lettered",
        read_errors, sinks.undelivered(), dead_lettered);
    return 1;
  }
  return 0;
}

}  // namespace horolog
