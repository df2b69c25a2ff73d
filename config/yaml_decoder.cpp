// The scalar and list decoders behind YamlDecoder, and the bookkeeping of declared keys.
#include "config/yaml_decoder.h"

#include <algorithm>
#include <charconv>

#include "config/quantity.h"
#include "config/suggest.h"

namespace horolog::config {

namespace {

// How a wrong value looks, for "expected X, got Y" messages.
std::string describe_value(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: return "`" + node.Scalar() + "`";
    default: return "nothing";
  }
}

std::string expected(std::string_view what, const YAML::Node& node) {
  return "expected " + std::string(what) + ", got " + describe_value(node);
}

template <class Int>
bool parse_integer(const std::string& text, Int& value) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty();
}

}  // namespace

YamlDecoder::YamlDecoder(const YAML::Node& node, std::string path, std::vector<ConfigError>& errors)
    : path_(std::move(path)), mark_(node.Mark()), errors_(errors) {
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    is_mapping_ = false;
    report(errors_, mark_, path_, expected("a mapping of keys to values", node));
    return;
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    Entry entry{it->first.IsScalar() ? it->first.Scalar() : std::string(), it->first.Mark(),
                it->second};
    if (!it->first.IsScalar()) {
      report(errors_, entry.key_mark, path_, "keys must be plain names");
      continue;
    }
    if (const Entry* first = find(entry.key)) {
      report(errors_, entry.key_mark, path_of(entry.key),
             "key given twice (first on line " + std::to_string(first->key_mark.line + 1) + ")");
      continue;
    }
    entries_.push_back(std::move(entry));
  }
}

YamlDecoder::YamlDecoder(const YAML::Node& scalar, std::string_view implied_key, std::string path,
                         std::vector<ConfigError>& errors)
    : path_(std::move(path)), mark_(scalar.Mark()), errors_(errors) {
  entries_.push_back(Entry{std::string(implied_key), scalar.Mark(), scalar});
}

void YamlDecoder::report(std::vector<ConfigError>& errors, const YAML::Mark& mark, std::string path,
                         std::string message) {
  const bool known = !mark.is_null();
  errors.push_back(ConfigError{std::move(path), known ? mark.line + 1 : 0,
                               known ? mark.column + 1 : 0, std::move(message)});
}

std::string YamlDecoder::path_of(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

YamlDecoder::Entry* YamlDecoder::find(std::string_view key) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [key](const Entry& entry) { return entry.key == key; });
  return it == entries_.end() ? nullptr : &*it;
}

const YamlDecoder::Entry* YamlDecoder::find(std::string_view key) const {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [key](const Entry& entry) { return entry.key == key; });
  return it == entries_.end() ? nullptr : &*it;
}

YamlDecoder::Entry* YamlDecoder::declare(std::string_view key) {
  if (std::find(declared_keys_.begin(), declared_keys_.end(), key) == declared_keys_.end()) {
    declared_keys_.emplace_back(key);
  }
  Entry* entry = find(key);
  if (entry != nullptr) entry->declared = true;
  return entry;
}

YAML::Node YamlDecoder::take(std::string_view key) {
  Entry* entry = declare(key);
  return entry == nullptr ? YAML::Node(YAML::NodeType::Undefined) : entry->value;
}

int YamlDecoder::line_of(std::string_view key) const {
  const Entry* entry = find(key);
  const YAML::Mark& mark = entry != nullptr ? entry->key_mark : mark_;
  return mark.is_null() ? 0 : mark.line + 1;
}

void YamlDecoder::fail(Entry& entry, std::string message) {
  entry.failed = true;
  report(errors_, entry.key_mark, path_of(entry.key), std::move(message));
}

void YamlDecoder::fail_element(Entry& entry, const YAML::Node& element, std::string path,
                               std::string message) {
  entry.failed = true;
  report(errors_, element.Mark(), std::move(path), std::move(message));
}

void YamlDecoder::error(std::string_view key, std::string message) {
  if (Entry* entry = find(key)) {
    fail(*entry, std::move(message));
  } else {
    report(errors_, mark_, path_of(key), std::move(message));
  }
}

void YamlDecoder::check(std::string_view key, bool ok, std::string_view message) {
  if (ok) return;
  if (const Entry* entry = find(key); entry != nullptr && entry->failed) return;
  error(key, std::string(message));
}

void YamlDecoder::files(std::string_view key, FileUse use) {
  const Entry* entry = find(key);
  if (entry != nullptr && entry->failed) return;
  const YAML::Mark& mark = entry != nullptr ? entry->key_mark : mark_;
  const bool known = !mark.is_null();
  file_claims_.push_back(FileClaim{path_of(key), known ? mark.line + 1 : 0,
                                   known ? mark.column + 1 : 0, std::move(use)});
}

void YamlDecoder::finish() {
  const std::vector<std::string_view> known(declared_keys_.begin(), declared_keys_.end());
  for (Entry& entry : entries_) {
    if (entry.declared) continue;
    report(errors_, entry.key_mark, path_of(entry.key),
           "unknown key `" + entry.key + "`" + suggestion_suffix(entry.key, known));
  }
}

void YamlDecoder::decode(Entry& entry, bool& member) {
  // YAML 1.2 booleans only: `yes`/`no`/`on` are strings there and surprise people.
  static constexpr std::string_view kTrue[] = {"true", "True", "TRUE"};
  static constexpr std::string_view kFalse[] = {"false", "False", "FALSE"};
  if (entry.value.IsScalar()) {
    const std::string& text = entry.value.Scalar();
    if (std::find(std::begin(kTrue), std::end(kTrue), text) != std::end(kTrue)) {
      member = true;
      return;
    }
    if (std::find(std::begin(kFalse), std::end(kFalse), text) != std::end(kFalse)) {
      member = false;
      return;
    }
  }
  fail(entry, expected("true or false", entry.value));
}

void YamlDecoder::decode(Entry& entry, std::int64_t& member) {
  std::int64_t value = 0;
  if (entry.value.IsScalar() && parse_integer(entry.value.Scalar(), value)) {
    member = value;
    return;
  }
  fail(entry, expected("a whole number", entry.value));
}

void YamlDecoder::decode(Entry& entry, std::uint64_t& member) {
  std::uint64_t value = 0;
  if (entry.value.IsScalar() && parse_integer(entry.value.Scalar(), value)) {
    member = value;
    return;
  }
  fail(entry, expected("a whole number of 0 or more", entry.value));
}

void YamlDecoder::decode(Entry& entry, double& member) {
  if (entry.value.IsScalar()) {
    const std::string& text = entry.value.Scalar();
    const char* end = text.data() + text.size();
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec == std::errc() && ptr == end && !text.empty()) {
      member = value;
      return;
    }
  }
  fail(entry, expected("a number", entry.value));
}

void YamlDecoder::decode(Entry& entry, std::string& member) {
  if (entry.value.IsScalar()) {
    member = entry.value.Scalar();
    return;
  }
  fail(entry, expected("a string", entry.value));
}

bool YamlDecoder::expect_list(Entry& entry, std::string_view what) {
  if (entry.value.IsSequence()) return true;
  fail(entry, expected(what, entry.value));
  return false;
}

void YamlDecoder::decode(Entry& entry, std::vector<std::string>& member) {
  if (!expect_list(entry, "a list of strings")) return;
  std::vector<std::string> values;
  for (std::size_t i = 0; i < entry.value.size(); ++i) {
    const YAML::Node element = entry.value[i];
    if (!element.IsScalar()) {
      fail_element(entry, element, path_of(entry.key) + "[" + std::to_string(i) + "]",
                   expected("a string", element));
      continue;
    }
    values.push_back(element.Scalar());
  }
  if (!entry.failed) member = std::move(values);
}

void YamlDecoder::decode(Entry& entry, Duration& member) {
  static constexpr std::string_view kWhat = "a duration such as 5s or 250ms";
  if (!entry.value.IsScalar()) {
    fail(entry, expected(kWhat, entry.value));
    return;
  }
  std::string reason;
  if (auto value = parse_duration(entry.value.Scalar(), reason)) {
    member = *value;
    return;
  }
  fail(entry, "expected " + std::string(kWhat) + ": " + reason);
}

void YamlDecoder::decode(Entry& entry, ByteSize& member) {
  static constexpr std::string_view kWhat = "a size such as 64MiB or 512KiB";
  if (!entry.value.IsScalar()) {
    fail(entry, expected(kWhat, entry.value));
    return;
  }
  std::string reason;
  if (auto value = parse_byte_size(entry.value.Scalar(), reason)) {
    member = *value;
    return;
  }
  fail(entry, "expected " + std::string(kWhat) + ": " + reason);
}

void YamlDecoder::decode(Entry& entry, std::map<std::string, std::string>& member) {
  if (!entry.value.IsMap()) {
    fail(entry, expected("a mapping of names to values", entry.value));
    return;
  }
  std::map<std::string, std::string> values;
  for (auto it = entry.value.begin(); it != entry.value.end(); ++it) {
    if (!it->first.IsScalar() || !it->second.IsScalar()) {
      fail_element(entry, it->first, path_of(entry.key),
                   "expected plain `name: value` pairs, got " + describe_value(it->second));
      continue;
    }
    values[it->first.Scalar()] = it->second.Scalar();
  }
  if (!entry.failed) member = std::move(values);
}

bool YamlDecoder::decode_choice(Entry& entry, const std::vector<std::string_view>& names,
                                std::size_t& index) {
  if (!entry.value.IsScalar()) {
    std::string one_of;
    for (std::string_view name : names) one_of += (one_of.empty() ? "" : ", ") + std::string(name);
    fail(entry, expected("one of " + one_of, entry.value));
    return false;
  }
  const std::string& text = entry.value.Scalar();
  auto it = std::find(names.begin(), names.end(), text);
  if (it != names.end()) {
    index = static_cast<std::size_t>(it - names.begin());
    return true;
  }
  fail(entry, "unknown value `" + text + "`" + suggestion_suffix(text, names));
  return false;
}

}  // namespace horolog::config
