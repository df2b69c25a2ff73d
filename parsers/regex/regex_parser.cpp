// RE2 matching into preallocated submatch slots; group roles decided once at construction.
#include "parsers/regex/regex_parser.h"

#include <re2/re2.h>

namespace horolog {
namespace {

// RE2 supports at most this many submatches on its fast path; more would not fit the stack array.
constexpr int kMaxGroups = 32;

}  // namespace

Result<std::unique_ptr<Parser>> RegexParser::create(const ParserOptions& options) {
  if (options.pattern.empty())
    return fail(ErrorCode::invalid_config, "format `regex` needs a pattern");
  RE2::Options re_options;
  re_options.set_log_errors(false);
  auto re = std::make_unique<re2::RE2>(options.pattern, re_options);
  if (!re->ok()) {
    return fail(ErrorCode::invalid_config, "pattern '" + options.pattern + "': " + re->error());
  }
  if (re->NumberOfCapturingGroups() > kMaxGroups) {
    return fail(ErrorCode::invalid_config, "pattern has more than 32 capturing groups");
  }
  Result<TimeFormatList> time_formats = TimeFormatList::compile(options.time_format);
  if (!time_formats) return fail(time_formats.error());
  return std::unique_ptr<Parser>(
      new RegexParser(std::move(re), std::move(*time_formats),
                      options.time_key.empty() ? "time" : options.time_key));
}

RegexParser::RegexParser(std::unique_ptr<re2::RE2> re, TimeFormatList time_formats,
                         const std::string& time_key)
    : re_(std::move(re)), time_formats_(std::move(time_formats)) {
  groups_.resize(static_cast<std::size_t>(re_->NumberOfCapturingGroups()));
  for (const auto& [name, index] : re_->NamedCapturingGroups()) {
    Group& group = groups_[static_cast<std::size_t>(index - 1)];
    group.name = name;
    if (name == time_key) {
      group.role = Role::time;
      has_time_group_ = true;
    } else if (name == "message") {
      group.role = Role::message;
    } else if (name == "host") {
      group.role = Role::host;
    } else if (name == "app") {
      group.role = Role::app;
    } else if (name == "pid") {
      group.role = Role::pid;
    }
  }
}

RegexParser::~RegexParser() = default;

ParseStatus RegexParser::parse(std::string_view record, ParseContext& ctx, Event& event) noexcept {
  re2::StringPiece slots[kMaxGroups + 1];
  const int count = static_cast<int>(groups_.size());
  if (!re_->Match(re2::StringPiece(record.data(), record.size()), 0, record.size(), RE2::UNANCHORED,
                  slots, count + 1)) {
    mark_unparsed(record, "record does not match the pattern", event);
    event.host = ctx.host;
    return ParseStatus::error;
  }
  event.dataset = kDatasetRegex;
  event.host = ctx.host;
  event.message = record;
  bool have_time = false;
  for (int i = 0; i < count; ++i) {
    const Group& group = groups_[static_cast<std::size_t>(i)];
    const re2::StringPiece& piece = slots[i + 1];
    if (piece.data() == nullptr || group.name.empty()) continue;  // unset or unnamed group
    const std::string_view text(piece.data(), piece.size());
    switch (group.role) {
      case Role::time: {
        CivilTime civil;
        if (time_formats_.parse_or_rfc3339(text, civil)) {
          event.time_original = text;
          have_time = ctx.time.resolve(civil, event);
        }
        break;
      }
      case Role::message: event.message = text; break;
      case Role::host:
        if (!text.empty()) event.host = text;
        break;
      case Role::app: event.app = text; break;
      case Role::pid: {
        std::int64_t pid = 0;
        bool digits = !text.empty() && text.size() <= 18;
        for (char c : text) {
          digits = digits && c >= '0' && c <= '9';
          pid = pid * 10 + (c - '0');
        }
        if (digits) event.pid = pid;
        break;
      }
      case Role::field: event.add(group.name, FieldValue::string(text)); break;
    }
  }
  if (!have_time) {
    event.timestamp = event.created;
    event.time_flags.set(TimeFlag::no_timestamp);
    if (has_time_group_) return ParseStatus::partial;
  }
  return ParseStatus::ok;
}

}  // namespace horolog
