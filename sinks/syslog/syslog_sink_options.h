// Options of the syslog sink (`type: syslog`), declared once for decoding and for the reference,
// with the sizes and waits that follow from the transport when left at 0.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "config/option_types.h"

namespace horolog {

enum class SyslogTransport { tcp, tls, relp, udp };
enum class SyslogFraming { octet_counting, lf };
enum class SyslogPayload { rfc5424, rfc3164, cee, ndjson };
enum class SyslogMessage { json, original };

struct SyslogSinkOptions {
  SyslogTransport transport = SyslogTransport::tcp;
  std::vector<std::string> address;
  SyslogFraming framing = SyslogFraming::octet_counting;
  SyslogPayload payload = SyslogPayload::rfc5424;
  SyslogMessage message = SyslogMessage::json;
  config::ByteSize max_message_size{0};
  bool tls = false;
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  std::string server_name;
  config::Duration connect_timeout = std::chrono::seconds(5);
  config::Duration ack_timeout = std::chrono::seconds(30);
  config::Duration reconnect_min = std::chrono::milliseconds(200);
  config::Duration reconnect_max = std::chrono::seconds(30);
  std::uint64_t relp_window = 1024;

  template <class V>
  void describe(V& v) {
    v("transport", transport,
      config::Choices<SyslogTransport>{{{"tcp", SyslogTransport::tcp},
                                        {"tls", SyslogTransport::tls},
                                        {"relp", SyslogTransport::relp},
                                        {"udp", SyslogTransport::udp}}},
      "`tcp`, `tls` (TCP with TLS 1.2 or later), `relp` (every message acknowledged by the "
      "receiver; with `tls: true` over TLS) or `udp` (lossy: nothing tells a lost datagram)");
    v("address", address,
      "Receivers as `host:port` (`[v6]:port` for IPv6), tried in order: the next one when a "
      "connection fails");
    v.check("address", !address.empty(), "a syslog sink needs at least one `address`");
    bool ports = true;
    for (const std::string& a : address) ports &= a.rfind(':') != std::string::npos;
    v.check("address", ports, "every address is `host:port`");
    v("framing", framing,
      config::Choices<SyslogFraming>{
          {{"octet_counting", SyslogFraming::octet_counting}, {"lf", SyslogFraming::lf}}},
      "TCP and TLS: `octet_counting` (`LEN SP MSG`, RFC 6587 and 5425) or `lf` (each message "
      "ends in a newline; a newline inside a message becomes a space)");
    v("payload", payload,
      config::Choices<SyslogPayload>{{{"rfc5424", SyslogPayload::rfc5424},
                                      {"rfc3164", SyslogPayload::rfc3164},
                                      {"cee", SyslogPayload::cee},
                                      {"ndjson", SyslogPayload::ndjson}}},
      "What each message is: `rfc5424`, `rfc3164` (for old receivers), `cee` (`@cee: ` and the "
      "JSON event after an RFC 3164 header) or `ndjson` (the plain line)");
    v("message", message,
      config::Choices<SyslogMessage>{
          {{"json", SyslogMessage::json}, {"original", SyslogMessage::original}}},
      "rfc5424 and rfc3164: MSG is the normalized JSON event (`json`) or the original message "
      "(`original`, with the time evidence as structured data `[horolog@32473 ...]` in rfc5424)");
    v.check("message",
            message == SyslogMessage::json || payload == SyslogPayload::rfc5424 ||
                payload == SyslogPayload::rfc3164,
            "`message: original` needs payload rfc5424 or rfc3164");
    v("max_message_size", max_message_size,
      "Longest message in bytes, header included; longer ones are cut at a UTF-8 boundary and "
      "counted (rfc5424 adds `truncated=\"true\"`). 0: 65536 (2048 with transport: udp)");
    v.check("max_message_size", max_message_size.bytes == 0 || max_message_size.bytes >= 480,
            "must be 0 (by transport) or at least 480 bytes (RFC 5424's minimum)");
    v("tls", tls, "transport: relp only: RELP over TLS (transport: tls is TCP over TLS)");
    v.check("tls", !tls || transport == SyslogTransport::relp,
            "`tls: true` is for transport: relp (use transport: tls for TCP)");
    const bool uses_tls = transport == SyslogTransport::tls || tls;
    v("ca_file", ca_file,
      "PEM file of the certificate authorities that sign the receiver's certificate (TLS); "
      "empty: the system's");
    v("cert_file", cert_file, "PEM client certificate (TLS, optional; with `key_file`)");
    v("key_file", key_file, "PEM private key of `cert_file`");
    v.check("key_file", cert_file.empty() == key_file.empty(),
            "`cert_file` and `key_file` go together");
    v("server_name", server_name,
      "TLS: the name the receiver's certificate must carry, also sent as SNI; empty: the host "
      "of the address being connected to");
    v.check("ca_file", uses_tls || (ca_file.empty() && cert_file.empty() && server_name.empty()),
            "TLS settings need transport: tls, or transport: relp with tls: true");
    v("connect_timeout", connect_timeout, "Longest wait for a connection (and its handshakes)");
    v("ack_timeout", ack_timeout,
      "RELP: longest wait for an acknowledgement; TCP and TLS: for the kernel's send queue to "
      "drain. Then the connection counts as broken and the batch is sent again");
    v("reconnect_min", reconnect_min, "First wait before connecting again after a failure");
    v("reconnect_max", reconnect_max, "Longest wait between attempts (doubling, with jitter)");
    v.check("reconnect_max", reconnect_max >= reconnect_min, "must be at least reconnect_min");
    v("relp_window", relp_window, "RELP: most messages sent and not yet acknowledged");
    v.check("relp_window", relp_window >= 1 && relp_window <= 100000, "must be 1 to 100000");
  }

  // max_message_size, or the transport's default when 0.
  std::size_t message_limit() const noexcept {
    if (max_message_size.bytes != 0) return max_message_size.bytes;
    return transport == SyslogTransport::udp ? 2048 : 65536;
  }
};

}  // namespace horolog
