// Format-specific options of an input (regex pattern, JSON keys, time formats, CSV date order),
// declared once for decoding and for the reference. Formats that need none ignore them.
#pragma once

#include <string>
#include <vector>

#include "config/option_types.h"
#include "parsers/winevent/date_order.h"

namespace horolog {

struct ParserOptions {
  std::string pattern;                   // regex: RE2 pattern with named groups
  std::string time_key;                  // regex/json: field holding the event time
  std::vector<std::string> time_format;  // strptime-style formats, tried in order
  std::string message_key;               // json: field holding the message
  winevent::DateOrder date_order = winevent::DateOrder::auto_detect;  // winevent-csv

  template <class V>
  void describe(V& v) {
    v("pattern", pattern, "format `regex`: RE2 pattern; named groups become fields");
    const std::string unusable_pattern = pattern_problem();
    v.check("pattern", unusable_pattern.empty(), unusable_pattern);
    v("time_key", time_key, "format `regex`/`json`: the field holding the event time");
    v("time_format", time_format,
      "strptime-style formats for time_key (%Y %m %d %H %M %S %f %z %Z %b ...), tried in order");
    const std::string unusable_time_format = time_format_problem();
    v.check("time_format", unusable_time_format.empty(), unusable_time_format);
    v("message_key", message_key, "format `json`: the field holding the message");
    v("date_order", date_order,
      config::Choices<winevent::DateOrder>{{{"auto", winevent::DateOrder::auto_detect},
                                            {"mdy", winevent::DateOrder::mdy},
                                            {"dmy", winevent::DateOrder::dmy}}},
      "Day and month order of `winevent-csv` dates (the exporting machine's regional format): "
      "`auto` reads `.` dates as day first and AM/PM dates as month first, else looks for a "
      "day above 12");
  }

  // Why the parsers would refuse `pattern` (RegexParser::create's reason), or "" when it compiles
  // or is empty (only format `regex` needs one: the input checks that, knowing its format).
  std::string pattern_problem() const;
  // Why the parsers would refuse `time_format` (TimeFormatList::compile's reason), or "".
  std::string time_format_problem() const;
};

}  // namespace horolog
