// PathTemplate: fields from the event's UTC time and names, sanitised so events cannot steer paths.
#include "sinks/path_template.h"

#include <gtest/gtest.h>

#include <climits>
#include <string>

namespace horolog::test {
namespace {

TEST(PathTemplate, RendersUtcTimeFieldsAndNames) {
  const PathTemplate path =
      PathTemplate::parse("out/{input}/{host}-{format}-%Y%m%d-%H%M%S-%j.ndjson").value();
  Event event;
  event.timestamp = SysNanos(std::chrono::seconds(1764158401));  // 2025-11-26T12:00:01Z
  event.input_name = "system";
  event.host = "web1";
  std::string out;
  path.render(event, "rfc3164", out);
  EXPECT_EQ(out, "out/system/web1-rfc3164-20251126-120001-330.ndjson");
}

TEST(PathTemplate, NamesFromEventsCannotLeaveTheFolder) {
  const PathTemplate path = PathTemplate::parse("out/{host}.ndjson").value();
  Event event;
  event.host = "../../etc/passwd";
  std::string out;
  path.render(event, "x", out);
  EXPECT_EQ(out.find('/', 4), std::string::npos) << out;
  event.host = "..";
  path.render(event, "x", out);
  EXPECT_NE(out, "out/...ndjson");
}

TEST(PathTemplate, LongNamesAreCutToABoundAndKeptDistinctByAHash) {
  const PathTemplate path = PathTemplate::parse("out/{host}.ndjson").value();
  Event event;
  const std::string host_a = std::string(200, 'h') + std::string(50, 'a');  // legal in RFC 5424
  const std::string host_b = std::string(200, 'h') + std::string(50, 'b');
  std::string first, second, again;
  event.host = host_a;
  path.render(event, "x", first);
  event.host = host_b;
  path.render(event, "x", second);
  event.host = host_a;
  path.render(event, "x", again);
  const std::string_view name = std::string_view(first).substr(4, first.size() - 4 - 7);
  EXPECT_LE(name.size(), 128u) << first;
  EXPECT_TRUE(name.starts_with(std::string(100, 'h'))) << first;
  EXPECT_NE(first, second) << "two long names that differ only after the cut";
  EXPECT_EQ(first, again);
  // A name within the bound is left as it is.
  const std::string at_bound(128, 'n');
  event.host = at_bound;
  path.render(event, "x", first);
  EXPECT_EQ(first, "out/" + std::string(128, 'n') + ".ndjson");
}

TEST(PathTemplate, PathComponentsLongerThanNameMaxAreCutAndKeptDistinct) {
  // Literal components can be longer than any file system allows, and so can several fields
  // side by side in one component.
  const PathTemplate path =
      PathTemplate::parse("out/" + std::string(300, 'd') + "/{host}-{input}-{format}.ndjson")
          .value();
  Event event;
  const std::string host(120, 'a'), input_b(120, 'b'), input_c = std::string(119, 'b') + "c";
  event.host = host;
  event.input_name = input_b;
  std::string first, second;
  path.render(event, "x", first);
  bound_path_components(first);
  event.input_name = input_c;
  path.render(event, "x", second);
  bound_path_components(second);
  for (const std::string& rendered : {first, second}) {
    std::size_t begin = 0;
    for (std::size_t slash = rendered.find('/'); begin < rendered.size();
         slash = rendered.find('/', begin)) {
      if (slash == std::string::npos) slash = rendered.size();
      const std::size_t length = slash - begin;
      const bool last = slash == rendered.size();
      // The last component leaves room for ".zst" and a rotation suffix such as ".12".
      EXPECT_LE(length, last ? std::size_t{NAME_MAX} - 16 : std::size_t{NAME_MAX}) << rendered;
      begin = slash + 1;
    }
  }
  EXPECT_TRUE(first.starts_with("out/" + std::string(200, 'd'))) << first;
  EXPECT_NE(first, second);
  // Short paths are left alone.
  std::string short_path = "out/a/b.ndjson";
  bound_path_components(short_path);
  EXPECT_EQ(short_path, "out/a/b.ndjson");
}

TEST(PathTemplate, RejectsUnknownFieldsAtStartUp) {
  for (const char* text : {"out/%Q.ndjson", "out/{nope}.ndjson", "out/{input.ndjson"}) {
    const Result<PathTemplate> path = PathTemplate::parse(text);
    ASSERT_FALSE(path) << text;
    EXPECT_EQ(path.error().code(), ErrorCode::invalid_config) << text;
  }
}

}  // namespace
}  // namespace horolog::test
