// Walks each event's members once and keeps the few the report needs; horolog writes dotted names
// flat, but nested objects (as other tools rewrite them) are read the same way.
#include "agent/commands/report/ndjson_event_reader.h"

#include <array>
#include <chrono>

#include "normalizer/timestamp_formats.h"

namespace horolog::report {

namespace {

// Where each NTP statistics dataset keeps its offset, its spread and the peer it is about.
struct StatsColumns {
  std::string_view offset;
  std::string_view error;
  std::string_view peer;
};
constexpr std::array kStatsColumns = {
    StatsColumns{"ntp.loopstats.offset_s", "ntp.loopstats.jitter_s", ""},
    StatsColumns{"ntp.peerstats.offset_s", "ntp.peerstats.jitter_s", "ntp.peerstats.peer"},
    StatsColumns{"chrony.tracking.offset_s", "chrony.tracking.offset_sd_s", ""},
    StatsColumns{"chrony.statistics.est_offset_s", "chrony.statistics.offset_sd_s",
                 "chrony.statistics.source"},
    StatsColumns{"chrony.measurements.offset_s", "", "chrony.measurements.source"},
};

std::optional<double> number_of(simdjson::dom::element value) {
  double number = 0;
  if (value.get_double().get(number) != simdjson::SUCCESS) return std::nullopt;
  return number;
}

std::string_view text_of(simdjson::dom::element value) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return {};
  return text;
}

std::optional<bool> bool_of(simdjson::dom::element value) {
  bool flag = false;
  if (value.get_bool().get(flag) != simdjson::SUCCESS) return std::nullopt;
  return flag;
}

}  // namespace

NdjsonEventReader::NdjsonEventReader() : utc_(TimeResolverSettings{}) {}

bool NdjsonEventReader::looks_like_horolog(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(line.data(), line.size()).get(object) != simdjson::SUCCESS) return false;
  simdjson::dom::element unused;
  if (object["@timestamp"].get(unused) != simdjson::SUCCESS) return false;
  return object["horolog"].get(unused) == simdjson::SUCCESS ||
         object["event.dataset"].get(unused) == simdjson::SUCCESS ||
         object["horolog.input"].get(unused) == simdjson::SUCCESS ||
         object["event"].get(unused) == simdjson::SUCCESS;
}

bool NdjsonEventReader::read(std::string_view line, ReportEvent& event) {
  event = ReportEvent{};
  simdjson::dom::object object;
  if (parser_.parse(line.data(), line.size()).get(object) != simdjson::SUCCESS) return false;
  name_.clear();
  walk(object, event);
  return true;
}

void NdjsonEventReader::walk(simdjson::dom::object object, ReportEvent& event) {
  const std::size_t prefix = name_.size();
  for (const auto field : object) {
    name_.resize(prefix);
    if (prefix != 0) name_ += '.';
    name_ += field.key;
    simdjson::dom::object inner;
    if (field.value.get_object().get(inner) == simdjson::SUCCESS) {
      walk(inner, event);
    } else {
      take(name_, field.value, event);
    }
  }
  name_.resize(prefix);
}

void NdjsonEventReader::take(std::string_view name, simdjson::dom::element value,
                             ReportEvent& event) {
  if (name == "@timestamp") {
    event.time_s = seconds_of(text_of(value));
  } else if (name == "host.name") {
    event.host = text_of(value);
  } else if (name == "event.dataset") {
    event.dataset = text_of(value);
  } else if (name == "event.kind") {
    event.kind = text_of(value);
  } else if (name == "event.category") {
    event.category = text_of(value);
  } else if (name == "event.action") {
    event.action = text_of(value);
  } else if (name == "message") {
    event.message = text_of(value);
  } else if (name == "process.name") {
    event.process = text_of(value);
  } else if (name == "rule.name") {
    event.rule_name = text_of(value);
  } else if (name == "threat.technique.id") {
    event.technique_id = text_of(value);
  } else if (name == "horolog.clock.step_s") {
    event.step_s = number_of(value);
  } else if (name == "host.clock.offset_ms") {
    event.offset_ms = number_of(value);
  } else if (name == "host.clock.error_ms") {
    event.error_ms = number_of(value);
  } else if (name == "host.clock.measured_at") {
    event.measured_at = text_of(value);
    event.measured_at_s = seconds_of(event.measured_at);
  } else if (name == "host.clock.synchronized") {
    event.synchronized = bool_of(value);
  } else if (name == "host.clock.source") {
    event.clock_source = text_of(value);
  } else if (name == "horolog.time.corrected") {
    event.corrected_s = seconds_of(text_of(value));
  } else if (name == "horolog.clock.changed_by") {
    event.changed_by = text_of(value);
  } else if (name == "horolog.sender.clock.offset_ms") {
    event.sender_offset_ms = number_of(value);
  } else if (name == "horolog.sender.clock.samples") {
    const std::optional<double> samples = number_of(value);
    if (samples) event.sender_samples = static_cast<std::int64_t>(*samples);
  } else if (name == "source.ip") {
    event.source_ip = text_of(value);
  } else {
    for (const StatsColumns& columns : kStatsColumns) {
      if (name == columns.offset) event.ntp_offset_s = number_of(value);
      if (name == columns.error) event.ntp_error_s = number_of(value);
      if (name == columns.peer) event.ntp_peer = text_of(value);
    }
  }
}

std::optional<double> NdjsonEventReader::seconds_of(std::string_view rfc3339) {
  CivilTime civil;
  if (rfc3339.empty() || parse_rfc3339(rfc3339, civil) != rfc3339.size()) return std::nullopt;
  if (!utc_.resolve(civil, scratch_)) return std::nullopt;
  return std::chrono::duration<double>(scratch_.timestamp.time_since_epoch()).count();
}

}  // namespace horolog::report
