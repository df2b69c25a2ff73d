// Default values shown as they would be written in YAML, and the Markdown table itself.
#include "config/reference_writer.h"

#include <sstream>

#include "config/quantity.h"

namespace horolog::config {

namespace {

std::string escape_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void ReferenceWriter::add(std::string_view key, std::string type, std::string default_value,
                          std::string_view description) {
  rows_.push_back(ReferenceRow{prefix_ + std::string(key), std::move(type),
                               std::move(default_value), std::string(description)});
}

void ReferenceWriter::append(const ReferenceWriter& nested) {
  rows_.insert(rows_.end(), nested.rows_.begin(), nested.rows_.end());
}

std::string ReferenceWriter::quote(std::string_view text) { return "`" + std::string(text) + "`"; }

std::string ReferenceWriter::show(bool value) { return quote(value ? "true" : "false"); }
std::string ReferenceWriter::show(std::int64_t value) { return quote(std::to_string(value)); }
std::string ReferenceWriter::show(std::uint64_t value) { return quote(std::to_string(value)); }

std::string ReferenceWriter::show(double value) {
  std::ostringstream text;
  text << value;
  return quote(text.str());
}

std::string ReferenceWriter::show(const std::string& value) {
  return value.empty() ? "" : quote(value);
}

std::string ReferenceWriter::show(const std::vector<std::string>& value) {
  std::string text = "[";
  for (std::size_t i = 0; i < value.size(); ++i) {
    text += (i > 0 ? ", \"" : "\"") + value[i] + "\"";
  }
  return quote(text + "]");
}

std::string ReferenceWriter::show(Duration value) { return quote(format_duration(value)); }
std::string ReferenceWriter::show(ByteSize value) { return quote(format_byte_size(value)); }

std::string ReferenceWriter::show(const std::map<std::string, std::string>& value) {
  std::string text = "{";
  for (const auto& [name, item] : value) {
    if (text.size() > 1) text += ", ";
    text.append(name).append(": ").append(item);
  }
  return quote(text + "}");
}

void ReferenceWriter::write_markdown(std::ostream& out) const {
  out << "| key | type | default | description |\n";
  out << "|---|---|---|---|\n";
  for (const ReferenceRow& row : rows_) {
    out << "| `" << escape_cell(row.key) << "` | " << escape_cell(row.type) << " | "
        << escape_cell(row.default_value) << " | " << escape_cell(row.description) << " |\n";
  }
}

}  // namespace horolog::config
