// One forward pass over the members with simdjson On Demand; the dialect is known before the
// pass (from the member names in the raw text), because it decides what a member means:
// PowerShell's ProcessId is the event's own process, OTRF's is a field of its EventData.
#include "parsers/winevent/json_event_mapper.h"

#include <charconv>
#include <cstring>

#include "parsers/winevent/json_member_rules.h"

namespace horolog::winevent {
namespace {

namespace od = simdjson::ondemand;

// Deeper nesting than Winlogbeat's documents have is kept as JSON text.
constexpr int kMaxDepth = 8;

std::string_view concat(std::string_view a, std::string_view b, StringArena& arena) {
  char* out = arena.allocate(a.size() + b.size());
  std::memcpy(out, a.data(), a.size());
  std::memcpy(out + a.size(), b.data(), b.size());
  return {out, a.size() + b.size()};
}

bool parse_uint(std::string_view text, std::uint64_t& out) noexcept {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

std::string_view trim_token(std::string_view text) noexcept {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

class Members {
 public:
  // `padded` is the copy simdjson reads; views into it are translated back into `record`.
  Members(JsonDialect dialect, ParseContext& ctx, Event& event, std::string_view record,
          const char* padded, simdjson::dom::parser& validator)
      : dialect_(dialect),
        arena_(ctx.arena),
        event_(event),
        record_(record),
        padded_(padded),
        validator_(validator) {}

  // False when the JSON turned out malformed.
  bool flat(od::object& object) {
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
      od::value value = field.value();
      const JsonMemberRule* rule = find_json_member_rule(key, dialect_);
      if (rule == nullptr) {
        if (dialect_ != JsonDialect::powershell &&
            !add_value(concat("winlog.event_data.", key, arena_), value, 0)) {
          return false;
        }
        continue;
      }
      if (!flat_member(*rule, value)) return false;
    }
    return true;
  }

  bool winlogbeat(od::object& object) {
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
      od::value value = field.value();
      bool ok = true;
      if (key == "@timestamp") {
        ok = copy_string(value, times_.timestamp);
      } else if (key == "message") {
        ok = copy_string(value, event_.message);
      } else if (key == "winlog") {
        od::object nested;
        ok = !value.get_object().get(nested) && nested_members(nested, "winlog", 1);
      } else if (key == "event" || key == "log" || key == "host") {
        od::object nested;
        ok = !value.get_object().get(nested) && ecs_members(nested, key);
      }
      if (!ok) return false;
    }
    if (event_.host.empty()) event_.host = ecs_host_;
    return true;
  }

  const JsonTimeMembers& times() const noexcept { return times_; }

 private:
  bool flat_member(const JsonMemberRule& rule, od::value& value) {
    switch (rule.target) {
      case JsonTarget::event_id: return add_id(value, "winlog.event_id", true);
      case JsonTarget::record_id: return add_id(value, "winlog.record_id", false);
      case JsonTarget::provider_name: return add_value("winlog.provider_name", value, 0);
      case JsonTarget::provider_guid: return add_value("winlog.provider_guid", value, 0);
      case JsonTarget::channel: return add_value("winlog.channel", value, 0);
      case JsonTarget::computer: {
        std::string_view name;
        if (!copy_string(value, name)) return false;
        if (!name.empty()) {
          event_.add("winlog.computer_name", FieldValue::string(name));
          event_.host = name;
        }
        return true;
      }
      case JsonTarget::pid: return add_value("winlog.process.pid", value, 0);
      case JsonTarget::tid: return add_value("winlog.process.thread.id", value, 0);
      case JsonTarget::user: return add_user(value);
      case JsonTarget::keywords: return add_keywords(value);
      case JsonTarget::version: return add_value("winlog.version", value, 0);
      case JsonTarget::level: return add_value("winlog.level", value, 0);
      case JsonTarget::task: return add_value("winlog.task", value, 0);
      case JsonTarget::opcode: return add_value("winlog.opcode", value, 0);
      case JsonTarget::message: return copy_string(value, event_.message);
      case JsonTarget::activity_id: return add_value("winlog.activity_id", value, 0);
      case JsonTarget::related_activity_id:
        return add_value("winlog.related_activity_id", value, 0);
      case JsonTarget::properties: return add_properties(value);
      case JsonTarget::rendering: return add_value(rule.name, value, 0);
      case JsonTarget::time_created: return copy_string(value, times_.time_created);
      case JsonTarget::utc_time:
        // Sysmon's own field: a time candidate and event data, as in the EVTX.
        if (!copy_string(value, times_.utc_time)) return false;
        if (!times_.utc_time.empty()) {
          event_.add("winlog.event_data.UtcTime", FieldValue::string(times_.utc_time));
        }
        return true;
      case JsonTarget::event_time: return copy_string(value, times_.event_time);
      case JsonTarget::event_received_time: return copy_string(value, times_.event_received_time);
      case JsonTarget::time_generated: return copy_string(value, times_.time_generated);
      case JsonTarget::timestamp: return copy_string(value, times_.timestamp);
      case JsonTarget::dropped: return true;
    }
    return true;
  }

  // A string member (copied to the arena); null and non-strings leave `out` empty.
  bool copy_string(od::value& value, std::string_view& out) {
    od::json_type type{};
    if (value.type().get(type)) return false;
    if (type != od::json_type::string) return true;
    std::string_view text;
    if (value.get_string().get(text)) return false;
    out = arena_.copy(text);
    return true;
  }

  // Any value; null adds nothing, objects beyond `depth` limits and arrays stay JSON text.
  bool add_value(std::string_view key, od::value& value, int depth) {
    od::json_type type{};
    if (value.type().get(type)) return false;
    std::string_view text;
    switch (type) {
      case od::json_type::string:
        if (value.get_string().get(text)) return false;
        // Empty strings are left out, as the XML mapper leaves out empty elements.
        if (!text.empty()) event_.add(key, FieldValue::string(arena_.copy(text)));
        return true;
      case od::json_type::number: {
        od::number number;
        text = trim_token(value.raw_json_token());
        if (value.get_number().get(number)) return false;
        FieldValue out;
        if (number.is_int64()) {
          out = FieldValue::int64(number.get_int64());
        } else if (number.is_uint64()) {
          out = FieldValue::uint64(number.get_uint64());
        } else {
          out = FieldValue::float64(number.as_double());
        }
        out.text = in_record(text);
        event_.add(key, out);
        return true;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (value.get_bool().get(b)) return false;
        event_.add(key, FieldValue::boolean(b));
        return true;
      }
      case od::json_type::null: return true;
      case od::json_type::object: {
        od::object nested;
        if (value.get_object().get(nested)) return false;
        if (depth < kMaxDepth) return nested_members(nested, key, depth + 1);
        if (nested.raw_json().get(text) || !valid_json(text)) return false;
        event_.add(key, FieldValue::json(in_record(text)));
        return true;
      }
      case od::json_type::array: {
        od::array nested;
        if (value.get_array().get(nested) || nested.raw_json().get(text) || !valid_json(text)) {
          return false;
        }
        event_.add(key, FieldValue::json(in_record(text)));
        return true;
      }
    }
    return false;
  }

  std::string_view in_record(std::string_view view) const noexcept {
    return record_.substr(static_cast<std::size_t>(view.data() - padded_), view.size());
  }

  // On Demand hands out the raw text of an array or object without checking inside it; what is
  // passed on as JSON must be JSON. `text` lies inside the padded copy, so padding follows it.
  bool valid_json(std::string_view text) {
    simdjson::dom::element element;
    return !validator_.parse(text.data(), text.size(), false).get(element);
  }

  // Members of a nested object under `prefix.` (Winlogbeat's winlog.*, SID objects elsewhere).
  bool nested_members(od::object& object, std::string_view prefix, int depth) {
    const std::string_view dotted = concat(prefix, ".", arena_);
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
      const std::string_view full = concat(dotted, key, arena_);
      od::value value = field.value();
      bool ok = true;
      if (full == "winlog.event_id") {
        ok = add_id(value, "winlog.event_id", true);
      } else if (full == "winlog.record_id") {
        ok = add_id(value, "winlog.record_id", false);
      } else if (full == "winlog.computer_name") {
        ok = copy_string(value, event_.host);
        if (ok && !event_.host.empty()) {
          event_.add("winlog.computer_name", FieldValue::string(event_.host));
        }
      } else {
        ok = add_value(full, value, depth);
      }
      if (!ok) return false;
    }
    return true;
  }

  // Winlogbeat's ECS objects: only what is the event's own (the shipper's metadata is not).
  bool ecs_members(od::object& object, std::string_view name) {
    for (auto member : object) {
      od::field field;
      std::string_view key;
      if (std::move(member).get(field) || field.unescaped_key().get(key)) return false;
      od::value value = field.value();
      bool ok = true;
      if (name == "event" && (key == "action" || key == "outcome")) {
        ok = add_value(key == "action" ? "event.action" : "event.outcome", value, 0);
      } else if (name == "log" && key == "level") {
        ok = add_value("log.level", value, 0);
      } else if (name == "host" && key == "name") {
        ok = copy_string(value, ecs_host_);
      }
      if (!ok) return false;
    }
    return true;
  }

  // Event and record ids: numbers or decimal strings, as numbers like the EVTX path; the event
  // id's text is event.code.
  bool add_id(od::value& value, std::string_view key, bool event_code) {
    od::json_type type{};
    if (value.type().get(type)) return false;
    std::string_view text;
    if (type == od::json_type::number) {
      text = in_record(trim_token(value.raw_json_token()));
    } else if (type == od::json_type::string) {
      if (value.get_string().get(text)) return false;
      text = arena_.copy(text);
    } else {
      return add_value(key, value, 0);
    }
    if (std::uint64_t id = 0; parse_uint(text, id)) {
      event_.add(key, FieldValue::uint64(id));
    } else if (!text.empty()) {
      event_.add(key, FieldValue::string(text));
    }
    if (event_code && !text.empty()) event_.add("event.code", FieldValue::string(text));
    return true;
  }

  // PowerShell and NXLog write Keywords as a signed Int64; EVTX and XML show it in hex.
  bool add_keywords(od::value& value) {
    od::json_type type{};
    if (value.type().get(type)) return false;
    if (type != od::json_type::number) return add_value("winlog.keywords", value, 0);
    std::uint64_t bits = 0;
    if (std::int64_t signed_bits = 0; !value.get_int64().get(signed_bits)) {
      bits = static_cast<std::uint64_t>(signed_bits);
    } else if (value.get_uint64().get(bits)) {
      return add_value("winlog.keywords", value, 0);
    }
    char buf[20] = "0x";
    const auto end = std::to_chars(buf + 2, buf + sizeof buf, bits, 16).ptr;
    event_.add("winlog.keywords",
               FieldValue::string(arena_.copy({buf, static_cast<std::size_t>(end - buf)})));
    return true;
  }

  // A SID: PowerShell's SecurityIdentifier object keeps the text in `Value`.
  bool add_user(od::value& value) {
    od::json_type type{};
    if (value.type().get(type)) return false;
    if (type != od::json_type::object) return add_value("winlog.user.identifier", value, 0);
    od::object sid;
    od::value text;
    if (value.get_object().get(sid)) return false;
    if (sid.find_field_unordered("Value").get(text)) return true;
    return add_value("winlog.user.identifier", text, 0);
  }

  // PowerShell's Properties: [{"Value": ...}, ...], unnamed like <Data> without Name.
  bool add_properties(od::value& value) {
    od::json_type type{};
    if (value.type().get(type)) return false;
    if (type != od::json_type::array) return true;
    od::array items;
    if (value.get_array().get(items)) return false;
    unsigned index = 0;
    for (auto item : items) {
      od::value element;
      if (item.get(element)) return false;
      char buf[40] = "winlog.event_data.param";
      const auto end = std::to_chars(buf + 23, buf + sizeof buf, ++index).ptr;
      const std::string_view key = arena_.copy({buf, static_cast<std::size_t>(end - buf)});
      od::object property;
      od::value inner;
      if (element.get_object().get(property)) return false;
      if (property.find_field_unordered("Value").get(inner)) continue;
      od::json_type inner_type{};
      if (inner.type().get(inner_type)) return false;
      od::object sid;
      od::value sid_text;
      if (inner_type == od::json_type::object) {
        // A SecurityIdentifier inside Properties: its text, as the event XML shows it.
        if (inner.get_object().get(sid)) return false;
        if (!sid.find_field_unordered("Value").get(sid_text) && !add_value(key, sid_text, 0)) {
          return false;
        }
      } else if (!add_value(key, inner, 0)) {
        return false;
      }
    }
    return true;
  }

  JsonDialect dialect_;
  StringArena& arena_;
  Event& event_;
  std::string_view record_;
  const char* padded_;
  simdjson::dom::parser& validator_;
  JsonTimeMembers times_;
  std::string_view ecs_host_;
};

}  // namespace

JsonEventMapper::Outcome JsonEventMapper::map(std::string_view record, ParseContext& ctx,
                                              Event& event,
                                              TimeCreatedCorrection& correction) noexcept {
  padded_.assign(record);
  padded_.append(simdjson::SIMDJSON_PADDING, '\0');
  event.dataset = "winevent.json";
  const JsonDialect dialect = detect_json_dialect(record);
  Members members(dialect, ctx, event, record, padded_.data(), validator_);
  od::document doc;
  od::object object;
  if (json_.iterate(padded_.data(), record.size(), padded_.size()).get(doc) ||
      doc.get_object().get(object)) {
    return Outcome::malformed;
  }
  const bool ok =
      dialect == JsonDialect::winlogbeat ? members.winlogbeat(object) : members.flat(object);
  if (!ok) return Outcome::malformed;
  const JsonTimeMembers& times = members.times();
  if (dialect == JsonDialect::otrf && !times.utc_time.empty()) {
    correction.learn(times.time_created, times.utc_time);
  }
  std::string_view source;
  switch (resolve_json_event_time(dialect, times, correction, ctx, event, source)) {
    case JsonTimeResult::resolved:
      event.add("horolog.time.source", FieldValue::string(source));
      break;
    case JsonTimeResult::needs_correction: return Outcome::needs_correction;
    case JsonTimeResult::missing: ctx.time.resolve_missing(event); break;
  }
  if (event.host.empty()) event.host = ctx.host;
  return Outcome::mapped;
}

}  // namespace horolog::winevent
