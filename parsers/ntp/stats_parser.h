// The NTP daemons' statistics files as events: the leading stamp becomes @timestamp (UTC by
// definition), every column a typed field named by its layout (stats_layouts.h).
// Buffer lifetime: the Event views into the record; keys are static text.
#pragma once

#include <string_view>

#include "parsers/ntp/stats_layouts.h"
#include "parsers/parser.h"

namespace horolog {

// chrony repeats a `=====` / column-name banner every `logbanner` lines: those records are not
// events and come back as ParseStatus::skipped (filled and flagged `log.banner`).
class NtpStatsParser final : public Parser {
 public:
  explicit NtpStatsParser(ntp::StatsKind kind) noexcept : layout_(ntp::stats_layout(kind)) {}
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

 private:
  const ntp::StatsLayout& layout_;
};

// Whether `record` is one of chrony's banner lines.
bool is_chrony_banner(std::string_view record) noexcept;

}  // namespace horolog
