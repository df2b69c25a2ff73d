// PathTemplate: fields from the event's UTC time and names, sanitised so events cannot steer paths.
#include "sinks/path_template.h"

#include <gtest/gtest.h>

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

TEST(PathTemplate, RejectsUnknownFieldsAtStartUp) {
  for (const char* text : {"out/%Q.ndjson", "out/{nope}.ndjson", "out/{input.ndjson"}) {
    const Result<PathTemplate> path = PathTemplate::parse(text);
    ASSERT_FALSE(path) << text;
    EXPECT_EQ(path.error().code(), ErrorCode::invalid_config) << text;
  }
}

}  // namespace
}  // namespace horolog::test
