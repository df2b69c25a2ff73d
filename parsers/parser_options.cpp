// The format options' checks, made by the factories the parsers are built with, so that a
// config is refused for exactly what would stop its parsers.
#include "parsers/parser_options.h"

#include "normalizer/strptime_format.h"
#include "parsers/regex/regex_parser.h"

namespace horolog {

std::string ParserOptions::pattern_problem() const {
  if (pattern.empty()) return {};
  ParserOptions pattern_only;  // so that the time formats are judged on their own
  pattern_only.pattern = pattern;
  const Result<std::unique_ptr<Parser>> parser = RegexParser::create(pattern_only);
  return parser ? std::string() : parser.error().message();
}

std::string ParserOptions::time_format_problem() const {
  const Result<TimeFormatList> formats = TimeFormatList::compile(time_format);
  return formats ? std::string() : formats.error().message();
}

}  // namespace horolog
