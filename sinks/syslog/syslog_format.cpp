// Header fields follow RFC 5424 section 6 (printable ASCII without spaces, bounded lengths, `-`
// when absent) so that a strict receiver parses every message; the JSON event keeps all else.
#include "sinks/syslog/syslog_format.h"

#include <simdjson.h>

#include <array>
#include <chrono>
#include <cstdio>

#include "normalizer/rfc3339_format.h"

namespace horolog {

namespace {

// RFC 5424's TIME-SECFRAC has at most 6 digits; the JSON event keeps the source's full precision.
constexpr unsigned kMaxHeaderDigits = 6;
constexpr std::size_t kMaxHostName = 255;
constexpr std::size_t kMaxAppName = 48;
constexpr std::size_t kMaxTag = 32;  // RFC 3164's TAG

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int pri_of(const Event& event) {
  const int facility =
      event.facility >= 0 && event.facility <= 23 ? event.facility : kDefaultFacility;
  const int severity =
      event.severity >= 0 && event.severity <= 7 ? event.severity : kDefaultSeverity;
  return facility * 8 + severity;
}

// A header field: printable ASCII other than space (others become `_`), at most `max` bytes,
// `-` when empty.
void append_field(std::string& out, std::string_view value, std::size_t max) {
  if (value.empty()) {
    out += '-';
    return;
  }
  for (char c : value.substr(0, max)) {
    out += c > ' ' && c < 127 ? c : '_';
  }
}

void append_pri(std::string& out, const Event& event) {
  out += '<';
  out += std::to_string(pri_of(event));
  out += '>';
}

std::string_view text_at(simdjson::ondemand::document& doc, const char* pointer, std::string& raw) {
  simdjson::ondemand::value value;
  if (doc.at_pointer(pointer).get(value) != simdjson::SUCCESS) return {};
  std::string_view view;
  simdjson::ondemand::json_type type;
  if (value.type().get(type) != simdjson::SUCCESS) return {};
  if (type == simdjson::ondemand::json_type::string) {
    if (value.get(view) != simdjson::SUCCESS) return {};
    return view;
  }
  raw = std::string(value.raw_json_token());
  while (!raw.empty() && raw.back() == ' ') raw.pop_back();
  return raw;
}

}  // namespace

SyslogTimeEvidence time_evidence_of(std::string_view ndjson_line) {
  SyslogTimeEvidence evidence;
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(ndjson_line);
  std::string raw;
  {
    simdjson::ondemand::document doc;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return evidence;
    evidence.corrected = std::string(text_at(doc, "/horolog/time/corrected", raw));
  }
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return evidence;
  evidence.offset_ms = std::string(text_at(doc, "/host/clock/offset_ms", raw));
  return evidence;
}

void append_sd_escaped(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '"' || c == '\\' || c == ']') out += '\\';
    out += c;
  }
}

std::string_view cut_utf8(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back off continuation bytes (10xxxxxx) to the start of the character cut in two.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

void SyslogFormatter::rfc5424_header(const Event& event, std::string& out) const {
  append_pri(out, event);
  out += "1 ";
  append_rfc3339_utc(out, event.timestamp,
                     std::min<unsigned>(event.precision_digits, kMaxHeaderDigits));
  out += ' ';
  append_field(out, event.host, kMaxHostName);
  out += ' ';
  append_field(out, event.app, kMaxAppName);
  out += ' ';
  if (event.pid >= 0) {
    out += std::to_string(event.pid);
  } else {
    out += '-';
  }
  out += " - ";  // MSGID
}

void SyslogFormatter::rfc3164_header(const Event& event, std::string& out) const {
  append_pri(out, event);
  const auto day = std::chrono::floor<std::chrono::days>(event.timestamp);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(std::chrono::floor<std::chrono::seconds>(event.timestamp - day));
  char stamp[32];
  const int n = std::snprintf(
      stamp, sizeof stamp, "%s %2u %02d:%02d:%02d ",
      kMonths[static_cast<unsigned>(ymd.month()) - 1].data(), static_cast<unsigned>(ymd.day()),
      static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
      static_cast<int>(hms.seconds().count()));
  out.append(stamp, static_cast<std::size_t>(n));
  append_field(out, event.host, kMaxHostName);
  out += ' ';
  append_field(out, event.app, kMaxTag);
  if (event.pid >= 0) {
    out += '[';
    out += std::to_string(event.pid);
    out += ']';
  }
  out += ": ";
}

void SyslogFormatter::structured_data(const Event& event, std::string_view line, bool truncated,
                                      std::string& out) const {
  const bool original = message_ == SyslogMessage::original;
  if (!original && !truncated) {
    out += '-';
    return;
  }
  out += '[';
  out += kSyslogSdId;
  if (original) {
    const SyslogTimeEvidence evidence = time_evidence_of(line);
    auto param = [&out](std::string_view name, std::string_view value) {
      if (value.empty()) return;
      out += ' ';
      out += name;
      out += "=\"";
      append_sd_escaped(out, value);
      out += '"';
    };
    param("corrected", evidence.corrected);
    param("offset_ms", evidence.offset_ms);
    param("original", event.time_original);
  }
  if (truncated) out += " truncated=\"true\"";
  out += ']';
}

bool SyslogFormatter::format(const Event& event, std::string_view line, std::string& out) {
  out.clear();
  std::string_view msg = message_ == SyslogMessage::original ? event.message : line;
  switch (payload_) {
    case SyslogPayload::ndjson: break;
    case SyslogPayload::rfc3164: rfc3164_header(event, out); break;
    case SyslogPayload::cee:
      rfc3164_header(event, out);
      out += "@cee: ";
      break;
    case SyslogPayload::rfc5424:
      rfc5424_header(event, out);
      header_ = out;
      structured_data(event, line, false, out);
      out += ' ';
      break;
  }
  if (out.size() + msg.size() <= limit_) {
    out += msg;
    return false;
  }
  if (payload_ == SyslogPayload::rfc5424) {
    out = header_;
    structured_data(event, line, true, out);
    out += ' ';
  }
  // A header longer than the limit (a 255-byte host name at the smallest limit) keeps its own
  // size: cutting into it would leave no message a receiver can parse.
  const std::size_t room = out.size() < limit_ ? limit_ - out.size() : 0;
  out += cut_utf8(msg, room);
  return true;
}

}  // namespace horolog
