// Output path templates: strftime-style fields from the event's UTC time plus {input}, {host},
// {format}. Parsed once at start-up; rendering allocates nothing once the output string has grown.
// Names taken from events are sanitised and bounded, so no event can make a path that escapes the
// configured folder or that the file system refuses for its length.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/file_use.h"
#include "normalizer/error.h"
#include "normalizer/event.h"

namespace horolog {

// Longest name a field renders to. Longer ones keep their first bytes and end in "-" and 16 hex
// digits of a hash of the whole name, so distinct long names stay distinct.
inline constexpr std::size_t kMaxFieldLength = 128;

// The bytes a name taken from an event keeps: ASCII letters and digits, '-', '_' and '.' (also
// every byte a Kafka topic name may hold).
constexpr bool is_safe_name_byte(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// Appends `name` as one path component: letters, digits, '-', '_' and '.' are kept, anything else
// becomes '_'; an empty name becomes "unknown", "." and ".." cannot result, and names longer
// than kMaxFieldLength are cut as said above. Fields from events are rendered this way.
void append_safe_name(std::string& out, std::string_view name);

// Cuts `name` to `limit` bytes when it is longer, as long fields are cut: its first bytes, "-"
// and 16 hex digits of a hash of the whole name. The string only shrinks: nothing is allocated.
void bound_length(std::string& name, std::size_t limit);

// Cuts each component of a rendered file path that is longer than a file name may be (NAME_MAX;
// the last component 16 bytes less, room for ".zst" and a rotation suffix) the same way: its
// first bytes, "-" and a hash of the whole component. Shorter paths are left as they are.
void bound_path_components(std::string& path);

class PathTemplate {
 public:
  // invalid_config naming an unsupported field.
  static Result<PathTemplate> parse(std::string_view text);

  void render(const Event& event, std::string_view format, std::string& out) const;
  const std::string& text() const noexcept { return text_; }
  // Every path the template can render: its literal text, and each field as any text without
  // '/' (the values come from events), for checks that must hold for all of them.
  config::PathShape shape() const;

 private:
  PathTemplate() = default;

  enum class Part : unsigned char {
    literal,
    year,
    month,
    day,
    hour,
    minute,
    second,
    day_of_year,
    input,
    host,
    format
  };
  struct Piece {
    Part part;
    std::string literal;
  };
  std::string text_;
  std::vector<Piece> pieces_;
};

}  // namespace horolog
