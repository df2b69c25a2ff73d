// Copies Events out of a reader's arena so tests can compare them after the reader is gone.
#include "tests/winevent/winevent_test_support.h"

#include "normalizer/rfc3339_format.h"

namespace horolog::test {

std::optional<std::string> OwnedEvent::text(std::string_view key) const {
  for (const auto& [k, v] : text_fields) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> OwnedEvent::number(std::string_view key) const {
  for (const auto& [k, v] : number_fields) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::optional<double> OwnedEvent::real(std::string_view key) const {
  for (const auto& [k, v] : real_fields) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::string utc_text(SysNanos time, unsigned digits) {
  std::string out;
  append_rfc3339_utc(out, time, digits);
  return out;
}

std::vector<OwnedEvent> read_all(RecordReader& reader, StringArena& arena, TimeResolver* resolver) {
  TimeResolver utc_resolver{TimeResolverSettings{}};
  ParseContext ctx{resolver != nullptr ? *resolver : utc_resolver, arena, "collector"};
  std::vector<OwnedEvent> out;
  Event event;
  for (;;) {
    event.reset();
    if (!reader.next(event, ctx)) break;
    OwnedEvent owned;
    for (const Field& field : event.fields) {
      switch (field.value.kind) {
        case FieldValue::Kind::string:
        case FieldValue::Kind::json:
          owned.text_fields.emplace_back(field.key, field.value.text);
          break;
        case FieldValue::Kind::uint64:
          owned.number_fields.emplace_back(field.key, field.value.u64);
          break;
        case FieldValue::Kind::int64:
          owned.number_fields.emplace_back(field.key, static_cast<std::uint64_t>(field.value.i64));
          break;
        case FieldValue::Kind::boolean:
          owned.text_fields.emplace_back(field.key, field.value.b ? "true" : "false");
          break;
        case FieldValue::Kind::float64:
          owned.text_fields.emplace_back(field.key, std::to_string(field.value.f64));
          owned.real_fields.emplace_back(field.key, field.value.f64);
          break;
      }
    }
    owned.host = event.host;
    owned.message = event.message;
    owned.time_original = event.time_original;
    owned.event = event;
    owned.event.fields.clear();
    owned.event.host = owned.event.message = owned.event.time_original = {};
    out.push_back(std::move(owned));
  }
  return out;
}

}  // namespace horolog::test
