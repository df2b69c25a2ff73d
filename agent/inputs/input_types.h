// The input types a config may name (`type: file`), in one table (input_types.cpp): adding a type
// is its folder under agent/inputs/ plus one row there.
#pragma once

#include <span>
#include <string_view>

#include "agent/engine/input.h"
#include "agent/inputs/input_config.h"
#include "config/component_type.h"

namespace horolog {

using InputType = config::ComponentType<InputConfig, InputEnvironment, Input>;

std::span<const InputType> input_types() noexcept;
// nullptr when no type of that name is registered.
const InputType* find_input_type(std::string_view name) noexcept;
// Builds a configured input through its type's row: the one place where inputs are built.
Result<std::unique_ptr<Input>> build_input(const InputConfig& config, InputEnvironment& env);

}  // namespace horolog
