// The registration table of input types: every one the agent knows, in one place.
#include "agent/inputs/input_types.h"

#include "agent/inputs/file/file_input.h"
#include "agent/inputs/journald/journald_input.h"

namespace horolog {

namespace {

template <class Options, class Component>
constexpr InputType row(std::string_view name, std::string_view description) {
  return config::component_type<Options, Component, InputConfig, InputEnvironment, Input>(
      name, description);
}

constexpr InputType kInputTypes[] = {
    row<FileInputOptions, FileInput>("file",
                                     "Tails files matched by glob patterns, following rotation"),
    row<JournaldInputOptions, JournaldInput>(
        "journald", "Reads the systemd journal (or copied journal files), resuming by cursor"),
};

}  // namespace

std::span<const InputType> input_types() noexcept { return kInputTypes; }

const InputType* find_input_type(std::string_view name) noexcept {
  return config::find_component_type(input_types(), name);
}

Result<std::unique_ptr<Input>> build_input(const InputConfig& config, InputEnvironment& env) {
  const InputType* type = find_input_type(config.type);
  if (type == nullptr) {
    return fail(ErrorCode::invalid_config,
                "input " + config.name + ": unknown input type `" + config.type + "`");
  }
  Result<std::unique_ptr<Input>> input = type->build(config, env);
  if (!input) return fail(input.error().within("input " + config.name));
  return input;
}

}  // namespace horolog
