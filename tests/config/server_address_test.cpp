// NTP server addresses as written in `clock.servers`: HOST, HOST:PORT, [IPv6]:PORT.
#include <gtest/gtest.h>

#include "normalizer/clock/clock_options.h"

namespace horolog {
namespace {

struct AddressCase {
  const char* text;
  const char* host;
  std::uint16_t port;
};

class ServerAddressAccepted : public testing::TestWithParam<AddressCase> {};

TEST_P(ServerAddressAccepted, SplitsHostAndPort) {
  auto address = parse_server_address(GetParam().text);
  ASSERT_TRUE(address.has_value()) << GetParam().text;
  EXPECT_EQ(address->host, GetParam().host);
  EXPECT_EQ(address->port, GetParam().port);
}

INSTANTIATE_TEST_SUITE_P(ServerAddress, ServerAddressAccepted,
                         testing::Values(AddressCase{"0.pool.ntp.org", "0.pool.ntp.org", 123},
                                         AddressCase{"ntp1:10123", "ntp1", 10123},
                                         AddressCase{"127.0.0.1:123", "127.0.0.1", 123},
                                         AddressCase{"[::1]:10123", "::1", 10123},
                                         AddressCase{"[::1]", "::1", 123},
                                         AddressCase{"::1", "::1", 123},
                                         AddressCase{"2001:db8::1", "2001:db8::1", 123},
                                         AddressCase{"ntp1:65535", "ntp1", 65535}));

class ServerAddressRejected : public testing::TestWithParam<const char*> {};

TEST_P(ServerAddressRejected, ReturnsNothing) {
  EXPECT_FALSE(parse_server_address(GetParam()).has_value()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(ServerAddress, ServerAddressRejected,
                         testing::Values("", ":123", "ntp1:", "ntp1:0", "ntp1:65536", "ntp1:12x",
                                         "ntp1:-1", "[::1", "[::1]x", "[::1]:", "[]:123", "ntp 1",
                                         "ntp1/24", "user@ntp1"));

}  // namespace
}  // namespace horolog
