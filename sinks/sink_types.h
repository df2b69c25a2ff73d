// The sink types a config may name (`type: kafka`), in one table (sink_types.cpp): adding a type
// is its folder under sinks/ plus one row there.
#pragma once

#include <span>
#include <string_view>

#include "config/component_type.h"
#include "sinks/sink.h"

namespace horolog {

using SinkType = config::ComponentType<SinkConfig, const SinkEnvironment, Sink>;

std::span<const SinkType> sink_types() noexcept;
// nullptr when no type of that name is registered.
const SinkType* find_sink_type(std::string_view name) noexcept;

}  // namespace horolog
