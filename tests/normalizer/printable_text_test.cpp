// Text from outside the agent (file names) written into its own log: control characters and
// bytes that are not UTF-8 are escaped, so a file name cannot forge log lines or steer a terminal.
#include "normalizer/printable_text.h"

#include <gtest/gtest.h>

namespace horolog {
namespace {

TEST(PrintableText, LeavesOrdinaryPathsAndUtf8Alone) {
  EXPECT_EQ(printable_text("/var/log/syslog.1"), "/var/log/syslog.1");
  EXPECT_EQ(printable_text("/srv/caf\xc3\xa9/\xe6\x97\xa5\xe5\xbf\x97 \xf0\x9f\x93\x9c.log"),
            "/srv/caf\xc3\xa9/\xe6\x97\xa5\xe5\xbf\x97 \xf0\x9f\x93\x9c.log");
}

TEST(PrintableText, EscapesNewlinesAndTerminalEscapeSequences) {
  EXPECT_EQ(printable_text("a\nb\x1b[31mred\r\t.log"), "a\\nb\\x1b[31mred\\r\\t.log");
  EXPECT_EQ(printable_text(std::string_view("nul\0del\x7f", 8)), "nul\\x00del\\x7f");
}

TEST(PrintableText, EscapesBackslashSoThatEscapesAreUnambiguous) {
  EXPECT_EQ(printable_text("C:\\n"), "C:\\\\n");
}

TEST(PrintableText, EscapesC1ControlsAndBytesThatAreNotUtf8) {
  EXPECT_EQ(printable_text("csi\xc2\x9b"
                           "2J"),
            "csi\\xc2\\x9b2J");  // U+009B, a C1 control
  EXPECT_EQ(printable_text("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(printable_text("cut\xe2\x82"), "cut\\xe2\\x82");     // a truncated sequence
  EXPECT_EQ(printable_text("\xc0\xaf"), "\\xc0\\xaf");           // an overlong '/'
  EXPECT_EQ(printable_text("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a UTF-16 surrogate
}

}  // namespace
}  // namespace horolog
