// What the real receivers of the syslog sink's tests (rsyslogd, syslog-ng) share: free loopback
// ports, waiting until one is taken, certificates made for one test, and the file each receiver
// writes its messages to, one per line.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace horolog::test {

// A free TCP (or with `udp`, UDP) port on 127.0.0.1, bound and released: the receiver takes it
// just after.
int free_port(bool udp = false);

// Waits up to `timeout_ms` until something listens on TCP `port` (a connection is accepted) or,
// with `udp`, holds UDP `port` (binding it fails); false when it never did.
bool wait_listening(int port, bool udp, int timeout_ms);

// Certificates made with openssl for one test: a CA, a server certificate for 127.0.0.1 and
// localhost signed by it, a client certificate signed by it, and another CA (whose signature
// must be refused).
struct TestCertificates {
  std::filesystem::path ca, server_cert, server_key, stranger_ca, client_cert, client_key;
};
TestCertificates make_certificates(const std::filesystem::path& dir);

// The lines of `file` so far (none when it does not exist yet).
std::vector<std::string> file_lines(const std::filesystem::path& file);
// Waits until `file` has at least `count` lines, or `timeout_ms` passed, or (when not 0) no line
// came for `idle_ms`; the line count.
std::size_t wait_file_lines(const std::filesystem::path& file, std::size_t count, int timeout_ms,
                            int idle_ms = 0);

}  // namespace horolog::test
