// RFC 5424 syslog: PRI, VERSION, TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID, STRUCTURED-DATA
// and MSG (a UTF-8 BOM before it is dropped), NILVALUEs honoured.
// Buffer lifetime: the Event views into the record; structured-data keys, unescaped values and
// the inherited host/app of continuation lines live in ctx.arena.
#pragma once

#include <string_view>

#include "parsers/parser.h"
#include "parsers/syslog/continuation.h"

namespace horolog {

inline constexpr std::string_view kDatasetRfc5424 = "syslog.rfc5424";

// One parser per source (continuation state: a raw newline inside a message makes headerless
// lines, see continuation.h).
class Rfc5424Parser final : public Parser {
 public:
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

 private:
  syslog::ContinuationMemory continuation_;
};

// Whether `record` starts like RFC 5424 (`<PRI>1 `), the cheap test the `syslog` format uses.
bool looks_like_rfc5424(std::string_view record) noexcept;

// Parses one header line without continuation handling; false when it is not RFC 5424.
bool parse_rfc5424(std::string_view record, ParseContext& ctx, Event& event) noexcept;

}  // namespace horolog
