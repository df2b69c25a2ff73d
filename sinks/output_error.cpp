// The errno values of open(2) and write(2) that depend only on the name: the same name fails
// the same way however long the sink waits.
#include "sinks/output_error.h"

#include <cerrno>

namespace horolog {

bool is_permanent_output_error(int err) noexcept {
  switch (err) {
    case ENAMETOOLONG:
    case ELOOP:
    case EINVAL:
    case EILSEQ: return true;
    default: return false;
  }
}

}  // namespace horolog
