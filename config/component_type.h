// The row shape of the registries of input and sink types (`type: file`): a name, a description,
// the type's options decoded and documented from their describe(), and the function that builds
// the component from them. Adding a type is its folder plus one row, made by component_type().
#pragma once

#include <algorithm>
#include <any>
#include <memory>
#include <span>
#include <string_view>

#include "config/reference_writer.h"
#include "config/yaml_decoder.h"
#include "normalizer/error.h"

namespace horolog::config {

// `Config` holds the keys every component of the kind has, with the type's options in
// `Config::settings` (a std::any holding the type's Options); `Environment` is what the engine
// lends every component of the kind when building it.
template <class Config, class Environment, class Built>
struct ComponentType {
  std::string_view name;
  std::string_view description;
  // Decodes the type's own keys from the component's mapping into `settings`.
  void (*decode)(YamlDecoder& decoder, std::any& settings);
  // Adds the type's keys to a reference.
  void (*document)(ReferenceWriter& writer);
  // Builds the component (start-up: opens files, creates producers).
  Result<std::unique_ptr<Built>> (*build)(const Config& config, Environment& environment);
};

// A row for `Component`, whose options struct is `Options` and which is built by
// `Component::create(const Config&, const Options&, Environment&)`.
template <class Options, class Component, class Config, class Environment, class Built>
constexpr ComponentType<Config, Environment, Built> component_type(std::string_view name,
                                                                   std::string_view description) {
  return {name, description,
          [](YamlDecoder& decoder, std::any& settings) {
            settings.emplace<Options>().describe(decoder);
          },
          [](ReferenceWriter& writer) {
            Options options{};
            options.describe(writer);
          },
          [](const Config& config, Environment& environment) -> Result<std::unique_ptr<Built>> {
            const auto* options = std::any_cast<Options>(&config.settings);
            if (options == nullptr) {
              return fail(ErrorCode::invalid_config,
                          "`" + config.name + "` has no options of type `" + config.type + "`");
            }
            auto built = Component::create(config, *options, environment);
            if (!built) return fail(built.error());
            return std::unique_ptr<Built>(std::move(*built));
          }};
}

// nullptr when no row has that name.
template <class Type>
const Type* find_component_type(std::span<const Type> types, std::string_view name) noexcept {
  auto it = std::find_if(types.begin(), types.end(),
                         [name](const Type& type) { return type.name == name; });
  return it == types.end() ? nullptr : &*it;
}

}  // namespace horolog::config
