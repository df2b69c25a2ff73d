// Throwaway certificates for NTS tests, made with the openssl command into a test's directory:
// a CA and an EC P-256 server certificate signed by it for the names given.
#pragma once

#include <filesystem>
#include <string>

namespace horolog::test {

// Writes DIR/ca.crt (what clients trust), DIR/server.crt and DIR/server.key. `names` is a
// subjectAltName list such as "DNS:localhost,IP:127.0.0.1,IP:::1". False when openssl failed.
bool make_nts_certificates(const std::filesystem::path& dir,
                           const std::string& names = "DNS:localhost,IP:127.0.0.1,IP:::1");

}  // namespace horolog::test
