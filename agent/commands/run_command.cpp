// `horolog run`: load the config, build sinks and inputs, run every input on its own thread,
// stop on SIGTERM/SIGINT (or at the end of the data with --once), flush, print a summary.
#include "agent/commands/run_command.h"

#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "agent/config/agent_config.h"
#include "agent/commands/check_config_command.h"
#include "agent/engine/checkpoint_store.h"
#include "agent/engine/clock_anomaly.h"
#include "agent/config/host_name.h"
#include "agent/inputs/file/file_input.h"
#include "agent/commands/logging.h"
#include "agent/engine/sink_set.h"
#include "normalizer/clock/clock_setup.h"
#include "sinks/file_sink.h"
#include "sinks/kafka/kafka_sink.h"
#include "sinks/stdout_sink.h"

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

// Builds each configured sink; file sinks are remembered for the summary.
void build_sinks(const AgentConfig& config, SinkSet& sinks, std::vector<const FileSink*>& files,
                 bool& uses_stdout) {
  for (const SinkConfig& sink : config.sinks) {
    if (const auto* file = std::get_if<FileSinkOptions>(&sink.settings)) {
      auto built = std::make_unique<FileSink>(*file, sinks.ack_callback(), &g_stop);
      files.push_back(built.get());
      sinks.add(sink.name, std::move(built));
    } else if (std::holds_alternative<StdoutSinkOptions>(sink.settings)) {
      sinks.add(sink.name, std::make_unique<StdoutSink>(sinks.ack_callback()));
      uses_stdout = true;
    } else if (const auto* kafka = std::get_if<KafkaSinkOptions>(&sink.settings)) {
      sinks.add(sink.name,
                std::make_unique<KafkaSink>(sink.name, *kafka, sinks.ack_callback(), &g_stop));
    }
  }
}

}  // namespace

int run_command(const RunCommandOptions& options) {
  auto loaded = load_config_file(options.config);
  if (!loaded) {
    print_config_errors(options.config, loaded.error(), std::cerr);
    return 2;
  }
  const AgentConfig& config = *loaded;
  configure_logging(options.log_level.empty() ? level_name(config.log_level) : options.log_level);
  install_signal_handlers();
  const auto started = std::chrono::steady_clock::now();

  const std::string host = resolve_host_name(config.host_name);
  auto clock_options = make_monitor_options(config.clock);
  if (!clock_options) {
    spdlog::error("clock: {}", clock_options.error());
    return 2;
  }
  // Declared in dependency order: each part is destroyed before what it uses.
  SinkSet sinks;
  std::vector<const FileSink*> file_sinks;
  bool uses_stdout = false;
  RunStats stats;
  ClockAnomalies anomalies(sinks, stats, host);
  ClockMonitor clock(std::move(*clock_options),
                     [&anomalies](const ClockStep& step) { anomalies.report(step); });
  clock.start();
  CheckpointStore checkpoints(config.data_dir);
  if (checkpoints.loaded_corrupt()) spdlog::error("{}", checkpoints.problem());
  std::vector<std::unique_ptr<FileInput>> inputs;
  try {
    build_sinks(config, sinks, file_sinks, uses_stdout);
    for (const InputConfig& input : config.inputs) {
      const auto* file_options = std::get_if<FileInputOptions>(&input.settings);
      if (file_options == nullptr) continue;
      InputEnvironment env{Zone::locate(input.timezone.empty() ? config.timezone : input.timezone),
                           input.host.empty() ? host : input.host, &checkpoints};
      env.clock = &clock;
      inputs.push_back(
          std::make_unique<FileInput>(input, *file_options, std::move(env), sinks, stats));
    }
  } catch (const std::exception& e) {
    spdlog::error("cannot start: {}", e.what());
    return 1;
  }
  spdlog::info("horolog {} started: {} input(s), {} sink(s){}", HOROLOG_VERSION, inputs.size(),
               sinks.sinks().size(), options.once ? ", reading once" : "");

  std::vector<std::thread> threads;
  for (auto& input : inputs) {
    threads.emplace_back([&input, &options] { input->run(options.once, g_stop); });
  }
  if (!options.once) {
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
          spdlog::info("{}: {} events, {} parse errors, {} truncated, {} bytes from {} files",
                       format, s.events, s.parse_errors, s.truncated, s.bytes, s.files);
        }
        last_report = now;
      }
    }
    spdlog::info("stopping: draining batches in flight");
  }
  for (auto& thread : threads) thread.join();
  clock.stop();
  anomalies.flush();
  sinks.flush();
  checkpoints.save();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<std::string> outputs;
  for (const FileSink* sink : file_sinks) {
    outputs.insert(outputs.end(), sink->paths_written().begin(), sink->paths_written().end());
  }
  std::ostream& report = uses_stdout ? std::cerr : std::cout;
  stats.print(report, outputs, seconds);
  for (const auto& input : inputs) {
    const FileInputCounters& c = input->counters();
    report << "input   " << input->name() << ": " << c.files_opened << " file(s), " << c.rotations
           << " rotation(s), " << c.truncations << " truncation(s), " << c.inode_reuses
           << " inode reuse(s), " << c.read_errors << " read error(s)\n";
  }
  for (std::size_t i = 0; i < sinks.sinks().size(); ++i) {
    const SinkCounters& c = sinks.sinks()[i]->counters();
    report << "sink    " << sinks.names()[i] << ": " << c.events << " event(s), " << c.bytes
           << " byte(s), " << c.batches_delivered << " batch(es) delivered, " << c.errors
           << " write error(s) retried\n";
  }
  spdlog::info("horolog stopped");
  return 0;
}

}  // namespace horolog
