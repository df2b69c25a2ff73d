// The header is recognised by its place and shape (the first row, whose date column is no
// date), not by its words, so exports from any UI language read the same.
#include "parsers/winevent/csv_event_reader.h"

#include <charconv>

#include "parsers/parser.h"
#include "parsers/winevent/csv_date_time.h"
#include "parsers/winevent/csv_row_splitter.h"
#include "parsers/winevent/windows_clock_rules.h"

namespace horolog::winevent {
namespace {

constexpr std::size_t kLevel = 0, kDate = 1, kSource = 2, kEventId = 3, kTask = 4, kMessage = 5;
// Rows looked at to settle a date order that the first dates leave open.
constexpr int kDetectRows = 10'000;

std::string_view field_text(const CsvField& field, StringArena& arena) {
  if (!field.doubled_quotes) return field.text;
  char* out = arena.allocate(field.text.size());
  return {out, unescape_csv_field(field, out)};
}

void add_text(Event& event, std::string_view key, std::string_view text) {
  if (!text.empty()) event.add(key, FieldValue::string(text));
}

}  // namespace

CsvEventReader::CsvEventReader(std::string_view input, DateOrder date_order,
                               std::uint64_t resume_position) noexcept
    : input_(input), order_(date_order) {
  body_ = input.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  position_ = resume_position < input.size() ? resume_position : input.size();
  if (position_ < body_) position_ = body_;
}

void CsvEventReader::detect_order(std::size_t from) noexcept {
  order_ = DateOrder::dmy;
  CsvRow row;
  for (int i = 0; i < kDetectRows && next_csv_row(input_, from, row); ++i, from = row.next) {
    if (row.count <= kDate) continue;
    const CsvDateShape shape = csv_date_shape(row.fields[kDate].text);
    if (!shape.valid || shape.year_first) continue;
    if (shape.dotted || shape.first > 12) return;
    if (shape.twelve_hour || shape.second > 12) {
      order_ = DateOrder::mdy;
      return;
    }
  }
}

bool CsvEventReader::next(Event& event, ParseContext& ctx) noexcept {
  CsvRow row;
  const bool first_row = position_ <= body_;
  if (!next_csv_row(input_, position_, row)) {
    position_ = input_.size();
    return false;
  }
  CivilTime civil;
  if (first_row && row.count > kTask && !row.unterminated &&
      !csv_date_shape(row.fields[kDate].text).valid) {
    // The header row.
    position_ = row.next;
    if (!next_csv_row(input_, position_, row)) {
      position_ = input_.size();
      return false;
    }
  }
  position_ = row.next;
  event.dataset = "winevent.csv";
  event.offset = row.begin;
  if (row.unterminated || row.count <= kTask) {
    mark_unparsed(input_.substr(row.begin, row.end - row.begin), "malformed_csv", event);
    event.dataset = "winevent.csv";
    ctx.time.resolve_missing(event);
    event.host = ctx.host;
    return true;
  }
  if (order_ == DateOrder::auto_detect) detect_order(row.begin);
  ctx.time.set_record_order(RecordOrder::newest_first);
  const std::string_view date = row.fields[kDate].text;
  if (parse_csv_date_time(date, order_, civil) && ctx.time.resolve(civil, event)) {
    event.time_original = date;
    event.add("horolog.time.source", FieldValue::string("Date and Time"));
  } else {
    ctx.time.resolve_missing(event);
  }
  const std::string_view event_id = row.fields[kEventId].text;
  if (std::uint64_t id = 0;
      std::from_chars(event_id.data(), event_id.data() + event_id.size(), id).ptr ==
          event_id.data() + event_id.size() &&
      !event_id.empty()) {
    event.add("winlog.event_id", FieldValue::uint64(id));
  }
  add_text(event, "event.code", event_id);
  add_text(event, "winlog.provider_name", field_text(row.fields[kSource], ctx.arena));
  add_text(event, "winlog.rendering_info.Level", field_text(row.fields[kLevel], ctx.arena));
  add_text(event, "winlog.rendering_info.Task", field_text(row.fields[kTask], ctx.arena));
  if (row.count > kMessage) event.message = field_text(row.fields[kMessage], ctx.arena);
  event.host = ctx.host;
  apply_windows_clock_rules(event, ctx.arena);
  return true;
}

}  // namespace horolog::winevent
