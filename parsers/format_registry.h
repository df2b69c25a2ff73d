// Every input format by name, in one explicit table: how its records are framed and how its
// parser is built. Config validation, the CLI and the pipeline all look formats up here.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "parsers/parser.h"
#include "parsers/parser_options.h"

namespace horolog {

// How a format's records are cut out of the byte stream before parsing.
enum class RecordFraming : std::uint8_t {
  lines,       // one record per LF/CRLF-terminated line (parsers/framer.h)
  whole_file,  // the file is read whole by the format's record reader (parsers/winevent/)
};

// Builds a parser for one source. Throws std::invalid_argument for bad options (a regex that
// does not compile): this runs at config time, never per record.
using ParserFactory = std::unique_ptr<Parser> (*)(const ParserOptions& options);

struct FormatInfo {
  std::string_view name;     // as written in `format:` and `--format`
  std::string_view dataset;  // event.dataset of its events (a parser may refine it per record)
  std::string_view summary;  // one line for the reference and `--help`
  RecordFraming framing;
  ParserFactory make;  // line formats only; nullptr for whole_file formats
};

std::span<const FormatInfo> formats() noexcept;
// nullptr when no format has that name.
const FormatInfo* find_format(std::string_view name) noexcept;

}  // namespace horolog
