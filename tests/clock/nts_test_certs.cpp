// The openssl commands of a minimal private CA; keys unencrypted, as a test server needs them.
#include "nts_test_certs.h"

#include "tests/support/process.h"
#include "tests/support/test_paths.h"

namespace horolog::test {

bool make_nts_certificates(const std::filesystem::path& dir, const std::string& names) {
  const std::string d = dir.string();
  write_file(dir / "server.ext",
             "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
             "extendedKeyUsage=serverAuth\nsubjectAltName=" +
                 names + "\n");
  const std::vector<std::vector<std::string>> commands = {
      {"openssl",
       "req",
       "-x509",
       "-newkey",
       "ec",
       "-pkeyopt",
       "ec_paramgen_curve:prime256v1",
       "-nodes",
       "-keyout",
       d + "/ca.key",
       "-out",
       d + "/ca.crt",
       "-days",
       "30",
       "-subj",
       "/CN=NTS Test CA",
       "-addext",
       "basicConstraints=critical,CA:TRUE",
       "-addext",
       "keyUsage=critical,keyCertSign,cRLSign"},
      {"openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", d + "/server.key", "-out", d + "/server.csr", "-subj", "/CN=nts test server"},
      {"openssl", "x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.crt", "-CAkey",
       d + "/ca.key", "-CAcreateserial", "-out", d + "/server.crt", "-days", "30", "-extfile",
       d + "/server.ext"},
  };
  for (const auto& command : commands) {
    if (run_process(command).exit_code != 0) return false;
  }
  return true;
}

}  // namespace horolog::test
