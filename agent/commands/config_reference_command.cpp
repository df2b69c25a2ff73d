// The reference walks the top-level config and both type registries with a ReferenceWriter.
#include "agent/commands/config_reference_command.h"

#include "agent/config/agent_config.h"
#include "agent/inputs/input_types.h"
#include "config/reference_writer.h"
#include "sinks/sink_types.h"

namespace horolog {

void write_config_reference(std::ostream& out) {
  config::ReferenceWriter top = config::render_reference<AgentConfig>();
  top.add("inputs", "list of mappings", "", "Where events come from (keys below)");
  top.add("sinks", "list of mappings", "", "Where events go (keys below)");
  out << "### Top level\n\n";
  top.write_markdown(out);

  out << "\n### Inputs: keys of every input\n\n";
  config::render_reference<InputConfig>("inputs[].").write_markdown(out);
  for (const InputType& type : input_types()) {
    out << "\n### Inputs: `type: " << type.name << "`\n\n" << type.description << ".\n\n";
    config::ReferenceWriter writer("inputs[].");
    type.document(writer);
    writer.write_markdown(out);
  }
  out << "\n### Inputs: format options\n\n";
  config::render_reference<ParserOptions>("inputs[].").write_markdown(out);

  out << "\n### Sinks: keys of every sink\n\n";
  config::render_reference<SinkConfig>("sinks[].").write_markdown(out);
  for (const SinkType& type : sink_types()) {
    out << "\n### Sinks: `type: " << type.name << "`\n\n" << type.description << ".\n\n";
    config::ReferenceWriter writer("sinks[].");
    type.document(writer);
    if (writer.rows().empty()) {
      out << "No options.\n";
    } else {
      writer.write_markdown(out);
    }
  }
}

}  // namespace horolog
