// Output path templates: strftime-style fields from the event's UTC time plus {input}, {host},
// {format}. Parsed once at start-up; rendering allocates nothing once the output string has grown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/file_use.h"
#include "normalizer/error.h"
#include "normalizer/event.h"

namespace horolog {

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
