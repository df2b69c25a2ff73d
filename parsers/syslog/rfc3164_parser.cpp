// RFC 3164 header parsing: PRI, the two stamp shapes, the optional host, the tag, macOS
// repetition notes.
#include "parsers/syslog/rfc3164_parser.h"

#include "normalizer/timestamp_formats.h"
#include "parsers/ntp/clock_events.h"
#include "parsers/syslog/syslog_header.h"

namespace horolog {
namespace {

constexpr std::string_view kRepeated = "--- last message repeated ";

// macOS and old syslogd collapse duplicates into `--- last message repeated N time(s) ---`.
void note_repetition(Event& event) {
  if (!event.message.starts_with(kRepeated)) return;
  std::string_view count = event.message.substr(kRepeated.size());
  std::int64_t n = 0;
  std::size_t i = 0;
  for (; i < count.size() && i < 18 && count[i] >= '0' && count[i] <= '9'; ++i) {
    n = n * 10 + (count[i] - '0');
  }
  if (i > 0) event.add("log.syslog.repeated", FieldValue::int64(n));
}

}  // namespace

bool parse_bsd_syslog(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  std::string_view rest = record;
  if (!rest.empty() && rest.front() == '<') {
    const std::size_t pri = syslog::parse_pri(rest, event);
    if (pri == 0) return false;
    rest.remove_prefix(pri);
  }
  CivilTime civil;
  std::string_view dataset = kDatasetRfc3164;
  std::size_t stamp = parse_rfc3164_time(rest, civil);
  if (stamp == 0) {
    civil = CivilTime{};
    stamp = parse_rfc3339(rest, civil);
    dataset = kDatasetHighPrecision;
  }
  if (stamp == 0 || (stamp < rest.size() && rest[stamp] != ' ')) return false;
  event.time_original = rest.substr(0, stamp);
  event.stamped_by_host_clock = true;  // the sender's clock wrote it
  if (!ctx.time.resolve(civil, event)) return false;

  rest = syslog::skip_spaces(rest.substr(stamp));
  const std::string_view token = syslog::first_token(rest);
  if (token == "---" || syslog::looks_like_tag(token)) {
    event.host = ctx.host;
  } else {
    event.host = token;
    rest = syslog::skip_spaces(rest.substr(token.size()));
  }
  const syslog::BsdContent content = syslog::split_bsd_content(rest);
  event.app = content.app;
  event.pid = content.pid;
  event.message = content.message;
  event.dataset = dataset;
  note_repetition(event);
  if (ntp::is_time_daemon(event.app)) ntp::tag_clock_event(event.message, event);
  return true;
}

ParseStatus Rfc3164Parser::parse(std::string_view record, ParseContext& ctx,
                                 Event& event) noexcept {
  if (parse_bsd_syslog(record, ctx, event)) {
    continuation_.remember(event);
    return ParseStatus::ok;
  }
  discard_parse(event);
  if (continuation_.apply(record, ctx, event)) return ParseStatus::ok;
  mark_unparsed(record, "not an RFC 3164 syslog line", event);
  event.host = ctx.host;
  return ParseStatus::error;
}

}  // namespace horolog
