// NTS-KE records: the request's exact bytes, and a table of answers accepted and refused, each
// refusal with the words a report shows.
#include "normalizer/clock/nts_ke_records.h"

#include <gtest/gtest.h>

#include <string>

namespace horolog {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes record(std::uint16_t type, const Bytes& body, bool critical = true) {
  const auto word = static_cast<std::uint16_t>(type | (critical ? 0x8000 : 0));
  Bytes out(4 + body.size());
  out[0] = static_cast<std::uint8_t>(word >> 8);
  out[1] = static_cast<std::uint8_t>(word);
  out[2] = static_cast<std::uint8_t>(body.size() >> 8);
  out[3] = static_cast<std::uint8_t>(body.size());
  std::copy(body.begin(), body.end(), out.begin() + 4);
  return out;
}

Bytes join(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

const Bytes kProtocol = record(1, {0, 0});
const Bytes kAead = record(4, {0, 15});
const Bytes kCookie = record(5, Bytes(100, 0xab), false);
const Bytes kEnd = record(0, {});

TEST(NtsKeRecords, RequestsNtpv4WithAesSivCmac256AllCritical) {
  const Bytes expected{0x80, 1, 0, 2, 0, 0, 0x80, 4, 0, 2, 0, 15, 0x80, 0, 0, 0};
  EXPECT_EQ(nts_ke_request(), expected);
}

TEST(NtsKeRecords, TakesCookiesServerAndPort) {
  const Bytes server(std::string_view("ntp.example").begin(),
                     std::string_view("ntp.example").end());
  const Bytes answer = join({kProtocol, kAead, kCookie, record(5, {1, 2, 3, 4}, false),
                             record(6, server), record(7, {0x2b, 0x67}), kEnd});
  const auto parsed = parse_nts_ke_answer(answer);
  ASSERT_TRUE(parsed) << parsed.error().message();
  ASSERT_EQ(parsed->cookies.size(), 2u);
  EXPECT_EQ(parsed->cookies[1], (Bytes{1, 2, 3, 4}));
  EXPECT_EQ(parsed->ntp_server, "ntp.example");
  EXPECT_EQ(parsed->ntp_port, 11111);
}

TEST(NtsKeRecords, LeavesServerAndPortToTheCallerWhenNotNamed) {
  const auto parsed = parse_nts_ke_answer(join({kProtocol, kAead, kCookie, kEnd}));
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_TRUE(parsed->ntp_server.empty());
  EXPECT_FALSE(parsed->ntp_port);
}

TEST(NtsKeRecords, KeepsAtMostEightCookiesAndSkipsUnknownNonCriticalRecords) {
  Bytes answer = join({kProtocol, kAead, record(0x4000, {9, 9}, false)});
  for (int i = 0; i < 10; ++i) answer = join({answer, kCookie});
  answer = join({answer, kEnd});
  const auto parsed = parse_nts_ke_answer(answer);
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ(parsed->cookies.size(), kNtsMaxCookies);
}

TEST(NtsKeRecords, FindsTheEndOfTheAnswerOnlyOnceItIsComplete) {
  const Bytes answer = join({kProtocol, kAead, kCookie, kEnd});
  EXPECT_EQ(nts_ke_answer_length(answer), answer.size());
  EXPECT_FALSE(nts_ke_answer_length(std::span(answer).first(answer.size() - 1)));
  EXPECT_FALSE(nts_ke_answer_length(std::span(answer).first(7)));
}

struct RefusedAnswer {
  const char* name;
  Bytes answer;
  const char* says;
};

class NtsKeRefusedAnswer : public testing::TestWithParam<RefusedAnswer> {};

TEST_P(NtsKeRefusedAnswer, IsRefusedWithAReason) {
  const auto parsed = parse_nts_ke_answer(GetParam().answer);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message().find(GetParam().says), std::string::npos)
      << parsed.error().message();
}

INSTANTIATE_TEST_SUITE_P(
    Answers, NtsKeRefusedAnswer,
    testing::Values(
        RefusedAnswer{"Empty", {}, "ends before End of Message"},
        RefusedAnswer{"NoEnd", join({kProtocol, kAead, kCookie}), "ends before End of Message"},
        RefusedAnswer{"CutRecord", Bytes{0x80, 1, 0, 2, 0}, "cut short"},
        RefusedAnswer{"ServerError", join({record(2, {0, 1}), kEnd}), "error 1 (bad request)"},
        RefusedAnswer{"ServerWarning", join({kProtocol, record(3, {0, 7}), kEnd}), "warning 7"},
        RefusedAnswer{"NoProtocolOffered", join({record(1, {}), kEnd}), "no protocol"},
        RefusedAnswer{"OtherProtocol", join({record(1, {0x80, 0}), kAead, kCookie, kEnd}),
                      "did not offer"},
        RefusedAnswer{"OtherAead", join({kProtocol, record(4, {0, 16}), kCookie, kEnd}),
                      "AEAD algorithm we did not offer"},
        RefusedAnswer{"NoAead", join({kProtocol, kCookie, kEnd}), "no AEAD"},
        RefusedAnswer{"NoCookie", join({kProtocol, kAead, kEnd}), "no cookie"},
        RefusedAnswer{"UnknownCritical",
                      join({kProtocol, kAead, kCookie, record(0x1234, {}), kEnd}),
                      "unrecognized critical record type 4660"},
        RefusedAnswer{"BadPort", join({kProtocol, kAead, kCookie, record(7, {1}), kEnd}),
                      "Port Negotiation"},
        RefusedAnswer{"ServerNameWithSpace",
                      join({kProtocol, kAead, kCookie, record(6, {'a', ' ', 'b'}), kEnd}),
                      "not ASCII"},
        RefusedAnswer{"DataAfterEnd", join({kProtocol, kAead, kCookie, kEnd, kEnd}),
                      "after End of Message"}),
    [](const testing::TestParamInfo<RefusedAnswer>& info) { return info.param.name; });

}  // namespace
}  // namespace horolog
