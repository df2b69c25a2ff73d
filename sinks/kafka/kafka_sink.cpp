// KafkaSink: producing, delivery reports, the retry queue and the permanent-error policies. Held
// events are in kafka_sink_held.cpp, the replacement of a failed producer in
// kafka_sink_renewal.cpp.
#include "sinks/kafka/kafka_sink.h"

#include <spdlog/spdlog.h>

#include <cstring>

#include "sinks/kafka/kafka_error_class.h"

namespace horolog {

namespace {

constexpr auto kQueueFullWait = std::chrono::milliseconds(5);
constexpr auto kTransientResendDelay = std::chrono::milliseconds(100);
constexpr auto kErrorLogPeriod = std::chrono::seconds(10);

std::string_view policy_text(PermanentErrorPolicy policy, bool one_shot) {
  switch (policy) {
    case PermanentErrorPolicy::hold:
      return one_shot ? "the event is not delivered (fix the cause and run again, or configure "
                        "on_permanent_error: dead_letter)"
                      : "holding the event: its batch stays unacknowledged until it is delivered "
                        "(fix the cause, then send SIGHUP to produce it again)";
    case PermanentErrorPolicy::retry: return "producing it again periodically";
    case PermanentErrorPolicy::dead_letter: return "writing it to the dead-letter file";
  }
  return "";
}

}  // namespace

Result<std::unique_ptr<KafkaSink>> KafkaSink::create(const SinkConfig& config,
                                                     const KafkaSinkOptions& options,
                                                     const SinkEnvironment& env) {
  Result<KafkaTopic> topic = KafkaTopic::parse(options.topic);
  if (!topic) return fail(topic.error().within("kafka sink " + config.name + ": topic"));
  std::unique_ptr<KafkaSink> sink(new KafkaSink(config.name, options, std::move(*topic), env));
  if (Result<void> started = sink->start(); !started) {
    return fail(started.error().within("kafka sink " + config.name));
  }
  return sink;
}

KafkaSink::KafkaSink(std::string name, KafkaSinkOptions options, KafkaTopic topic,
                     const SinkEnvironment& env)
    : name_(std::move(name)),
      options_(std::move(options)),
      topic_(std::move(topic)),
      key_(options_.key),
      stopping_(env.stopping),
      one_shot_(env.one_shot),
      tracker_(env.ack, counters_.batches_delivered),
      last_reminder_(Clock::now()) {
  for (const std::string& header : options_.headers) {
    header_format_ |= header == "format";
    header_host_ |= header == "host";
    header_input_ |= header == "input";
  }
  if (options_.on_permanent_error == PermanentErrorPolicy::dead_letter) {
    dead_letter_ = std::make_unique<DeadLetterFile>(options_.dead_letter);
  }
}

KafkaProducer::Callbacks KafkaSink::callbacks() noexcept {
  return {this, &KafkaSink::on_delivery, &KafkaSink::on_error, &KafkaSink::on_log};
}

Result<void> KafkaSink::start() {
  if (Result<void> opened = producer_.open(options_, callbacks()); !opened) {
    return fail(opened.error());
  }
  poller_ = std::thread([this] { poll_loop(); });
  return {};
}

KafkaSink::~KafkaSink() {
  if (!poller_.joinable()) return;  // never started: nothing was accepted
  drain(/*bounded=*/true);
  quit_ = true;
  poller_.join();
  // Whatever is still queued was acknowledged `retry` by drain(): drop it and serve the
  // resulting reports so librdkafka holds no batch address when the tracker goes away.
  producer_.close();
  spdlog::info(
      "kafka sink {}: {} produced, {} delivered, {} retried, {} failed, {} dead-lettered, {} "
      "producer(s) rebuilt",
      name_, kafka_.produced.load(), kafka_.delivered.load(), kafka_.retried.load(),
      kafka_.failed.load(), counters_.dead_lettered.load(), kafka_.rebuilt.load());
}

rd_kafka_resp_err_t KafkaSink::produce(rd_kafka_topic_t* topic, const char* topic_name,
                                       std::string_view key, bool has_key, std::string_view value,
                                       const EncodedBatch* source, std::size_t index,
                                       rd_kafka_headers_t* headers, Batch* batch) {
  rd_kafka_vu_t vu[8];
  std::size_t n = 0;
  if (topic != nullptr) {
    vu[n].vtype = RD_KAFKA_VTYPE_RKT;
    vu[n++].u.rkt = topic;
  } else {
    vu[n].vtype = RD_KAFKA_VTYPE_TOPIC;
    vu[n++].u.cstr = topic_name;
  }
  vu[n].vtype = RD_KAFKA_VTYPE_VALUE;
  vu[n].u.mem.ptr = const_cast<char*>(value.data());  // copied (RD_KAFKA_MSG_F_COPY)
  vu[n++].u.mem.size = value.size();
  vu[n].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
  vu[n++].u.i = RD_KAFKA_MSG_F_COPY;
  vu[n].vtype = RD_KAFKA_VTYPE_OPAQUE;
  vu[n++].u.ptr = batch;
  if (has_key) {
    vu[n].vtype = RD_KAFKA_VTYPE_KEY;
    vu[n].u.mem.ptr = const_cast<char*>(key.data());
    vu[n++].u.mem.size = key.size();
  }
  // Headers are always handed over as a list of ours (VTYPE_HEADERS), never one by one
  // (VTYPE_HEADER): when produceva() fails after building the message (a topic in error), it
  // frees a list it built itself twice (librdkafka issue 4627), while one of ours stays ours.
  rd_kafka_headers_t* built = nullptr;
  if (headers == nullptr && source != nullptr &&
      (header_format_ || header_host_ || header_input_)) {
    const Event& event = source->events->events[index];
    built = rd_kafka_headers_new(3);
    auto header = [&](const char* name, std::string_view text) {
      rd_kafka_header_add(built, name, -1, text.data(), static_cast<ssize_t>(text.size()));
    };
    if (header_format_) header("format", source->format);
    if (header_host_) header("host", event.host);
    if (header_input_) header("input", event.input_name);
    headers = built;
  }
  if (headers != nullptr) {
    vu[n].vtype = RD_KAFKA_VTYPE_HEADERS;
    vu[n++].u.headers = headers;
  }
  rd_kafka_error_t* error = rd_kafka_produceva(producer_.get(), vu, n);
  if (error == nullptr) return RD_KAFKA_RESP_ERR_NO_ERROR;  // librdkafka owns `headers` now
  if (built != nullptr) rd_kafka_headers_destroy(built);
  const rd_kafka_resp_err_t code = rd_kafka_error_code(error);
  rd_kafka_error_destroy(error);
  return code;
}

void KafkaSink::write(const EncodedBatch& batch) {
  const std::size_t n = batch.events->size;
  Batch* tracked = tracker_.begin(batch.ticket, n);
  std::shared_lock producer(producer_mutex_, std::defer_lock);
  auto give_up = [&](std::size_t produced) {
    // Stopping while the producer could take nothing: the rest is read again after a restart.
    tracker_.settle(tracked, KafkaBatchTracker::Outcome::abandoned, n - produced);
    counters_.events += produced;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!producer.owns_lock() || renewing_) {
      if (producer.owns_lock()) producer.unlock();  // let the replacement in
      if (!acquire_producer(producer)) return give_up(i);
    }
    const Event& event = batch.events->events[i];
    topic_.render(event, batch.format, topic_scratch_);
    rd_kafka_topic_t* topic = producer_.topic(topic_scratch_);
    const std::string_view key = key_.render(event, key_scratch_);
    std::string_view line = batch.line(i);
    if (line.ends_with('\n')) line.remove_suffix(1);
    rd_kafka_resp_err_t err;
    while ((err = produce(topic, topic_scratch_.c_str(), key, !key.empty(), line, &batch, i,
                          nullptr, tracked)) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      // Backpressure: the queue drains as reports come in; nothing is dropped.
      ++kafka_.queue_full_waits;
      if (stopping()) return give_up(i);
      producer.unlock();
      {
        std::unique_lock lock(room_mutex_);
        ++waiting_for_room_;
        room_.wait_for(lock, kQueueFullWait);
        --waiting_for_room_;
      }
      if (!acquire_producer(producer)) return give_up(i);
      topic = producer_.topic(topic_scratch_);  // the producer may be a new one
    }
    counters_.bytes += line.size();
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      ++kafka_.produced;
      continue;
    }
    // The producer failed for good: this message is produced again by the next one, and the
    // rest of the batch waits for it.
    if (err == RD_KAFKA_RESP_ERR__FATAL) renewing_ = true;
    // Refused before it was queued (e.g. larger than message.max.bytes): same handling as a
    // failed delivery, with the headers built here.
    rd_kafka_headers_t* headers = rd_kafka_headers_new(3);
    auto add = [headers](const char* name, std::string_view text) {
      rd_kafka_header_add(headers, name, -1, text.data(), static_cast<ssize_t>(text.size()));
    };
    if (header_format_) add("format", batch.format);
    if (header_host_) add("host", event.host);
    if (header_input_) add("input", event.input_name);
    handle_failure({err, topic_scratch_, key.empty() ? nullptr : key.data(), key.size(), line,
                    headers, tracked});
    rd_kafka_headers_destroy(headers);
  }
  counters_.events += n;
}

void KafkaSink::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  static_cast<KafkaSink*>(opaque)->handle_report(*message);
}

void KafkaSink::handle_report(const rd_kafka_message_t& message) {
  auto* batch = static_cast<Batch*>(message._private);
  if (message.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++kafka_.delivered;
    tracker_.settle(batch, KafkaBatchTracker::Outcome::delivered);
    if (waiting_for_room_ > 0) room_.notify_all();
    return;
  }
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(&message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) headers = nullptr;
  const std::string_view topic = message.rkt != nullptr ? rd_kafka_topic_name(message.rkt) : "";
  handle_failure({message.err, topic, message.key, message.key_len,
                  std::string_view(static_cast<const char*>(message.payload), message.len), headers,
                  batch});
}

void KafkaSink::handle_failure(const Failure& failure) {
  ++counters_.errors;
  if (quit_) {
    // Purged at destruction: the batch was acknowledged `retry` already.
    tracker_.settle(failure.batch, KafkaBatchTracker::Outcome::abandoned);
    return;
  }
  if (classify_kafka_error(failure.err) == KafkaErrorClass::transient) {
    // librdkafka gave up (message.timeout.ms expired, a fatal producer error, a purge when the
    // producer is replaced): produce again.
    schedule_resend(failure, kTransientResendDelay, /*refused=*/false);
    return;
  }
  ++kafka_.failed;
  const char* reason = rd_kafka_err2str(failure.err);
  const PermanentErrorPolicy policy = options_.on_permanent_error;
  auto outcome = KafkaBatchTracker::Outcome::refused;
  {
    std::lock_guard lock(mutex_);
    if (reported_.emplace(static_cast<int>(failure.err), std::string(failure.topic)).second) {
      spdlog::error("kafka sink {}: topic {} refused an event for good: {} ({}); {}", name_,
                    failure.topic, reason, rd_kafka_err2name(failure.err),
                    policy_text(policy, one_shot_));
    }
    last_refusal_ = reason;
    if (policy == PermanentErrorPolicy::dead_letter) {
      std::size_t written = 0;
      // Synced whatever the sink's settings: the checkpoint moves past the event at once.
      const int rc =
          dead_letter_->append(rd_kafka_err2name(failure.err), reason,
                               {"kafka", "topic", failure.topic}, failure.value, true, written);
      if (rc == 0) {
        ++counters_.dead_lettered;  // the run's summary and exit status count it
        outcome = KafkaBatchTracker::Outcome::delivered;
      } else {
        spdlog::error("kafka sink {}: cannot write dead-letter file {}: {}; holding the event",
                      name_, dead_letter_->path(), std::strerror(rc));
      }
    }
    // Held until reopen() when someone can fix the cause and send SIGHUP; under the lock, so
    // that reject_held() at shutdown cannot miss it.
    if (outcome == KafkaBatchTracker::Outcome::refused && policy != PermanentErrorPolicy::retry &&
        !one_shot_ && !rejecting_held_) {
      held_messages_.push_back(copy_of(failure));
      held_ = held_messages_.size();
      tracker_.hold(failure.batch);
      return;
    }
  }
  if (policy == PermanentErrorPolicy::retry) {
    schedule_resend(failure, options_.permanent_retry_interval, /*refused=*/true);
    return;
  }
  tracker_.settle(failure.batch, outcome);
}

KafkaSink::Resend KafkaSink::copy_of(const Failure& failure) {
  Resend copy;
  copy.topic = failure.topic;
  copy.has_key = failure.key != nullptr;
  if (copy.has_key) copy.key.assign(static_cast<const char*>(failure.key), failure.key_size);
  copy.value = failure.value;
  if (failure.headers != nullptr) copy.headers.reset(rd_kafka_headers_copy(failure.headers));
  copy.batch = failure.batch;
  return copy;
}

void KafkaSink::schedule_resend(const Failure& failure, Clock::duration delay, bool refused) {
  ++kafka_.retried;
  Resend resend = copy_of(failure);
  resend.due = Clock::now() + delay;
  resend.refused = refused;
  std::lock_guard lock(mutex_);
  resends_.push_back(std::move(resend));
}

void KafkaSink::resend_due() {
  std::vector<Resend> due;
  const auto now = Clock::now();
  {
    std::lock_guard lock(mutex_);
    for (auto it = resends_.begin(); it != resends_.end();) {
      if (it->due <= now) {
        due.push_back(std::move(*it));
        it = resends_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (Resend& resend : due) {
    const rd_kafka_resp_err_t err =
        produce(nullptr, resend.topic.c_str(), resend.key, resend.has_key, resend.value, nullptr, 0,
                resend.headers.get(), resend.batch);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      (void)resend.headers.release();  // librdkafka owns them now
      continue;
    }
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      resend.due = now + kQueueFullWait;
      std::lock_guard lock(mutex_);
      resends_.push_back(std::move(resend));
      continue;
    }
    if (err == RD_KAFKA_RESP_ERR__FATAL) renewing_ = true;
    handle_failure({err, resend.topic, resend.has_key ? resend.key.data() : nullptr,
                    resend.key.size(), resend.value, resend.headers.get(), resend.batch});
  }
}

void KafkaSink::poll_loop() {
  while (!quit_) {
    if (producer_.is_open()) {
      rd_kafka_poll(producer_.get(), kPollMs);
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));  // the next build is due
    }
    if (renewing_ || producer_.fatal_error() != RD_KAFKA_RESP_ERR_NO_ERROR) {
      renew_producer();
      continue;
    }
    produce_released();
    resend_due();
    remind_held();
  }
}

void KafkaSink::on_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
  auto* self = static_cast<KafkaSink*>(opaque);
  // The poll thread finds a fatal error itself, replaces the producer and says so.
  if (err == RD_KAFKA_RESP_ERR__FATAL) return;
  // Broker connection errors repeat on every reconnect attempt: log each kind every 10 s.
  const auto now = Clock::now();
  std::lock_guard lock(self->mutex_);
  if (err == self->last_error_ && now - self->last_error_log_ < kErrorLogPeriod) return;
  self->last_error_ = err;
  self->last_error_log_ = now;
  spdlog::warn("kafka sink {}: {} ({}); retrying", self->name_, reason,
               rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err)));
}

void KafkaSink::on_log(const rd_kafka_t*, int level, const char* facility, const char* text) {
  // Syslog levels; what matters to an operator arrives through on_error already, and a fatal
  // error is reported when the producer is replaced.
  if (level <= 2 && std::strcmp(facility, "FATAL") != 0) {
    spdlog::error("librdkafka {}: {}", facility, text);
  } else {
    spdlog::debug("librdkafka {}: {}", facility, text);
  }
}

void KafkaSink::drain(bool bounded) {
  if (tracker_.in_flight() == 0) return;
  {
    std::shared_lock producer(producer_mutex_);
    // Send lingering messages now instead of after linger.ms.
    if (!renewing_) rd_kafka_flush(producer_.get(), 0);
  }
  auto give_up = Clock::time_point::max();
  for (;;) {
    if ((bounded || stopping()) && give_up == Clock::time_point::max()) {
      reject_held();  // nobody will send SIGHUP any more
      give_up =
          Clock::now() + std::chrono::duration_cast<Clock::duration>(options_.shutdown_timeout);
    }
    if (tracker_.wait_idle(std::min(Clock::now() + std::chrono::milliseconds(100), give_up)))
      return;
    if (Clock::now() >= give_up) break;
  }
  const std::size_t abandoned = tracker_.abandon_waiting();
  if (abandoned > 0) {
    spdlog::warn(
        "kafka sink {}: {} batch(es) still unconfirmed after {} ms; they will be read "
        "again after a restart",
        name_, abandoned,
        std::chrono::duration_cast<std::chrono::milliseconds>(options_.shutdown_timeout).count());
  }
}

void KafkaSink::flush() { drain(/*bounded=*/false); }

}  // namespace horolog
