// Format `regex`: a user pattern (RE2) whose named groups become the event. The groups
// `message`, `host`, `app` and `pid` fill those members, the group named by time_key (default
// `time`) the timestamp; every other group becomes a field under its own name.
// Buffer lifetime: the Event views into the record.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/strptime_format.h"
#include "parsers/parser.h"
#include "parsers/parser_options.h"

namespace re2 {
class RE2;
}

namespace horolog {

inline constexpr std::string_view kDatasetRegex = "regex";

class RegexParser final : public Parser {
 public:
  // Compiles once; invalid_config when the pattern is missing or does not compile, or a
  // time_format is unusable.
  static Result<std::unique_ptr<Parser>> create(const ParserOptions& options);
  ~RegexParser() override;
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

 private:
  RegexParser(std::unique_ptr<re2::RE2> re, TimeFormatList time_formats,
              const std::string& time_key);

  enum class Role : unsigned char { field, time, message, host, app, pid };
  struct Group {
    std::string name;
    Role role = Role::field;
  };

  std::unique_ptr<re2::RE2> re_;
  std::vector<Group> groups_;  // index = capture group number - 1
  TimeFormatList time_formats_;
  bool has_time_group_ = false;
};

}  // namespace horolog
