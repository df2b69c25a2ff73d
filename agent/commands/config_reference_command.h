// `horolog config-reference`: the config reference in Markdown, generated from the declarations.
#pragma once

#include <ostream>

namespace horolog {

// Every key of every section and registered input, sink and format option, from the same
// describe() declarations the loader decodes with.
void write_config_reference(std::ostream& out);

}  // namespace horolog
