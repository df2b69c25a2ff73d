// Mode 6 codec: request bytes as ntpq sends them, and responses that are truncated, foreign,
// out of order, duplicated, contradictory or oversized.
#include "agent/commands/clock_audit/control_packet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace horolog::audit {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes response(std::uint8_t flags, std::uint16_t sequence, std::uint16_t offset,
               std::string_view data, std::uint16_t status = 0x0615) {
  Bytes p(12 + data.size(), 0);
  p[0] = (2 << 3) | 6;
  p[1] = flags;
  p[2] = static_cast<std::uint8_t>(sequence >> 8);
  p[3] = static_cast<std::uint8_t>(sequence);
  p[4] = static_cast<std::uint8_t>(status >> 8);
  p[5] = static_cast<std::uint8_t>(status);
  p[8] = static_cast<std::uint8_t>(offset >> 8);
  p[9] = static_cast<std::uint8_t>(offset);
  p[10] = static_cast<std::uint8_t>(data.size() >> 8);
  p[11] = static_cast<std::uint8_t>(data.size());
  std::copy(data.begin(), data.end(), p.begin() + 12);
  return p;
}

constexpr std::uint8_t kReadVarResponse = 0x80 | 2;
constexpr std::uint8_t kMore = 0x20;

TEST(ControlPacket, ReadVariablesRequestIsTheTwelveByteHeaderNtpqSends) {
  const Bytes packet = encode_control_request({ControlOpcode::read_variables, 0x1234, 0, {}});
  EXPECT_EQ(packet, (Bytes{0x16, 0x02, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(ControlPacket, RequestDataIsCountedAndPaddedToFourBytes) {
  const Bytes packet = encode_control_request({ControlOpcode::read_mru, 7, 0, "nonce=ab"});
  ASSERT_EQ(packet.size(), 20u);
  EXPECT_EQ(packet[1], 10);
  EXPECT_EQ(packet[11], 8);
  EXPECT_EQ(std::string(packet.begin() + 12, packet.end()), "nonce=ab");
  const Bytes odd = encode_control_request({ControlOpcode::read_mru, 7, 0, "abcde"});
  EXPECT_EQ(odd.size(), 20u);
  EXPECT_EQ(odd[11], 5);
}

TEST(ControlPacket, AcceptsOnlyAResponseToTheRequestAsked) {
  const Bytes good = response(kReadVarResponse, 9, 0, "version=\"x\"");
  ASSERT_TRUE(decode_control_response(good, ControlOpcode::read_variables, 9));
  EXPECT_FALSE(decode_control_response(good, ControlOpcode::read_variables, 10));
  EXPECT_FALSE(decode_control_response(good, ControlOpcode::read_status, 9));
  Bytes request = good;
  request[1] &= 0x7f;  // no response bit: our own request reflected
  EXPECT_FALSE(decode_control_response(request, ControlOpcode::read_variables, 9));
  Bytes mode3 = good;
  mode3[0] = 0x23;
  EXPECT_FALSE(decode_control_response(mode3, ControlOpcode::read_variables, 9));
}

TEST(ControlPacket, RejectsTruncatedPacketsAndCountsBeyondThePacket) {
  const Bytes good = response(kReadVarResponse, 9, 0, "abcdef");
  for (std::size_t n = 0; n < good.size(); ++n) {
    const auto cut = std::span(good).first(n);
    EXPECT_FALSE(decode_control_response(cut, ControlOpcode::read_variables, 9)) << n;
  }
  Bytes lying = good;
  lying[11] = 200;
  EXPECT_FALSE(decode_control_response(lying, ControlOpcode::read_variables, 9));
}

TEST(ControlPacket, ReassemblesFragmentsArrivingInAnyOrderWithDuplicates) {
  const Bytes a = response(kReadVarResponse | kMore, 1, 0, "version=\"ntpd ");
  const Bytes b = response(kReadVarResponse | kMore, 1, 14, "4.2.6p5\", ");
  const Bytes c = response(kReadVarResponse, 1, 24, "stratum=2");
  ControlAssembly assembly;
  for (const Bytes* p : {&c, &a, &a}) {
    ASSERT_TRUE(assembly.add(*decode_control_response(*p, ControlOpcode::read_variables, 1)));
    EXPECT_FALSE(assembly.complete());
  }
  ASSERT_TRUE(assembly.add(*decode_control_response(b, ControlOpcode::read_variables, 1)));
  EXPECT_TRUE(assembly.complete());
  EXPECT_EQ(assembly.text(), "version=\"ntpd 4.2.6p5\", stratum=2");
  EXPECT_EQ(control_variable(assembly.text(), "version"), "ntpd 4.2.6p5");
}

TEST(ControlPacket, RefusesFragmentsContradictingTheAnnouncedEnd) {
  ControlAssembly assembly;
  const Bytes last = response(kReadVarResponse, 1, 0, "abc");
  const Bytes beyond = response(kReadVarResponse | kMore, 1, 10, "xyz");
  ASSERT_TRUE(assembly.add(*decode_control_response(last, ControlOpcode::read_variables, 1)));
  EXPECT_FALSE(assembly.add(*decode_control_response(beyond, ControlOpcode::read_variables, 1)));
  ControlAssembly other;
  ASSERT_TRUE(other.add(*decode_control_response(beyond, ControlOpcode::read_variables, 1)));
  EXPECT_FALSE(other.add(*decode_control_response(last, ControlOpcode::read_variables, 1)));
}

TEST(ControlPacket, BoundsWhatAHostileServerCanMakeItHold) {
  // Offsets are 16 bits, so the bytes are bounded anyway; the fragments are counted, duplicates
  // too, so an endless stream of tiny or repeated fragments ends the listening.
  ControlAssembly tiny;
  int accepted = 0;
  for (std::uint16_t offset = 0; offset < 4000; offset += 4) {
    const Bytes p = response(kReadVarResponse | kMore, 1, offset, "abcd");
    if (!tiny.add(*decode_control_response(p, ControlOpcode::read_variables, 1))) break;
    ++accepted;
  }
  EXPECT_EQ(accepted, static_cast<int>(ControlAssembly::kMaxFragments));
  ControlAssembly repeated;
  const Bytes same = response(kReadVarResponse | kMore, 1, 0, "abcd");
  int taken = 0;
  while (taken < 1000 &&
         repeated.add(*decode_control_response(same, ControlOpcode::read_variables, 1))) {
    ++taken;
  }
  EXPECT_EQ(taken, static_cast<int>(ControlAssembly::kMaxFragments));
  EXPECT_EQ(repeated.text(), "abcd");
}

TEST(ControlPacket, AnErrorResponseCompletesWithItsCode) {
  ControlAssembly assembly;
  const Bytes p = response(kReadVarResponse | 0x40, 1, 0, "", 0x0500);
  ASSERT_TRUE(assembly.add(*decode_control_response(p, ControlOpcode::read_variables, 1)));
  EXPECT_TRUE(assembly.complete());
  EXPECT_TRUE(assembly.error());
  EXPECT_EQ(assembly.error_code(), 5);
}

TEST(ControlPacket, ReadsVariablesWithQuotedCommasAndLineBreaks) {
  const auto vars = control_variables(
      "version=\"ntpd 4.2.8p15@1.3728-o, built\", processor=\"x86_64\",\r\nleap=00, "
      "stratum=2, flag, addr.0=192.0.2.7:123, last.0=0x1");
  ASSERT_EQ(vars.size(), 7u);
  EXPECT_EQ(vars[0].second, "ntpd 4.2.8p15@1.3728-o, built");
  EXPECT_EQ(vars[2].first, "leap");
  EXPECT_EQ(vars[2].second, "00");
  EXPECT_EQ(vars[4].first, "flag");
  EXPECT_EQ(vars[5].second, "192.0.2.7:123");
  EXPECT_FALSE(control_variable("stratum=2", "version"));
}

TEST(ControlPacket, VariableParsingSurvivesGarbage) {
  for (const std::string_view text :
       {std::string_view("\"\"\"==,,,"), std::string_view("version=\"unterminated"),
        std::string_view("=x"), std::string_view("a=,b"), std::string_view("\0\xff=\x01", 4)}) {
    const auto vars = control_variables(text);
    for (const auto& [name, value] : vars) {
      EXPECT_GE(name.data(), text.data());
      EXPECT_LE(value.data() + value.size(), text.data() + text.size());
    }
  }
  EXPECT_EQ(control_variable("version=\"unterminated", "version"), "unterminated");
}

}  // namespace
}  // namespace horolog::audit
