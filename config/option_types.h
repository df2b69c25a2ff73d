// Value types that component option structs may use, and the contract by which a component
// declares its options once (key, member, one-line description) for decoding and for docs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace horolog::config {

// Written as "250ms", "5s", "1m", "2h", "1d" (one unit per value; a bare number is an error).
using Duration = std::chrono::nanoseconds;

// Written as "512", "64KiB", "64MiB", "1GiB" (also KB/MB/GB as powers of 1000).
struct ByteSize {
  std::uint64_t bytes = 0;
  friend bool operator==(ByteSize, ByteSize) = default;
};

// An enumerated option: the YAML value must be one of the names.
template <class E>
struct Choices {
  std::vector<std::pair<std::string_view, E>> names;
};

// How a component declares its options (Fluent Bit's config map, in C++):
//
//   struct FileSinkOptions {
//     std::string path = "./out/{input}.ndjson";
//     config::ByteSize max_size{64ull << 20};
//     template <class V> void describe(V& v) {
//       v("path", path, "output path template");
//       v("max_size", max_size, "rotate after this many bytes");
//     }
//   };
//
// V is a YAML decoder (config/yaml_decoder.h) or a reference writer; the component's header
// needs neither. Member types V must handle: bool, std::int64_t, std::uint64_t, double,
// std::string, std::vector<std::string>, Duration, ByteSize, std::map<std::string,std::string>,
// a nested struct with describe(), std::vector of such structs (a list of mappings; when the
// struct has `static constexpr std::string_view kScalarKey`, a plain string in the list stands for
// the mapping {kScalarKey: string}), and an enum via v(key, member, Choices<E>{...}, description).
// Checks that need more than a type (a zone name exists, a regex compiles) are written as
// v.check(key, ok, "message"), after the member was declared. Options that name files say what
// the files are to the agent with v.files(key, FileUse) (config/file_use.h): read, written or
// its own state, so that the whole config can be checked for an agent reading what it writes.

// Shared by the visitors: a struct that declares its options to V, and a list of such structs.
template <class T, class V>
concept DescribesTo = requires(T& options, V& v) {
  options.describe(v);
};

template <class T>
struct ListElement {
  using type = void;
};
template <class T>
struct ListElement<std::vector<T>> {
  using type = T;
};

template <class T, class V>
concept ListOfDescribed = DescribesTo<typename ListElement<T>::type, V>;

template <class T>
concept HasScalarKey = requires {
  std::string_view(T::kScalarKey);
};

}  // namespace horolog::config
