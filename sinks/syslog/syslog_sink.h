// The syslog sink: one message per event to a receiver over TCP, TLS, RELP or UDP, failing over
// along the configured addresses. write() sends the batch and returns once it counts as delivered
// (RELP: every message acknowledged; TCP and TLS: written and the kernel's send queue drained;
// UDP: sent), reconnecting with backoff meanwhile: a receiver away holds the writer, and so the
// files, back.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sinks/sink.h"
#include "sinks/syslog/relp_session.h"
#include "sinks/syslog/syslog_address.h"
#include "sinks/syslog/syslog_backoff.h"
#include "sinks/syslog/syslog_connection.h"
#include "sinks/syslog/syslog_format.h"
#include "sinks/syslog/syslog_sink_options.h"
#include "sinks/syslog/syslog_tls.h"

namespace horolog {

// Syslog-specific counters, beside the common ones.
struct SyslogCounters {
  std::atomic<std::uint64_t> reconnects{0};  // connections opened after the first
  std::atomic<std::uint64_t> failovers{0};   // connections opened to a later address because
                                             // the earlier ones failed
  std::atomic<std::uint64_t> truncated{0};   // messages cut to max_message_size
  std::atomic<std::uint64_t> resent{0};      // messages sent again on a new connection
};

class SyslogSink final : public Sink {
 public:
  // invalid_config for an address that is not `host:port` or TLS files that do not load.
  // `env.stopping` (may be null): once true, a batch waiting for a receiver is acknowledged
  // `retry` (read again after a restart).
  static Result<std::unique_ptr<SyslogSink>> create(const SinkConfig& config,
                                                    const SyslogSinkOptions& options,
                                                    const SinkEnvironment& env);
  ~SyslogSink() override;
  SyslogSink(const SyslogSink&) = delete;
  SyslogSink& operator=(const SyslogSink&) = delete;

  void write(const EncodedBatch& batch) override;
  // write() returns only once its batch is answered: nothing is left to flush.
  void flush() override {}
  void flush_due() override {}
  const SinkCounters& counters() const noexcept override { return counters_; }
  std::string counter_details() const override;
  const SyslogCounters& syslog_counters() const noexcept { return syslog_; }

 private:
  SyslogSink(std::string name, SyslogSinkOptions options, std::vector<SyslogAddress> addresses,
             std::optional<SyslogTls> tls, const SinkEnvironment& env);

  // Connects to the next receiver that answers, waiting the backoff between rounds; false when
  // stopping.
  bool connect();
  // Sends the messages of one batch on the open connection: Ok once delivered.
  Result<void> send_stream();
  Result<void> send_relp();
  Result<void> send_datagrams();
  // TCP and TLS: waits until the kernel holds no unacknowledged bytes (the receiver's TCP has
  // them all), or the connection breaks, or ack_timeout passes.
  Result<void> wait_drained();
  void broken(const Error& error);
  bool stopping() const noexcept { return stopping_ != nullptr && stopping_->load(); }
  // Waits `delay` in small steps; false when stopping meanwhile.
  bool sleep(SyslogBackoff::Duration delay) const;

  std::string name_;
  SyslogSinkOptions options_;
  std::vector<SyslogAddress> addresses_;
  std::optional<SyslogTls> tls_;
  AckCallback ack_;
  const std::atomic<bool>* stopping_;
  SinkCounters counters_;
  SyslogCounters syslog_;

  std::mutex mutex_;  // one batch at a time (the engine writes from one thread; a guard anyway)
  SyslogFormatter formatter_;
  SyslogBackoff backoff_;
  SyslogConnection connection_;
  RelpSession relp_{connection_};
  std::size_t current_ = 0;  // index in addresses_ of the open (or last tried) connection
  bool ever_connected_ = false;
  std::string last_error_;
  std::vector<std::string> messages_;  // the batch's messages (RELP, UDP)
  std::vector<bool> acked_;            // RELP: which of them the receiver acknowledged
  std::string frames_;                 // the batch framed for TCP and TLS
  std::uint64_t wire_bytes_ = 0;       // of the batch being written
};

}  // namespace horolog
