// BSD syslog (RFC 3164) as written to files and sent on the wire, in its real variants, and the
// same header with an RFC 3339 stamp (rsyslog's high-precision file format).
// Buffer lifetime: the Event views into the record, except for continuation lines whose
// inherited host and app are copied into ctx.arena.
#pragma once

#include <string_view>

#include "parsers/parser.h"
#include "parsers/syslog/continuation.h"

namespace horolog {

inline constexpr std::string_view kDatasetRfc3164 = "syslog.rfc3164";
inline constexpr std::string_view kDatasetHighPrecision = "syslog.high_precision";

// Accepts `[<PRI>]TIMESTAMP [HOST ]CONTENT` where TIMESTAMP is `Mmm dd hh:mm:ss` (day padded
// with a space, a zero or not at all, optional year) or RFC 3339; HOST may be absent; CONTENT
// starts with an optional `tag[pid]:`. A line without a header that follows a header line is a
// continuation of it (see continuation.h). One parser per source: it keeps that state.
class Rfc3164Parser final : public Parser {
 public:
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

 private:
  syslog::ContinuationMemory continuation_;
};

// Parses the header line shape without continuation handling (also used by the `syslog`
// format, which keeps its own continuation state). False when `record` is not this shape.
bool parse_bsd_syslog(std::string_view record, ParseContext& ctx, Event& event) noexcept;

}  // namespace horolog
