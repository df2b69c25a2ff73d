// Text from logs (host names, messages, rule names) written into the report's XHTML: escaped so it
// can never open markup, and stripped of what XML 1.0 forbids so the page always parses.
#pragma once

#include <string>
#include <string_view>

namespace horolog::report {

// Appends `text` with `<>&"'` as entities, C0 controls other than tab/newline/return, U+FFFE/FFFF
// and lone surrogates left out, and bytes that are not UTF-8 written as U+FFFD.
void append_xml_text(std::string& out, std::string_view text);

}  // namespace horolog::report
