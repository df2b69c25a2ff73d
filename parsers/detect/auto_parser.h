// Format `auto`: the first record whose shape is recognised picks the format for the source;
// a later record the chosen parser rejects is detected again on its own (mixed files).
// Buffer lifetime: as for the parser that handled the record.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "parsers/parser.h"
#include "parsers/parser_options.h"

namespace horolog {

struct FormatInfo;

class AutoParser final : public Parser {
 public:
  explicit AutoParser(ParserOptions options) : options_(std::move(options)) {}
  // The registry's factory: the options are checked by the parsers `auto` picks, when it does.
  static Result<std::unique_ptr<Parser>> create(const ParserOptions& options) {
    return std::make_unique<AutoParser>(options);
  }
  ParseStatus parse(std::string_view record, ParseContext& ctx, Event& event) noexcept override;

  // The format chosen for the source so far (empty before the first recognised record).
  std::string_view chosen() const noexcept;

 private:
  struct Slot {
    const FormatInfo* format;
    std::unique_ptr<Parser> parser;
  };
  // The parser for `name`, built on first use (a few per source at most).
  Parser* parser_for(std::string_view name) noexcept;

  ParserOptions options_;
  std::vector<Slot> slots_;
  Parser* chosen_ = nullptr;
  std::string_view chosen_name_;
};

}  // namespace horolog
