// Which errors of an output file no retry can cure: the file sink retries the others (a full
// disk, a missing permission: an operator may fix them) and routes these per on_permanent_error.
#pragma once

namespace horolog {

// True for an errno that says the output's name itself is unusable: too long (ENAMETOOLONG),
// a symlink where the output should be (ELOOP, opened with O_NOFOLLOW), or a name the file
// system does not accept (EINVAL, EILSEQ).
bool is_permanent_output_error(int err) noexcept;

}  // namespace horolog
