// The plan of a search (plan.hpp) as the Xapian query the server runs.
#pragma once

#include <xapian.h>

#include "gazette/core.hpp"
#include "plan.hpp"

namespace gazette::search::detail {

class OpenCalls;

/// `plan` as a Xapian query. Open calls are read from `calls` (the server's lists), or, when
/// it is null (remote shards run only Xapian's own posting sources), from the stored
/// deadlines compared to `now`.
Xapian::Query xapian_query(const Plan& plan, const OpenCalls* calls, Instant now);

}  // namespace gazette::search::detail
