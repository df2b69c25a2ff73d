// JSON lines: one On Demand pass over the top-level object; no DOM, no per-record allocation
// once the padded buffer and the arena have grown.
#include "parsers/json/json_lines_parser.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace horolog {
namespace {

constexpr std::string_view kPrefix = "json.";
namespace od = simdjson::ondemand;

std::string_view prefixed_key(std::string_view key, StringArena& arena) {
  char* out = arena.allocate(kPrefix.size() + key.size());
  std::memcpy(out, kPrefix.data(), kPrefix.size());
  std::memcpy(out + kPrefix.size(), key.data(), key.size());
  return {out, kPrefix.size() + key.size()};
}

// Seconds since the epoch as a UTC civil time, so one resolver path handles every source.
bool epoch_to_civil(std::int64_t seconds, std::uint32_t nanos, std::uint8_t digits,
                    CivilTime& civil) {
  if (seconds < 0 || seconds >= 253402300800) return false;  // up to 9999-12-31
  using namespace std::chrono;
  const sys_seconds t{std::chrono::seconds{seconds}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  civil.year = static_cast<int>(ymd.year());
  civil.has_year = true;
  civil.month = static_cast<unsigned>(ymd.month());
  civil.day = static_cast<unsigned>(ymd.day());
  civil.hour = static_cast<unsigned>(hms.hours().count());
  civil.minute = static_cast<unsigned>(hms.minutes().count());
  civil.second = static_cast<unsigned>(hms.seconds().count());
  civil.nanos = nanos;
  civil.digits = digits;
  civil.has_offset = true;
  civil.offset_seconds = 0;
  return true;
}

// Integers are seconds, or milliseconds when too large to be seconds (exact either way).
bool integer_epoch(std::int64_t value, CivilTime& civil) {
  if (value > 100'000'000'000) {
    return epoch_to_civil(value / 1000, static_cast<std::uint32_t>(value % 1000) * 1'000'000, 3,
                          civil);
  }
  return epoch_to_civil(value, 0, 0, civil);
}

// Fractional seconds carry a double's precision: kept to the microsecond.
bool float_epoch(double value, CivilTime& civil) {
  if (!(value >= 0 && value < 253402300800.0)) return false;
  const auto micros = static_cast<std::int64_t>(std::llround(value * 1e6));
  return epoch_to_civil(micros / 1'000'000, static_cast<std::uint32_t>(micros % 1'000'000) * 1000,
                        6, civil);
}

}  // namespace

Result<std::unique_ptr<Parser>> JsonLinesParser::create(const ParserOptions& options) {
  Result<TimeFormatList> time_formats = TimeFormatList::compile(options.time_format);
  if (!time_formats) return fail(time_formats.error());
  return std::unique_ptr<Parser>(new JsonLinesParser(options, std::move(*time_formats)));
}

JsonLinesParser::JsonLinesParser(const ParserOptions& options, TimeFormatList time_formats)
    : time_key_(options.time_key),
      message_key_(options.message_key),
      time_formats_(std::move(time_formats)) {}

bool JsonLinesParser::is_time_key(std::string_view key) const noexcept {
  if (!time_key_.empty()) return key == time_key_;
  return key == "@timestamp" || key == "time" || key == "timestamp";
}

bool JsonLinesParser::is_message_key(std::string_view key) const noexcept {
  if (!message_key_.empty()) return key == message_key_;
  return key == "message" || key == "msg";
}

std::string_view JsonLinesParser::in_record(std::string_view view) const noexcept {
  return record_.substr(static_cast<std::size_t>(view.data() - padded_.data()), view.size());
}

// On Demand skips an unread object or array by counting brackets, without checking that they
// match or what lies between; the text is shipped as JSON, so the DOM parser checks it whole.
// `text` views into padded_, which has simdjson's padding after every value in it.
bool JsonLinesParser::is_valid_json(std::string_view text) noexcept {
  simdjson::dom::element ignored;
  return nested_.parse(text.data(), text.size(), /*realloc_if_needed=*/false).get(ignored) ==
         simdjson::SUCCESS;
}

bool JsonLinesParser::read_value(od::value& value, od::json_type type, StringArena& arena,
                                 FieldValue& out) noexcept {
  std::string_view text;
  switch (type) {
    case od::json_type::string:
      if (value.get_string().get(text)) return false;
      out = FieldValue::string(arena.copy(text));  // the parser's unescape buffer is reused
      return true;
    case od::json_type::number: {
      od::number number;
      text = value.raw_json_token();
      if (value.get_number().get(number)) return false;
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
      if (number.is_int64())
        out = FieldValue::int64(number.get_int64());
      else if (number.is_uint64())
        out = FieldValue::uint64(number.get_uint64());
      else
        out = FieldValue::float64(number.as_double());
      out.text = in_record(text);  // kept for time_original when it is the time
      return true;
    }
    case od::json_type::boolean: {
      bool b = false;
      if (value.get_bool().get(b)) return false;
      out = FieldValue::boolean(b);
      return true;
    }
    case od::json_type::null: {
      bool is_null = false;
      if (value.is_null().get(is_null) || !is_null) return false;
      out = FieldValue::json("null");
      return true;
    }
    case od::json_type::object: {
      od::object nested;
      if (value.get_object().get(nested) || nested.raw_json().get(text)) return false;
      if (!is_valid_json(text)) return false;
      out = FieldValue::json(in_record(text));
      return true;
    }
    case od::json_type::array: {
      od::array nested;
      if (value.get_array().get(nested) || nested.raw_json().get(text)) return false;
      if (!is_valid_json(text)) return false;
      out = FieldValue::json(in_record(text));
      return true;
    }
  }
  return false;
}

bool JsonLinesParser::resolve_time(const FieldValue& value, ParseContext& ctx,
                                   Event& event) noexcept {
  CivilTime civil;
  bool matched = false;
  switch (value.kind) {
    case FieldValue::Kind::string:
      matched = time_formats_.parse_or_rfc3339(value.text, civil);
      break;
    case FieldValue::Kind::int64: matched = integer_epoch(value.i64, civil); break;
    case FieldValue::Kind::uint64:
      matched =
          value.u64 <= INT64_MAX && integer_epoch(static_cast<std::int64_t>(value.u64), civil);
      break;
    case FieldValue::Kind::float64: matched = float_epoch(value.f64, civil); break;
    case FieldValue::Kind::boolean:
    case FieldValue::Kind::json: break;
  }
  if (!matched) return false;
  if (!ctx.time.resolve(civil, event)) return false;
  event.time_original = value.text;
  return true;
}

ParseStatus JsonLinesParser::parse(std::string_view record, ParseContext& ctx,
                                   Event& event) noexcept {
  record_ = record;
  padded_.assign(record);
  padded_.append(simdjson::SIMDJSON_PADDING, '\0');
  event.dataset = kDatasetJson;
  event.host = ctx.host;

  bool have_time = false;
  bool have_message = false;
  od::document doc;
  od::object object;
  bool malformed = json_.iterate(padded_.data(), record.size(), padded_.size()).get(doc) ||
                   doc.get_object().get(object);
  if (!malformed) {
    for (auto member : object) {
      od::field field;
      std::string_view key;
      od::json_type type{};
      FieldValue value;
      malformed = std::move(member).get(field) || field.unescaped_key().get(key) ||
                  field.value().type().get(type) ||
                  !read_value(field.value(), type, ctx.arena, value);
      if (malformed) break;
      if (!have_time && is_time_key(key) && resolve_time(value, ctx, event)) {
        have_time = true;
      } else if (!have_message && value.kind == FieldValue::Kind::string && is_message_key(key)) {
        event.message = value.text;
        have_message = true;
      } else {
        event.add(prefixed_key(key, ctx.arena), value);
      }
    }
  }
  if (malformed) {
    mark_unparsed(record, "not a well-formed JSON object", event);
    event.host = ctx.host;
    return ParseStatus::error;
  }
  if (!have_message) event.message = record;
  if (!have_time) {
    event.timestamp = event.created;
    event.time_flags.set(TimeFlag::no_timestamp);
    return ParseStatus::partial;
  }
  return ParseStatus::ok;
}

}  // namespace horolog
