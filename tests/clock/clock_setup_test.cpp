// The `clock:` config section turned into servers and monitor options.
#include "normalizer/clock/clock_setup.h"

#include <gtest/gtest.h>

#include "tests/support/test_paths.h"

namespace horolog {
namespace {

using namespace std::chrono_literals;

ClockOptions options_with(std::initializer_list<ClockServerOptions> servers) {
  ClockOptions o;
  o.servers = servers;
  return o;
}

TEST(ClockSetup, ParsesEveryAddressForm) {
  const auto specs = server_specs(options_with(
      {{"0.pool.ntp.org", 0}, {"127.0.0.1:11123", 1}, {"[::1]:11124", 0}, {"fe80::1", 0}}));
  ASSERT_TRUE(specs) << specs.error().message();
  ASSERT_EQ(specs->size(), 4u);
  EXPECT_EQ((*specs)[0].host, "0.pool.ntp.org");
  EXPECT_EQ((*specs)[0].port, 123);
  EXPECT_EQ((*specs)[1].port, 11123);
  EXPECT_EQ((*specs)[1].key_id, 1u);
  EXPECT_EQ((*specs)[2].host, "::1");
  EXPECT_EQ(to_string((*specs)[2]), "[::1]:11124");
  EXPECT_EQ(to_string((*specs)[3]), "[fe80::1]:123");
}

TEST(ClockSetup, AnNtsServerIsItsKeyExchangeServerOnPort4460UnlessAPortIsGiven) {
  ClockServerOptions plain{"time.example", 0};
  ClockServerOptions nts{"time.example", 0};
  nts.nts = true;
  ClockServerOptions nts_port{"[::1]:4461", 0};
  nts_port.nts = true;
  const auto specs = server_specs(options_with({plain, nts, nts_port}));
  ASSERT_TRUE(specs) << specs.error().message();
  EXPECT_FALSE((*specs)[0].nts);
  EXPECT_EQ((*specs)[0].port, 123);
  EXPECT_TRUE((*specs)[1].nts);
  EXPECT_EQ((*specs)[1].port, 4460);
  EXPECT_EQ((*specs)[2].port, 4461);
}

TEST(ClockSetup, CarriesTheNtsCaFile) {
  ClockOptions o = options_with({{"time.example", 0}});
  o.servers[0].nts = true;
  o.nts_ca_file = "/etc/horolog/nts-ca.pem";
  const auto monitor = make_monitor_options(o);
  ASSERT_TRUE(monitor) << monitor.error().message();
  EXPECT_EQ(monitor->nts.ca_file, "/etc/horolog/nts-ca.pem");
}

TEST(ClockSetup, NamesAMalformedAddress) {
  const auto specs = server_specs(options_with({{"ok.example", 0}, {"host:99999", 0}}));
  ASSERT_FALSE(specs);
  EXPECT_NE(specs.error().message().find("host:99999"), std::string::npos);
}

TEST(ClockSetup, LoadsTheKeyFileAndCarriesPollSettings) {
  test::TempDir dir;
  test::write_file(dir / "keys", "1 SHA1 HEX:818462B876FE3BEC373B5361D7D149EBEDC02DD9\n");
  ClockOptions o = options_with({{"127.0.0.1:11123", 1}});
  o.key_file = (dir / "keys").string();
  o.poll_interval = 32s;
  o.samples = 6;
  const auto m = make_monitor_options(o);
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_NE(m->keys.find(1), nullptr);
  EXPECT_EQ(m->poll_interval, 32s);
  EXPECT_EQ(m->query.samples, 6);
}

TEST(ClockSetup, RequiresTwoAgreeingServersWhenSeveralAreConfiguredAndOneForOne) {
  const auto several = make_monitor_options(options_with({{"127.0.0.1:1"}, {"127.0.0.1:2"}}));
  ASSERT_TRUE(several) << several.error().message();
  EXPECT_EQ(several->trust.min_agreeing, 2);
  const auto one = make_monitor_options(options_with({{"127.0.0.1:1"}}));
  ASSERT_TRUE(one) << one.error().message();
  EXPECT_EQ(one->trust.min_agreeing, 1);
}

TEST(ClockSetup, CarriesTheTrustSettings) {
  ClockOptions o = options_with({{"127.0.0.1:1"}, {"127.0.0.1:2"}, {"127.0.0.1:3"}});
  o.min_agreeing = 3;
  o.max_distance = 1500ms;
  const auto m = make_monitor_options(o);
  ASSERT_TRUE(m) << m.error().message();
  EXPECT_EQ(m->trust.min_agreeing, 3);
  EXPECT_EQ(m->trust.max_distance, 1500ms);
  EXPECT_EQ(make_monitor_options(ClockOptions{})->trust.max_distance, 16s);
}

TEST(ClockSetup, RejectsAServerKeyMissingFromTheKeyFile) {
  test::TempDir dir;
  test::write_file(dir / "keys", "1 SHA1 HEX:818462B876FE3BEC373B5361D7D149EBEDC02DD9\n");
  ClockOptions o = options_with({{"127.0.0.1:11123", 2}});
  o.key_file = (dir / "keys").string();
  const auto m = make_monitor_options(o);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message().find("key 2"), std::string::npos) << m.error().message();
}

TEST(ClockSetup, RejectsAMissingKeyFile) {
  ClockOptions o;
  o.key_file = "/nonexistent/chrony.keys";
  EXPECT_FALSE(make_monitor_options(o));
}

}  // namespace
}  // namespace horolog
