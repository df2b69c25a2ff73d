// check-config: the parse and validate steps of start-up, reported in a compiler-like format
// so editors and CI can jump to the line.
#include "agent/commands/check_config_command.h"

#include "agent/config/agent_config.h"

namespace horolog {

namespace {

template <class Component>
void list_names(std::ostream& out, std::string_view what, const std::vector<Component>& items) {
  out << "  " << items.size() << " " << what << (items.size() == 1 ? "" : "s") << ":";
  for (const Component& item : items) out << " " << item.name << " (" << item.type << ")";
  out << "\n";
}

}  // namespace

void print_config_errors(const std::filesystem::path& config,
                         const std::vector<ConfigError>& errors, std::ostream& err) {
  for (const ConfigError& error : errors) {
    err << config.string();
    if (error.line > 0) err << ":" << error.line << ":" << error.column;
    err << ": ";
    if (!error.path.empty()) err << error.path << ": ";
    err << error.message << "\n";
  }
  err << config.string() << ": " << errors.size() << (errors.size() == 1 ? " error" : " errors")
      << "\n";
}

int check_config_command(const std::filesystem::path& config, std::ostream& out,
                         std::ostream& err) {
  const LoadResult result = load_config_file(config);
  if (!result) {
    print_config_errors(config, result.error(), err);
    return 1;
  }
  out << config.string() << ": OK\n";
  list_names(out, "input", result->inputs);
  list_names(out, "sink", result->sinks);
  return 0;
}

}  // namespace horolog
