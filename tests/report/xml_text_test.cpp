// Escaping of text from logs: markup characters become entities, what XML 1.0 forbids goes away.
#include "agent/commands/report/xml_text.h"

#include <gtest/gtest.h>

namespace horolog::report {
namespace {

std::string escaped(std::string_view text) {
  std::string out;
  append_xml_text(out, text);
  return out;
}

TEST(XmlText, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(escaped("<script>a&b\"c'd</script>"),
            "&lt;script&gt;a&amp;b&quot;c&#39;d&lt;/script&gt;");
}

TEST(XmlText, DropsControlCharactersButKeepsWhitespace) {
  EXPECT_EQ(escaped("a\x01\x1b\x7f"
                    "b\tc\nd\re"),
            "a\x7f"
            "b\tc\nd\re");
  EXPECT_EQ(escaped(std::string("x\0y", 3)), "xy");
}

TEST(XmlText, ReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(escaped("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(escaped("a\xFF"
                    "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(escaped("\xC3"), "\xEF\xBF\xBD");                  // cut short
  EXPECT_EQ(escaped("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '<'
}

TEST(XmlText, DropsNoncharactersAndSurrogates) {
  EXPECT_EQ(escaped("a\xEF\xBF\xBE"
                    "b\xEF\xBF\xBF"
                    "c"),
            "abc");
  EXPECT_EQ(escaped("a\xED\xA0\x80"
                    "b"),
            "ab");
}

}  // namespace
}  // namespace horolog::report
