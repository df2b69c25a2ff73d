// Decodes one YAML mapping into option structs declared with describe() (config/option_types.h),
// collecting every error with its YAML path and line instead of stopping at the first.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_error.h"
#include "config/file_use.h"
#include "config/option_types.h"

namespace horolog::config {

// One decoder per mapping node. Several structs may describe() themselves to the same decoder
// (an input's common keys, then its type's keys); finish() then reports the keys nobody claimed.
// Members keep their defaults when a key is absent or its value is wrong.
class YamlDecoder {
 public:
  // `path` names the node in errors: "" for the document root, "clock", "sinks[0]". A null node
  // counts as an empty mapping; any other non-mapping is reported once and decodes nothing.
  YamlDecoder(const YAML::Node& node, std::string path, std::vector<ConfigError>& errors);
  // A scalar standing for the mapping {implied_key: scalar} (the short form of a list element).
  YamlDecoder(const YAML::Node& scalar, std::string_view implied_key, std::string path,
              std::vector<ConfigError>& errors);

  template <class T>
  void operator()(std::string_view key, T& member, std::string_view /*description*/) {
    Entry* entry = declare(key);
    if (entry == nullptr) return;
    if constexpr (DescribesTo<T, YamlDecoder>) {
      decode_struct(*entry, member, path_of(key));
    } else if constexpr (ListOfDescribed<T, YamlDecoder>) {
      decode_list(*entry, member);
    } else {
      decode(*entry, member);
    }
  }

  template <class E>
  void operator()(std::string_view key, E& member, const Choices<E>& choices,
                  std::string_view /*description*/) {
    Entry* entry = declare(key);
    if (entry == nullptr) return;
    std::vector<std::string_view> names;
    names.reserve(choices.names.size());
    for (const auto& choice : choices.names) names.push_back(choice.first);
    std::size_t index = 0;
    if (decode_choice(*entry, names, index)) member = choices.names[index].second;
  }

  // Reports `message` at `key` unless `ok`, or unless the key's value was already rejected.
  void check(std::string_view key, bool ok, std::string_view message);
  // Records what the files named at `key` are to the agent, located at the key (or the mapping
  // when it is absent: a default names files too); nothing when the key's value was rejected.
  void files(std::string_view key, FileUse use);
  // Every use recorded by this decoder and the decoders of its nested mappings.
  const std::vector<FileClaim>& file_claims() const noexcept { return file_claims_; }

  // Declares a key that the caller decodes itself (lists of typed components) and returns its
  // value, or an undefined node when the key is absent.
  YAML::Node take(std::string_view key);
  // Reports `message` at `key` (its line, or the mapping's when the key is absent).
  void error(std::string_view key, std::string message);
  // Line (1-based) of `key` in the file, or of the mapping when the key is absent.
  int line_of(std::string_view key) const;
  std::string path_of(std::string_view key) const;
  // False when the node was not a mapping (already reported).
  bool is_mapping() const noexcept { return is_mapping_; }

  // Reports each key that no describe() or take() declared, with a "did you mean" suggestion.
  void finish();

  // Appends an error located at `mark` (yaml-cpp's 0-based position).
  static void report(std::vector<ConfigError>& errors, const YAML::Mark& mark, std::string path,
                     std::string message);

 private:
  struct Entry {
    std::string key;
    YAML::Mark key_mark;
    YAML::Node value;
    bool declared = false;
    bool failed = false;
  };

  Entry* declare(std::string_view key);
  Entry* find(std::string_view key);
  const Entry* find(std::string_view key) const;
  void fail(Entry& entry, std::string message);
  void fail_element(Entry& entry, const YAML::Node& element, std::string path, std::string message);

  void decode(Entry& entry, bool& member);
  void decode(Entry& entry, std::int64_t& member);
  void decode(Entry& entry, std::uint64_t& member);
  void decode(Entry& entry, double& member);
  void decode(Entry& entry, std::string& member);
  void decode(Entry& entry, std::vector<std::string>& member);
  void decode(Entry& entry, Duration& member);
  void decode(Entry& entry, ByteSize& member);
  void decode(Entry& entry, std::map<std::string, std::string>& member);
  bool decode_choice(Entry& entry, const std::vector<std::string_view>& names, std::size_t& index);
  // Checks that a list value is a sequence; reports and returns false otherwise.
  bool expect_list(Entry& entry, std::string_view what);

  template <class T>
  void decode_struct(Entry& entry, T& member, std::string path) {
    YamlDecoder nested(entry.value, std::move(path), errors_);
    if (!nested.is_mapping()) {
      entry.failed = true;
      return;
    }
    member.describe(nested);
    nested.finish();
    adopt_claims(nested);
  }

  template <class T>
  void decode_list(Entry& entry, std::vector<T>& member) {
    if (!expect_list(entry, "a list")) return;
    member.clear();
    for (std::size_t i = 0; i < entry.value.size(); ++i) {
      const YAML::Node element = entry.value[i];
      std::string path = path_of(entry.key) + "[" + std::to_string(i) + "]";
      T& item = member.emplace_back();
      if constexpr (HasScalarKey<T>) {
        if (element.IsScalar()) {
          YamlDecoder nested(element, T::kScalarKey, std::move(path), errors_);
          item.describe(nested);
          nested.finish();
          adopt_claims(nested);
          continue;
        }
      }
      YamlDecoder nested(element, std::move(path), errors_);
      if (!nested.is_mapping()) continue;
      item.describe(nested);
      nested.finish();
      adopt_claims(nested);
    }
  }

  void adopt_claims(YamlDecoder& nested) {
    for (FileClaim& claim : nested.file_claims_) file_claims_.push_back(std::move(claim));
  }

  std::string path_;
  YAML::Mark mark_;
  std::vector<ConfigError>& errors_;
  std::vector<Entry> entries_;
  std::vector<std::string> declared_keys_;
  std::vector<FileClaim> file_claims_;
  bool is_mapping_ = true;
};

}  // namespace horolog::config
