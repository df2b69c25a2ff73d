// The keys every input has, and what the engine lends every input it builds.
#pragma once

#include <any>
#include <cstddef>
#include <string>
#include <vector>

#include "agent/engine/checkpoint_store.h"
#include "agent/engine/descriptor_budget.h"
#include "agent/engine/run_stats.h"
#include "normalizer/zone.h"
#include "parsers/parser_options.h"
#include "sinks/field_selection.h"

namespace horolog {

// Where an input starts in a source it has no checkpoint for.
enum class ReadFrom { beginning, end };

// Keys every input has; the type's keys (`settings`) and the format's keys (`parser`) sit on the
// same YAML mapping.
struct InputConfig {
  std::string name;
  std::string type;
  std::string format = "auto";
  std::string timezone;  // empty: the agent's `timezone`
  std::string host;      // empty: the agent's `host_name`
  std::vector<std::string> include_fields;
  std::vector<std::string> exclude_fields;
  std::any settings;  // the Options of the input type named by `type`
  ParserOptions parser;

  template <class V>
  void describe(V& v) {
    v("name", name, "Unique name of the input (`{input}` in sink paths, checkpoint key)");
    v.check("name", !name.empty(), "every input needs a name");
    v("type", type, "Input type (see the types below)");
    v.check("type", !type.empty(), "every input needs a type");
    v("format", format, "Format name, or `auto` to detect it per file");
    v("timezone", timezone,
      "Zone of timestamps without an offset (IANA name, `UTC` or `local`); default: the "
      "top-level `timezone`");
    v("host", host, "Host name to record for these events; default: the top-level `host_name`");
    v("include_fields", include_fields,
      "Output members to write, by dotted name (`host.name`; `log.syslog` covers everything "
      "under it); default: all. `@timestamp` is always written. Applies to every sink");
    const std::string include_problem = first_problem(include_fields, false);
    v.check("include_fields", include_problem.empty(), include_problem);
    v("exclude_fields", exclude_fields,
      "Output members to leave out, by dotted name (`host.clock`, `event.created`); applied "
      "after `include_fields`");
    const std::string exclude_problem = first_problem(exclude_fields, true);
    v.check("exclude_fields", exclude_problem.empty(), exclude_problem);
  }

  FieldSelection fields() const { return FieldSelection(include_fields, exclude_fields); }

 private:
  // What is wrong with the first unusable name of `names`, or "" when all are fine.
  static std::string first_problem(const std::vector<std::string>& names, bool excluding) {
    for (const std::string& name : names) {
      if (auto problem = FieldSelection::name_problem(name, excluding)) return *problem;
    }
    return {};
  }
};

// What the engine lends every input it builds.
struct InputEnvironment {
  Zone zone;         // the input's zone (its own or the agent's)
  std::string host;  // host.name for records that name none
  RunStats& stats;
  CheckpointStore* checkpoints = nullptr;   // null: positions are not remembered
  DescriptorBudget* descriptors = nullptr;  // null: files are not counted against a budget
  std::size_t max_batches_in_flight = 4;    // per source
};

}  // namespace horolog
