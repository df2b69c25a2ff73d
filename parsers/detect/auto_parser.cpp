// Sniffing and per-record fallback over the registry's parsers.
#include "parsers/detect/auto_parser.h"

#include "parsers/detect/format_detect.h"
#include "parsers/format_registry.h"
#include "parsers/ntp/stats_parser.h"
#include "parsers/syslog/continuation.h"

namespace horolog {

std::string_view AutoParser::chosen() const noexcept { return chosen_name_; }

Parser* AutoParser::parser_for(std::string_view name) noexcept {
  for (const Slot& slot : slots_) {
    if (slot.format->name == name) return slot.parser.get();
  }
  const FormatInfo* format = find_format(name);
  if (format == nullptr) return nullptr;
  Result<std::unique_ptr<Parser>> parser = format->make(options_);
  if (!parser) return nullptr;  // e.g. no regex pattern: that format cannot be guessed
  slots_.push_back({format, std::move(*parser)});
  return slots_.back().parser.get();
}

ParseStatus AutoParser::parse(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  std::string_view name;
  if (chosen_ != nullptr) {
    const ParseStatus status = chosen_->parse(record, ctx, event);
    // A line syslog took as the continuation of a multi-line message may be another format.
    const bool maybe_other = status == ParseStatus::error || syslog::is_continuation(event);
    if (!maybe_other) return status;
    name = detect_format(record);
    if (status != ParseStatus::error && (name.empty() || name == chosen_name_)) return status;
  } else {
    name = detect_format(record);
    if (name.empty() && is_chrony_banner(record)) {
      // A banner before any data line: not an event, whichever chrony log this is.
      NtpStatsParser banner(ntp::StatsKind::chrony_measurements);
      return banner.parse(record, ctx, event);
    }
  }
  Parser* parser = name.empty() ? nullptr : parser_for(name);
  if (parser == nullptr || parser == chosen_) {
    if (chosen_ == nullptr) {
      mark_unparsed(record, "format not recognised", event);
      event.host = ctx.host;
      return ParseStatus::error;
    }
    return ParseStatus::error;  // the chosen parser already filled the unparsed event
  }
  discard_parse(event);
  const ParseStatus status = parser->parse(record, ctx, event);
  if (chosen_ == nullptr && status != ParseStatus::error) {
    chosen_ = parser;
    chosen_name_ = name;
  }
  return status;
}

}  // namespace horolog
