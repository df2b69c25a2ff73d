// Format `json`: one JSON object per line, read with simdjson On Demand. The time and message
// keys fill @timestamp and message; every other top-level member becomes a field `json.<key>`,
// objects and arrays kept as their JSON text.
// Buffer lifetime: numbers, objects and arrays view into the record; keys and decoded strings
// are copied into ctx.arena.
#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "normalizer/strptime_format.h"
#include "parsers/parser.h"
#include "parsers/parser_options.h"

namespace horolog {

inline constexpr std::string_view kDatasetJson = "json";

class JsonLinesParser final : public Parser {
 public:
  // time_key empty: `@timestamp`, `time` or `timestamp`; message_key empty: `message` or `msg`.
  // invalid_config for a bad time_format.
  static Result<std::unique_ptr<Parser>> create(const ParserOptions& options);
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

 private:
  JsonLinesParser(const ParserOptions& options, TimeFormatList time_formats);

  bool is_time_key(std::string_view key) const noexcept;
  bool is_message_key(std::string_view key) const noexcept;
  // Converts one member value; strings are copied to `arena`, JSON text views into the record.
  bool read_value(simdjson::ondemand::value& value, simdjson::ondemand::json_type type,
                  StringArena& arena, FieldValue& out) noexcept;
  // Whether a nested object or array, as On Demand skipped it, is well-formed JSON.
  bool is_valid_json(std::string_view text) noexcept;
  // A string matched by the time formats or an epoch number (s or ms) to @timestamp.
  bool resolve_time(const FieldValue& value, ParseContext& ctx, Event& event) noexcept;
  // A view into the padded copy, translated to the same bytes in the record.
  std::string_view in_record(std::string_view view) const noexcept;

  std::string time_key_;
  std::string message_key_;
  TimeFormatList time_formats_;
  simdjson::ondemand::parser json_;
  simdjson::dom::parser nested_;  // validates nested values; its buffers are reused
  std::string padded_;            // the record plus simdjson's padding; capacity reused
  std::string_view record_;
};

}  // namespace horolog
