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

int check_config_command(const std::filesystem::path& config, std::ostream& out,
                         std::ostream& err) {
  const ConfigCheck check = check_config_file(config);
  if (!check.ok()) {
    const std::size_t count = check.problems.size();
    err << format_config_problems(config, check.problems) << config.string() << ": " << count
        << (count == 1 ? " error" : " errors") << "\n";
    return 2;  // as `run` ends for a config it cannot use
  }
  out << config.string() << ": OK\n";
  list_names(out, "input", check.config.inputs);
  list_names(out, "sink", check.config.sinks);
  return 0;
}

}  // namespace horolog
