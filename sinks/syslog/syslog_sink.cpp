// SyslogSink: formats a batch, sends it on the current connection and, when the connection
// breaks, connects again (the first address that answers, after a backoff) and sends what was
// not confirmed. Nothing is dropped for a missing receiver; UDP alone cannot tell.
#include "sinks/syslog/syslog_sink.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "sinks/syslog/syslog_framing.h"

namespace horolog {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStopCheck = std::chrono::milliseconds(50);
constexpr auto kCloseWait = std::chrono::seconds(1);
constexpr auto kDrainPollFirst = std::chrono::microseconds(50);
constexpr auto kDrainPollLongest = std::chrono::milliseconds(5);

std::string_view transport_name(SyslogTransport transport) {
  switch (transport) {
    case SyslogTransport::tcp: return "tcp";
    case SyslogTransport::tls: return "tls";
    case SyslogTransport::relp: return "relp";
    case SyslogTransport::udp: return "udp";
  }
  return "";
}

}  // namespace

Result<std::unique_ptr<SyslogSink>> SyslogSink::create(const SinkConfig& config,
                                                       const SyslogSinkOptions& options,
                                                       const SinkEnvironment& env) {
  const std::string context = "syslog sink " + config.name;
  std::vector<SyslogAddress> addresses;
  for (const std::string& text : options.address) {
    Result<SyslogAddress> address = parse_syslog_address(text);
    if (!address) return fail(address.error().within(context));
    addresses.push_back(std::move(*address));
  }
  std::optional<SyslogTls> tls;
  if (options.transport == SyslogTransport::tls || options.tls) {
    Result<SyslogTls> made =
        SyslogTls::create(options.ca_file, options.cert_file, options.key_file);
    if (!made) return fail(made.error().within(context));
    tls = std::move(*made);
  }
  return std::unique_ptr<SyslogSink>(
      new SyslogSink(config.name, options, std::move(addresses), std::move(tls), env));
}

SyslogSink::SyslogSink(std::string name, SyslogSinkOptions options,
                       std::vector<SyslogAddress> addresses, std::optional<SyslogTls> tls,
                       const SinkEnvironment& env)
    : name_(std::move(name)),
      options_(std::move(options)),
      addresses_(std::move(addresses)),
      tls_(std::move(tls)),
      ack_(env.ack),
      stopping_(env.stopping),
      formatter_(options_.payload, options_.message, options_.message_limit()),
      backoff_(options_.reconnect_min, options_.reconnect_max,
               static_cast<std::uint64_t>(Clock::now().time_since_epoch().count()) ^
                   static_cast<std::uint64_t>(::getpid())) {}

SyslogSink::~SyslogSink() {
  if (connection_.is_open() && options_.transport == SyslogTransport::relp) relp_.close(kCloseWait);
  spdlog::info(
      "syslog sink {}: {} event(s) sent over {}, {} reconnect(s), {} failover(s), {} resent, {} "
      "truncated",
      name_, counters_.events.load(), transport_name(options_.transport), syslog_.reconnects.load(),
      syslog_.failovers.load(), syslog_.resent.load(), syslog_.truncated.load());
}

std::string SyslogSink::counter_details() const {
  return ", " + std::to_string(syslog_.reconnects) + " reconnect(s), " +
         std::to_string(syslog_.failovers) + " failover(s), " + std::to_string(syslog_.truncated) +
         " truncated";
}

bool SyslogSink::sleep(SyslogBackoff::Duration delay) const {
  const auto until = Clock::now() + delay;
  while (Clock::now() < until) {
    if (stopping()) return false;
    std::this_thread::sleep_for(std::min<Clock::duration>(kStopCheck, until - Clock::now()));
  }
  return !stopping();
}

bool SyslogSink::connect() {
  const bool datagram = options_.transport == SyslogTransport::udp;
  for (;;) {
    // Each round starts at the first address: the receivers are listed in order of preference.
    for (std::size_t i = 0; i < addresses_.size(); ++i) {
      if (stopping()) return false;
      const SyslogAddress& address = addresses_[i];
      Result<void> opened =
          connection_.open(address, datagram, tls_ ? &*tls_ : nullptr, options_.server_name,
                           options_.connect_timeout, options_.ack_timeout);
      if (opened && options_.transport == SyslogTransport::relp) {
        opened = relp_.open(options_.ack_timeout);
        if (!opened) connection_.close();
      }
      if (opened) {
        if (ever_connected_) ++syslog_.reconnects;
        if (i > 0) ++syslog_.failovers;
        if (!last_error_.empty()) {
          spdlog::info("syslog sink {}: connected to {}{}", name_, address.text,
                       i > 0 ? " (failover: the addresses before it failed)" : "");
        }
        ever_connected_ = true;
        current_ = i;
        last_error_.clear();
        return true;
      }
      ++counters_.errors;
      if (opened.error().message() != last_error_) {
        last_error_ = opened.error().message();
        spdlog::warn("syslog sink {}: cannot connect: {}; retrying", name_, last_error_);
      }
    }
    if (!sleep(backoff_.next())) return false;
  }
}

void SyslogSink::broken(const Error& error) {
  ++counters_.errors;
  connection_.close();
  last_error_ = error.message();
  spdlog::warn("syslog sink {}: connection to {} broken: {}; sending again after reconnecting",
               name_, addresses_[current_].text, last_error_);
}

Result<void> SyslogSink::wait_drained() {
  const auto deadline = Clock::now() + options_.ack_timeout;
  auto pause = std::chrono::duration_cast<Clock::duration>(kDrainPollFirst);
  for (;;) {
    if (connection_.broken()) return fail(ErrorCode::io, "the receiver closed the connection");
    if (connection_.unacknowledged_bytes() == 0) return {};
    if (Clock::now() >= deadline) {
      return fail(ErrorCode::io, "the receiver took nothing within ack_timeout");
    }
    if (stopping()) return fail(ErrorCode::io, "stopping");
    std::this_thread::sleep_for(pause);
    pause = std::min<Clock::duration>(pause * 2, kDrainPollLongest);
  }
}

Result<void> SyslogSink::send_stream() {
  if (Result<void> sent = connection_.send_all(frames_); !sent) return sent;
  return wait_drained();
}

Result<void> SyslogSink::send_relp() {
  return relp_.send(messages_, acked_, options_.relp_window, options_.ack_timeout);
}

Result<void> SyslogSink::send_datagrams() {
  for (const std::string& message : messages_) {
    // Lossy by choice (transport: udp): an ICMP refusal of an earlier datagram surfaces here and
    // is counted, and the message goes on to the next one.
    if (!connection_.send_datagram(message)) ++counters_.errors;
  }
  return {};
}

void SyslogSink::write(const EncodedBatch& batch) {
  std::lock_guard lock(mutex_);
  const std::size_t n = batch.events->size;
  const bool stream =
      options_.transport == SyslogTransport::tcp || options_.transport == SyslogTransport::tls;
  messages_.resize(n);
  frames_.clear();
  wire_bytes_ = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view line = batch.line(i);
    if (line.ends_with('\n')) line.remove_suffix(1);
    if (formatter_.format(batch.events->events[i], line, messages_[i])) ++syslog_.truncated;
    wire_bytes_ += messages_[i].size();
    if (stream) append_frame(options_.framing, messages_[i], frames_);
  }
  acked_.assign(n, false);
  bool first_try = true;
  for (;;) {
    if (!connection_.is_open() && !connect()) {
      if (ack_) ack_(batch.ticket, Delivery::retry);  // stopping: read again after a restart
      return;
    }
    if (!first_try) {
      std::uint64_t again = 0;
      for (bool done : acked_) again += done ? 0 : 1;
      syslog_.resent += again;
    }
    first_try = false;
    Result<void> sent = stream                                        ? send_stream()
                        : options_.transport == SyslogTransport::relp ? send_relp()
                                                                      : send_datagrams();
    if (sent) break;
    broken(sent.error());
  }
  backoff_.reset();
  counters_.events += n;
  counters_.bytes += wire_bytes_;
  ++counters_.batches_delivered;
  if (ack_) ack_(batch.ticket, Delivery::delivered);
}

}  // namespace horolog
