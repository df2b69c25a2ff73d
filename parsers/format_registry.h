// Every input format by name, in one explicit table: how its records are framed, how its parser
// or record reader is built, and how format `auto` recognises a file read whole. Config
// validation, the CLI and the engine's source factory all look formats up here.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "normalizer/error.h"
#include "parsers/parser.h"
#include "parsers/parser_options.h"
#include "parsers/record_reader.h"

namespace horolog {

// How a format's records are cut out of the byte stream before parsing.
enum class RecordFraming : std::uint8_t {
  lines,       // one record per LF/CRLF-terminated line (parsers/framer.h)
  whole_file,  // the file is read whole by the format's record reader
  journal,     // systemd journal files, read entry by entry with sd-journal (the engine's source)
};

// Builds a parser for one source; invalid_config for options it cannot use (a regex that does
// not compile). Runs when a source opens, never per record.
using ParserFactory = Result<std::unique_ptr<Parser>> (*)(const ParserOptions& options);

// Builds a record reader over `input` (the whole file, which must outlive the reader and its
// events), resuming at `resume_position`, a position() value of an earlier reader of the file.
using RecordReaderFactory = std::unique_ptr<RecordReader> (*)(std::string_view input,
                                                              std::uint64_t resume_position,
                                                              const ParserOptions& options);

// True when the first bytes of a file (up to kWholeFileDetectBytes) show this format.
using WholeFileSniffer = bool (*)(std::string_view head) noexcept;

struct FormatInfo {
  std::string_view name;     // as written in `format:` and `--format`
  std::string_view dataset;  // event.dataset of its events (a parser may refine it per record)
  std::string_view summary;  // one line for the reference and `--help`
  RecordFraming framing;
  ParserFactory make = nullptr;               // lines formats
  RecordReaderFactory make_reader = nullptr;  // whole_file formats
  WholeFileSniffer sniff = nullptr;           // whole_file formats: recognised under `auto`
  // The order its files list records in. Newest first (Event Viewer CSV) cannot have its
  // timeline repaired in one pass: a clock change comes after the records it put wrong.
  RecordOrder record_order = RecordOrder::oldest_first;
};

std::span<const FormatInfo> formats() noexcept;
// nullptr when no format has that name.
const FormatInfo* find_format(std::string_view name) noexcept;

// How many leading bytes of a file detect_whole_file_format() wants to see.
inline constexpr std::size_t kWholeFileDetectBytes = std::size_t{64} * 1024;

// Format `auto` for a file: the whole-file format whose sniffer recognises `head` (in table
// order, most specific first), or nullptr for a line format, which per-record detection finds.
const FormatInfo* detect_whole_file_format(std::string_view head) noexcept;

}  // namespace horolog
