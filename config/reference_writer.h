// Renders option structs declared with describe() as the Markdown config reference (one row per
// key: key, type, default, description), so the docs cannot drift from what the decoder accepts.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "config/file_use.h"
#include "config/option_types.h"

namespace horolog::config {

struct ReferenceRow {
  std::string key;  // dotted below nested structs: `servers[].address`
  std::string type;
  std::string default_value;
  std::string description;
};

class ReferenceWriter {
 public:
  // `prefix` is prepended to every key ("clock." for the clock section, "" for none).
  explicit ReferenceWriter(std::string prefix = {}) : prefix_(std::move(prefix)) {}

  template <class T>
  void operator()(std::string_view key, T& member, std::string_view description) {
    if constexpr (DescribesTo<T, ReferenceWriter>) {
      add(key, "mapping", "", description);
      ReferenceWriter nested(prefix_ + std::string(key) + ".");
      member.describe(nested);
      append(nested);
    } else if constexpr (ListOfDescribed<T, ReferenceWriter>) {
      using Element = typename ListElement<T>::type;
      std::string type = "list of mappings";
      if constexpr (HasScalarKey<Element>) {
        type += " (a string stands for `{" + std::string(Element::kScalarKey) + ": string}`)";
      }
      add(key, type, member.empty() ? "`[]`" : "", description);
      ReferenceWriter nested(prefix_ + std::string(key) + "[].");
      Element element{};
      element.describe(nested);
      append(nested);
    } else {
      add(key, type_name(member), show(member), description);
    }
  }

  template <class E>
  void operator()(std::string_view key, E& member, const Choices<E>& choices,
                  std::string_view description) {
    std::string type = "one of ";
    std::string default_value;
    for (std::size_t i = 0; i < choices.names.size(); ++i) {
      type += (i > 0 ? ", `" : "`") + std::string(choices.names[i].first) + "`";
      if (choices.names[i].second == member) default_value = quote(choices.names[i].first);
    }
    add(key, type, default_value, description);
  }

  // Checks and file uses are about values, not declarations: nothing to document.
  void check(std::string_view, bool, std::string_view) {}
  void files(std::string_view, const FileUse&) {}

  // Adds a row by hand, for keys decoded outside describe() (a component's `type`).
  void add(std::string_view key, std::string type, std::string default_value,
           std::string_view description);

  const std::vector<ReferenceRow>& rows() const noexcept { return rows_; }
  // A Markdown table of the rows, `|` in texts escaped.
  void write_markdown(std::ostream& out) const;

 private:
  void append(const ReferenceWriter& nested);
  static std::string quote(std::string_view text);

  static std::string type_name(const bool&) { return "bool"; }
  static std::string type_name(const std::int64_t&) { return "integer"; }
  static std::string type_name(const std::uint64_t&) { return "integer ≥ 0"; }
  static std::string type_name(const double&) { return "number"; }
  static std::string type_name(const std::string&) { return "string"; }
  static std::string type_name(const std::vector<std::string>&) { return "list of strings"; }
  static std::string type_name(const Duration&) { return "duration"; }
  static std::string type_name(const ByteSize&) { return "size"; }
  static std::string type_name(const std::map<std::string, std::string>&) {
    return "mapping of strings";
  }

  static std::string show(bool value);
  static std::string show(std::int64_t value);
  static std::string show(std::uint64_t value);
  static std::string show(double value);
  static std::string show(const std::string& value);
  static std::string show(const std::vector<std::string>& value);
  static std::string show(Duration value);
  static std::string show(ByteSize value);
  static std::string show(const std::map<std::string, std::string>& value);

  std::string prefix_;
  std::vector<ReferenceRow> rows_;
};

// The reference of one option struct, e.g. render_reference<FileSinkOptions>().
template <class T>
ReferenceWriter render_reference(std::string prefix = {}) {
  ReferenceWriter writer(std::move(prefix));
  T options{};
  options.describe(writer);
  return writer;
}

}  // namespace horolog::config
