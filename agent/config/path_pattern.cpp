// Patterns are cut into path components first, so that `.` and `..` can be resolved as
// std::filesystem::path::lexically_normal() resolves them in the names the file input reads.
#include "agent/config/path_pattern.h"

#include <cctype>
#include <optional>
#include <string>

namespace horolog {

namespace {

using Step = PathPattern::Step;
using Component = std::vector<Step>;

std::bitset<256> every_byte_but(std::string_view excluded) {
  std::bitset<256> bytes;
  bytes.set();
  bytes.reset(0);  // no path holds a NUL
  for (char c : excluded) bytes.reset(static_cast<unsigned char>(c));
  return bytes;
}

Step one(unsigned char byte) {
  Step step;
  step.bytes.set(byte);
  return step;
}

// Bytes of a POSIX class (`[:alpha:]`) in the C locale, which the agent runs in.
std::bitset<256> class_bytes(std::string_view name) {
  int (*test)(int) = nullptr;
  if (name == "alpha") test = isalpha;
  if (name == "digit") test = isdigit;
  if (name == "alnum") test = isalnum;
  if (name == "upper") test = isupper;
  if (name == "lower") test = islower;
  if (name == "space") test = isspace;
  if (name == "blank") test = isblank;
  if (name == "punct") test = ispunct;
  if (name == "print") test = isprint;
  if (name == "graph") test = isgraph;
  if (name == "cntrl") test = iscntrl;
  if (name == "xdigit") test = isxdigit;
  std::bitset<256> bytes;
  for (int c = 1; test != nullptr && c < 256; ++c)
    bytes[static_cast<std::size_t>(c)] = test(c) != 0;
  return bytes;
}

// The bytes of the bracket expression starting at text[at] == '[' and the index after its ']', or
// nullopt when it is not closed (the '[' is then an ordinary character).
std::optional<std::pair<std::bitset<256>, std::size_t>> bracket(std::string_view text,
                                                                std::size_t at) {
  std::size_t i = at + 1;
  const bool negated = i < text.size() && (text[i] == '!' || text[i] == '^');
  if (negated) ++i;
  std::bitset<256> bytes;
  for (bool first = true; i < text.size(); first = false) {
    if (text[i] == ']' && !first) {
      if (negated) bytes.flip();
      bytes.reset(0);
      return std::pair{bytes, i + 1};
    }
    if (text[i] == '[' && i + 1 < text.size() &&
        (text[i + 1] == ':' || text[i + 1] == '=' || text[i + 1] == '.')) {
      const char kind = text[i + 1];
      const std::size_t end = text.find(std::string{kind, ']'}, i + 2);
      if (end != std::string_view::npos) {
        const std::string_view name = text.substr(i + 2, end - i - 2);
        if (kind == ':') {
          bytes |= class_bytes(name);
        } else {
          for (char c : name) bytes.set(static_cast<unsigned char>(c));
        }
        i = end + 2;
        continue;
      }
    }
    const auto take = [&] {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      return static_cast<unsigned char>(text[i++]);
    };
    const unsigned char low = take();
    if (i + 1 < text.size() && text[i] == '-' && text[i + 1] != ']') {
      ++i;
      const unsigned char high = take();
      for (unsigned c = low; c <= high; ++c) bytes.set(c);
    } else {
      bytes.set(low);
    }
  }
  return std::nullopt;
}

// Steps of a glob(3) or fnmatch(3) pattern whose wildcards read `wildcard` bytes.
Component wildcard_steps(std::string_view text, const std::bitset<256>& wildcard,
                         bool not_leading_dot) {
  Component steps;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    Step step;
    if (c == '*' || c == '?') {
      step.bytes = wildcard;
      step.repeats = c == '*';
      step.not_leading_dot = not_leading_dot;
      ++i;
    } else if (auto set = c == '[' ? bracket(text, i) : std::nullopt) {
      step.bytes = set->first & wildcard;
      step.not_leading_dot = not_leading_dot;
      i = set->second;
    } else {
      if (c == '\\' && i + 1 < text.size()) ++i;
      step = one(static_cast<unsigned char>(text[i++]));
    }
    steps.push_back(step);
  }
  return steps;
}

// Steps that read at least one byte out of `bytes`.
void add_some(Component& steps, const std::bitset<256>& bytes) {
  Step step;
  step.bytes = bytes;
  steps.push_back(step);
  step.repeats = true;
  steps.push_back(step);
}

bool is_literal(const Component& component, std::string_view text) {
  if (component.size() != text.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const Step& step = component[i];
    if (step.repeats || step.not_leading_dot || step.bytes.count() != 1 ||
        !step.bytes[static_cast<unsigned char>(text[i])]) {
      return false;
    }
  }
  return true;
}

// `components` of an absolute path or, when not `absolute`, of one under `cwd`, with `.` and `..`
// resolved and empty components dropped, joined by '/' steps.
PathPattern join(std::vector<Component> components, bool absolute,
                 const std::filesystem::path& cwd) {
  std::vector<Component> normal;
  if (!absolute) {
    for (const std::filesystem::path& part : cwd.relative_path()) {
      Component literal;
      for (char c : part.native()) literal.push_back(one(static_cast<unsigned char>(c)));
      normal.push_back(std::move(literal));
    }
  }
  for (Component& component : components) {
    if (component.empty() || is_literal(component, ".")) continue;
    if (is_literal(component, "..")) {
      if (!normal.empty()) normal.pop_back();
      continue;
    }
    normal.push_back(std::move(component));
  }
  PathPattern pattern;
  for (Component& component : normal) {
    pattern.steps.push_back(one('/'));
    pattern.steps.insert(pattern.steps.end(), component.begin(), component.end());
  }
  if (normal.empty()) pattern.steps.push_back(one('/'));
  return pattern;
}

}  // namespace

PathPattern PathPattern::glob(std::string_view pattern, const std::filesystem::path& cwd) {
  // glob(3) splits the pattern at every '/' before it reads a component's wildcards.
  std::vector<Component> components;
  const std::bitset<256> in_component = every_byte_but("/");
  for (std::size_t begin = 0; begin <= pattern.size();) {
    const std::size_t end = std::min(pattern.find('/', begin), pattern.size());
    components.push_back(
        wildcard_steps(pattern.substr(begin, end - begin), in_component, /*not_leading_dot=*/true));
    begin = end + 1;
  }
  return join(std::move(components), pattern.starts_with('/'), cwd);
}

PathPattern PathPattern::fnmatch(std::string_view pattern, bool last_component_only) {
  PathPattern result;
  result.steps = wildcard_steps(pattern, every_byte_but(""), /*not_leading_dot=*/false);
  result.last_component_only = last_component_only;
  return result;
}

PathPattern PathPattern::shape(const config::PathShape& shape, const std::filesystem::path& cwd) {
  std::vector<Component> components(1);
  bool absolute = false;
  for (const config::PathShape::Part& part : shape.parts()) {
    using Piece = config::PathShape::Piece;
    switch (part.piece) {
      case Piece::literal:
        for (char c : part.text) {
          if (c != '/') {
            components.back().push_back(one(static_cast<unsigned char>(c)));
            continue;
          }
          if (components.size() == 1 && components.back().empty()) absolute = true;
          components.emplace_back();
        }
        break;
      case Piece::field: add_some(components.back(), every_byte_but("/")); break;
      case Piece::number: add_some(components.back(), class_bytes("digit")); break;
      case Piece::below: add_some(components.back(), every_byte_but("")); break;
    }
  }
  return join(std::move(components), absolute, cwd);
}

}  // namespace horolog
