// One pass over the nodes in document order; each node is recognised by its own name and its
// parent's (System/EventID, EventData/Data, ...), so the Event namespace and any prefixes of
// the export do not matter.
#include "parsers/winevent/winlog_mapper.h"

#include <charconv>
#include <cstring>

#include "normalizer/timestamp_formats.h"
#include "normalizer/windows_time.h"

namespace horolog::winevent {
namespace {

using Kind = XmlNode::Kind;

std::string_view concat(std::string_view a, std::string_view b, StringArena& arena) {
  char* out = arena.allocate(a.size() + b.size());
  std::memcpy(out, a.data(), a.size());
  if (!b.empty()) std::memcpy(out + a.size(), b.data(), b.size());
  return {out, a.size() + b.size()};
}

// A number from the node's typed value or, for text, decimal or 0x-hex.
bool node_number(const XmlNode& node, std::uint64_t& out) noexcept {
  if (node.raw_kind == RawKind::unsigned_integer || node.raw_kind == RawKind::signed_integer) {
    out = node.raw;
    return true;
  }
  std::string_view text = node.text;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    text.remove_prefix(2);
    base = 16;
  }
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && end == text.data() + text.size();
}

void add_number(Event& event, std::string_view key, const XmlNode& node) {
  std::uint64_t value = 0;
  if (node_number(node, value)) {
    event.add(key, FieldValue::uint64(value));
  } else if (!node.text.empty()) {
    event.add(key, FieldValue::string(node.text));
  }
}

void add_text(Event& event, std::string_view key, std::string_view text) {
  if (!text.empty()) event.add(key, FieldValue::string(text));
}

class Mapper {
 public:
  Mapper(const XmlTree& tree, ParseContext& ctx, Event& event, WinlogSeen& seen)
      : tree_(tree), ctx_(ctx), arena_(ctx.arena), event_(event), seen_(seen) {}

  ParseStatus run() {
    const auto& nodes = tree_.nodes();
    if (nodes.empty() || nodes[0].kind != Kind::element || local(nodes[0].name) != "Event") {
      return ParseStatus::error;
    }
    for (std::uint32_t i = 1; i < nodes.size(); ++i) visit(i, nodes[i]);
    const bool complete = have_provider_ && have_event_id_ && seen_.timestamp && !bad_time_;
    return complete ? ParseStatus::ok : ParseStatus::partial;
  }

 private:
  static std::string_view local(std::string_view name) noexcept {
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
  }
  std::string_view parent_name(const XmlNode& node) const noexcept {
    return node.parent == XmlTree::kNoParent ? std::string_view{}
                                             : local(tree_.node(node.parent).name);
  }
  // The name of the element `levels` above `index` (1 = parent).
  std::string_view ancestor_name(std::uint32_t index, int levels) const noexcept {
    for (int i = 0; i < levels; ++i) {
      index = tree_.node(index).parent;
      if (index == XmlTree::kNoParent) return {};
    }
    return local(tree_.node(index).name);
  }

  void visit(std::uint32_t index, const XmlNode& node) {
    const std::string_view name = local(node.name);
    if (name.empty()) return;  // a damaged record's nameless node: nothing to key it by
    const std::string_view parent = parent_name(node);
    if (node.kind == Kind::attribute) {
      visit_attribute(index, node, name, parent);
    } else if (parent == "System") {
      visit_system(node, name);
    } else if (parent == "EventData") {
      visit_event_data(index, node, name);
    } else if (parent == "RenderingInfo") {
      visit_rendering(node, name);
    } else if (parent == "UserData") {
      // Copied: element names live in the decoder's per-chunk cache, not in the batch.
      event_.add("winlog.user_data.xml_name", FieldValue::string(arena_.copy(node.name)));
      user_data_root_ = index;
    } else if (user_data_root_ != XmlTree::kNoParent && !node.text.empty() &&
               within(index, user_data_root_)) {
      event_.add(concat("winlog.user_data.", name, arena_), FieldValue::string(node.text));
    }
  }

  bool within(std::uint32_t index, std::uint32_t ancestor) const noexcept {
    while (index != XmlTree::kNoParent) {
      if (index == ancestor) return true;
      index = tree_.node(index).parent;
    }
    return false;
  }

  void visit_attribute(std::uint32_t index, const XmlNode& node, std::string_view name,
                       std::string_view element) {
    const std::string_view section = ancestor_name(index, 2);
    if (element == "Provider" && section == "System") {
      if (name == "Name") {
        add_text(event_, "winlog.provider_name", node.text);
        have_provider_ = have_provider_ || !node.text.empty();
      } else if (name == "Guid") {
        add_text(event_, "winlog.provider_guid", node.text);
      } else if (name == "EventSourceName") {
        add_text(event_, "winlog.event_source_name", node.text);
      }
    } else if (element == "TimeCreated" && name == "SystemTime" && section == "System") {
      set_time(node);
    } else if (element == "Correlation") {
      if (name == "ActivityID") add_text(event_, "winlog.activity_id", node.text);
      if (name == "RelatedActivityID") add_text(event_, "winlog.related_activity_id", node.text);
    } else if (element == "Execution") {
      if (name == "ProcessID") add_number(event_, "winlog.process.pid", node);
      if (name == "ThreadID") add_number(event_, "winlog.process.thread.id", node);
    } else if (element == "Security" && name == "UserID") {
      add_text(event_, "winlog.user.identifier", node.text);
    } else if (element == "RenderingInfo" && name == "Culture") {
      add_text(event_, "winlog.rendering_info.culture", node.text);
    }
  }

  void visit_system(const XmlNode& node, std::string_view name) {
    if (name == "EventID") {
      add_number(event_, "winlog.event_id", node);
      add_text(event_, "event.code", node.text);
      have_event_id_ = !node.text.empty();
    } else if (name == "Version") {
      add_number(event_, "winlog.version", node);
    } else if (name == "Level") {
      add_number(event_, "winlog.level", node);
    } else if (name == "Task") {
      add_number(event_, "winlog.task", node);
    } else if (name == "Opcode") {
      add_number(event_, "winlog.opcode", node);
    } else if (name == "Keywords") {
      add_text(event_, "winlog.keywords", node.text);
    } else if (name == "EventRecordID") {
      add_number(event_, "winlog.record_id", node);
      seen_.record_id = !node.text.empty();
    } else if (name == "Channel") {
      add_text(event_, "winlog.channel", node.text);
    } else if (name == "Computer") {
      add_text(event_, "winlog.computer_name", node.text);
      if (!node.text.empty()) event_.host = node.text;
    }
  }

  void visit_event_data(std::uint32_t index, const XmlNode& node, std::string_view name) {
    if (node.text.empty()) return;
    std::string_view key_name = name;
    if (name == "Data") {
      key_name = tree_.attribute(index, "Name");
      if (key_name.empty()) {
        // Unnamed <Data> elements are numbered as Winlogbeat numbers them: param1, param2, ...
        char buf[24] = "param";
        const auto end = std::to_chars(buf + 5, buf + sizeof buf, ++unnamed_data_).ptr;
        key_name = arena_.copy({buf, static_cast<std::size_t>(end - buf)});
      }
    }
    event_.add(concat("winlog.event_data.", key_name, arena_), FieldValue::string(node.text));
  }

  void visit_rendering(const XmlNode& node, std::string_view name) {
    if (node.text.empty()) return;
    if (name == "Message") {
      event_.message = node.text;
    } else {
      event_.add(concat("winlog.rendering_info.", name, arena_), FieldValue::string(node.text));
    }
  }

  void set_time(const XmlNode& node) {
    event_.time_original = node.text;
    if (node.raw_kind == RawKind::filetime) {
      if (UtcTime utc; filetime_to_utc(node.raw, utc)) {
        ctx_.time.resolve_utc(utc, event_);
        seen_.timestamp = true;
        return;
      }
    } else if (CivilTime civil; parse_rfc3339(node.text, civil) == node.text.size()) {
      // SystemTime is UTC by definition, written with or without its `Z`.
      if (!civil.has_offset) {
        civil.has_offset = true;
        civil.offset_seconds = 0;
      }
      if (ctx_.time.resolve(civil, event_)) {
        seen_.timestamp = true;
        return;
      }
    }
    bad_time_ = true;
  }

  const XmlTree& tree_;
  ParseContext& ctx_;
  StringArena& arena_;
  Event& event_;
  WinlogSeen& seen_;
  std::uint32_t user_data_root_ = XmlTree::kNoParent;
  unsigned unnamed_data_ = 0;
  bool have_provider_ = false;
  bool have_event_id_ = false;
  bool bad_time_ = false;
};

}  // namespace

ParseStatus map_winlog_event(const XmlTree& tree, ParseContext& ctx, Event& event,
                             WinlogSeen& seen) noexcept {
  seen = WinlogSeen{};
  return Mapper(tree, ctx, event, seen).run();
}

}  // namespace horolog::winevent
