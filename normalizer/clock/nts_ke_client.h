// The client side of NTS Key Establishment (RFC 8915 §4): TLS 1.3 with ALPN `ntske/1`, the
// server's certificate verified (CA and host name or address), the request sent, the answer
// parsed and the two AEAD keys exported. Blocking, bounded by a timeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "normalizer/clock/aes_siv.h"
#include "normalizer/time_types.h"

namespace horolog {

struct NtsKeOptions {
  // PEM file of the CAs a server's certificate must chain to; empty: the system's CAs.
  std::string ca_file;
  // For the whole exchange: connection, handshake, request and answer.
  Nanoseconds timeout = std::chrono::seconds(5);
};

// What a successful key exchange gives the NTP client.
struct NtsKeResult {
  AesSivKey c2s{};  // seals requests
  AesSivKey s2c{};  // opens replies
  std::vector<std::vector<std::uint8_t>> cookies;
  std::string ntp_host;  // from the NTPv4 Server record, else the key-exchange host
  std::uint16_t ntp_port = 123;
};

struct NtsKeFailure {
  enum class Kind : std::uint8_t {
    failed,                 // no usable answer: refused, closed, timed out, no ALPN, bad records
    certificate_untrusted,  // the certificate does not chain to a trusted CA (or has expired)
    hostname_mismatch,      // a trusted certificate, for another name or address
  };
  Kind kind = Kind::failed;
  std::string detail;  // for people: "connection refused", "no ALPN", the bad record
};

tl::expected<NtsKeResult, NtsKeFailure> nts_key_exchange(const std::string& host,
                                                         std::uint16_t port,
                                                         const NtsKeOptions& options);

}  // namespace horolog
