// Turns one event into one syslog message (RFC 5424, RFC 3164, CEE or the plain NDJSON line),
// cut at a UTF-8 boundary when longer than the sink's limit: what goes on the wire, not how.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "normalizer/event.h"
#include "sinks/syslog/syslog_sink_options.h"

namespace horolog {

// The private enterprise number of horolog's structured-data element (`horolog@32473`, the
// number RFC 5612 sets aside for documentation and examples).
inline constexpr std::string_view kSyslogSdId = "horolog@32473";

// Defaults when an event has no facility or severity: user.notice, as logger(1) and syslog(3).
inline constexpr int kDefaultFacility = 1;
inline constexpr int kDefaultSeverity = 5;

// The time evidence of an event, as its NDJSON line states it (empty when the line has none).
struct SyslogTimeEvidence {
  std::string corrected;  // horolog.time.corrected
  std::string offset_ms;  // host.clock.offset_ms, as written in the line
};

// Reads the evidence from an NDJSON line (only `message: original` needs it).
SyslogTimeEvidence time_evidence_of(std::string_view ndjson_line);

class SyslogFormatter {
 public:
  SyslogFormatter(SyslogPayload payload, SyslogMessage message, std::size_t limit)
      : payload_(payload), message_(message), limit_(limit) {}

  // Writes the message of `event` into `out` (replacing it); `line` is its NDJSON line without
  // the newline. Returns true when the message had to be cut to the limit.
  bool format(const Event& event, std::string_view line, std::string& out);

 private:
  void rfc5424_header(const Event& event, std::string& out) const;
  void rfc3164_header(const Event& event, std::string& out) const;
  // The structured data of `message: original` (and `truncated` when cut), or `-`.
  void structured_data(const Event& event, std::string_view line, bool truncated,
                       std::string& out) const;

  SyslogPayload payload_;
  SyslogMessage message_;
  std::size_t limit_;
  std::string header_;
};

// Appends `value` as an RFC 5424 PARAM-VALUE: `"`, `\` and `]` get a backslash.
void append_sd_escaped(std::string& out, std::string_view value);

// The longest prefix of `text` of at most `max_bytes` that ends on a UTF-8 character boundary.
std::string_view cut_utf8(std::string_view text, std::size_t max_bytes) noexcept;

}  // namespace horolog
