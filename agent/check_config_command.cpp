// check-config: the parse and validate steps of start-up, reported in a compiler-like format
// so editors and CI can jump to the line.
#include "agent/check_config_command.h"

#include "agent/agent_config.h"

namespace horolog {

namespace {

template <class Component>
void list_names(std::ostream& out, std::string_view what, const std::vector<Component>& items) {
  out << "  " << items.size() << " " << what << (items.size() == 1 ? "" : "s") << ":";
  for (const Component& item : items) out << " " << item.name << " (" << item.type << ")";
  out << "\n";
}

}  // namespace

int check_config_command(const std::filesystem::path& config, std::ostream& out,
                         std::ostream& err) {
  const LoadResult result = load_config_file(config);
  if (!result) {
    for (const ConfigError& error : result.error()) {
      err << config.string();
      if (error.line > 0) err << ":" << error.line << ":" << error.column;
      err << ": ";
      if (!error.path.empty()) err << error.path << ": ";
      err << error.message << "\n";
    }
    const std::size_t count = result.error().size();
    err << config.string() << ": " << count << (count == 1 ? " error" : " errors") << "\n";
    return 1;
  }
  out << config.string() << ": OK\n";
  list_names(out, "input", result->inputs);
  list_names(out, "sink", result->sinks);
  return 0;
}

}  // namespace horolog
