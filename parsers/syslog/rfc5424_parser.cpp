// RFC 5424 section 6 header fields in order; each NILVALUE `-` leaves its field absent.
#include "parsers/syslog/rfc5424_parser.h"

#include "normalizer/timestamp_formats.h"
#include "parsers/ntp/clock_events.h"
#include "parsers/syslog/structured_data.h"
#include "parsers/syslog/syslog_header.h"

namespace horolog {
namespace {

constexpr std::string_view kNil = "-";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Takes the next space-terminated header field off `rest`; empty when there is none.
std::string_view take_field(std::string_view& rest) noexcept {
  const std::size_t space = rest.find(' ');
  if (space == 0 || space == std::string_view::npos) return {};
  const std::string_view field = rest.substr(0, space);
  rest.remove_prefix(space + 1);
  return field;
}

bool all_digits(std::string_view text) noexcept {
  if (text.empty() || text.size() > 18) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool looks_like_rfc5424(std::string_view record) noexcept {
  const std::size_t close = record.find('>');
  return !record.empty() && record.front() == '<' && close != std::string_view::npos &&
         close <= 4 && record.substr(close + 1).starts_with("1 ");
}

bool parse_rfc5424(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  const std::size_t pri = syslog::parse_pri(record, event);
  if (pri == 0) return false;
  std::string_view rest = record.substr(pri);
  if (!rest.starts_with("1 ")) return false;
  rest.remove_prefix(2);

  const std::string_view stamp = take_field(rest);
  const std::string_view host = take_field(rest);
  const std::string_view app = take_field(rest);
  const std::string_view procid = take_field(rest);
  const std::string_view msgid = take_field(rest);
  if (msgid.empty() || rest.empty()) return false;

  event.dataset = kDatasetRfc5424;
  event.stamped_by_host_clock = true;  // the sender's clock wrote it
  if (stamp == kNil) {
    event.timestamp = event.created;
    event.time_flags.set(TimeFlag::no_timestamp);
  } else {
    CivilTime civil;
    // RFC 5424 requires the offset; a stamp without one still resolves in the input's zone.
    if (parse_rfc3339(stamp, civil) != stamp.size()) return false;
    event.time_original = stamp;
    if (!ctx.time.resolve(civil, event)) return false;
  }
  event.host = host == kNil ? ctx.host : host;
  if (app != kNil) event.app = app;
  if (all_digits(procid)) {
    event.pid = 0;
    for (char c : procid) event.pid = event.pid * 10 + (c - '0');
  } else if (procid != kNil) {
    event.add("log.syslog.procid", FieldValue::string(procid));
  }
  if (msgid != kNil) event.add("log.syslog.msgid", FieldValue::string(msgid));

  if (rest.starts_with(kNil) && (rest.size() == 1 || rest[1] == ' ')) {
    rest.remove_prefix(1);
  } else {
    const std::size_t sd = syslog::parse_structured_data(rest, ctx.arena, event);
    if (sd == 0) return false;
    rest.remove_prefix(sd);
  }
  if (!rest.empty()) {
    if (rest.front() != ' ') return false;
    rest.remove_prefix(1);
  }
  if (rest.starts_with(kBom)) rest.remove_prefix(kBom.size());
  event.message = rest;
  if (ntp::is_time_daemon(event.app)) ntp::tag_clock_event(event.message, event);
  return true;
}

ParseStatus Rfc5424Parser::parse(std::string_view record, ParseContext& ctx,
                                 Event& event) noexcept {
  if (parse_rfc5424(record, ctx, event)) {
    continuation_.remember(event);
    return ParseStatus::ok;
  }
  discard_parse(event);
  if (continuation_.apply(record, ctx, event)) return ParseStatus::ok;
  mark_unparsed(record, "not an RFC 5424 syslog line", event);
  event.host = ctx.host;
  return ParseStatus::error;
}

}  // namespace horolog
