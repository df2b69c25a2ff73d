// The sink interface: encoded batches in, acknowledgements out. A batch counts as delivered only
// when the sink says so (file flushed per policy, Kafka delivery report): checkpoints follow acks.
#pragma once

#include <any>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/event.h"

namespace horolog {

// Outcome of a batch at a sink (tri-state, decided by the sink from the specific error).
enum class Delivery : std::uint8_t {
  delivered,  // durable per the sink's policy
  retry,      // transient failure; the sink keeps retrying (the batch is not lost)
  rejected,   // permanent failure for this batch; reported, routed per the sink's policy
};

std::string_view to_string(Delivery delivery) noexcept;

// One batch as every sink receives it: the events (for routing by time, input, host, format)
// and their NDJSON lines, one per event, in order.
struct EncodedBatch {
  std::uint64_t ticket = 0;  // identifies the batch in acknowledgements
  const EventBatch* events = nullptr;
  std::string_view format;               // format name of the batch's input
  std::string_view ndjson;               // all lines, each ending in '\n'
  std::vector<std::uint32_t> line_ends;  // end offset (after '\n') of each event's line

  std::string_view line(std::size_t i) const noexcept {
    const std::uint32_t begin = i == 0 ? 0 : line_ends[i - 1];
    return ndjson.substr(begin, line_ends[i] - begin);
  }
};

using AckCallback = std::function<void(std::uint64_t ticket, Delivery delivery)>;

// Counters every sink exposes in the same shape.
struct SinkCounters {
  std::atomic<std::uint64_t> events{0};
  std::atomic<std::uint64_t> bytes{0};
  std::atomic<std::uint64_t> batches_delivered{0};
  std::atomic<std::uint64_t> errors{0};
  // Events whose output failed for good, written to the sink's dead-letter file instead.
  std::atomic<std::uint64_t> dead_lettered{0};
};

// Keys every sink has; the type's own keys sit on the same YAML mapping, decoded into
// `settings` through the sink type registry (sink_types.h).
struct SinkConfig {
  std::string name;
  std::string type;
  std::any settings;  // the Options of the sink type named by `type`

  template <class V>
  void describe(V& v) {
    v("name", name, "Unique name of the sink");
    v.check("name", !name.empty(), "every sink needs a name");
    v("type", type, "Sink type (see the types below)");
    v.check("type", !type.empty(), "every sink needs a type");
  }
};

// What the engine lends every sink it builds.
struct SinkEnvironment {
  AckCallback ack;  // where acknowledgements go (SinkSet::ack_callback())
  // Set at shutdown: retries end, unwritten batches are acknowledged `retry`. May be null.
  const std::atomic<bool>* stopping = nullptr;
  // Set by an output to a pipe when its reader went away (stdout). May be null.
  std::atomic<bool>* output_closed = nullptr;
  // Where a sink keeps state of its own across restarts (the agent's data_dir).
  std::string state_dir = {};
  // The run reads once and ends (run --once, replay, bench): nobody will fix a cause and send
  // SIGHUP, so events a sink would hold (on_permanent_error: hold) are answered `rejected` at once.
  bool one_shot = false;
};

class Sink {
 public:
  virtual ~Sink() = default;
  // Accepts a batch. May block while the sink cannot take more (backpressure). The ack for the
  // ticket arrives through the callback, possibly later and from another thread.
  virtual void write(const EncodedBatch& batch) = 0;
  // Makes every accepted batch durable and acknowledged before returning (shutdown, --once).
  virtual void flush() = 0;
  // Called by the engine on its timer (every ~100 ms) for time-based policies. Sinks whose acks
  // arrive on their own (Kafka delivery reports) override it so the writers are not held up.
  virtual void flush_due() { flush(); }
  // SIGHUP: reopens output files (after an external rotation), and produces again what a sink
  // holds for an operator to fix (Kafka, on_permanent_error: hold). Default: nothing to do.
  virtual void reopen() {}
  virtual const SinkCounters& counters() const noexcept = 0;
  // The counters of the sink's own type for the run summary, as ", N what" pieces, or "".
  virtual std::string counter_details() const { return {}; }
  // The files this sink has written to, in the order first opened (for summaries).
  virtual std::vector<std::string> outputs() const { return {}; }
  // True for a sink that writes to standard output: the agent's own reports then go to stderr.
  virtual bool writes_to_stdout() const noexcept { return false; }
};

}  // namespace horolog
