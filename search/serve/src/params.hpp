// Request parameters → a search query, refusing what cannot be searched with a message.
#pragma once

#include <map>
#include <string>

#include "gazette/core.hpp"
#include "gazette/search.hpp"
#include "gazette/serve.hpp"

namespace gazette::serve::detail {

/// Parameter name → values, in order (a name may repeat: kind=notice&kind=guidance).
using Params = std::multimap<std::string, std::string>;

/// The query the parameters ask for, or the reason (a sentence for the reader) it is refused.
Result<search::Query> parse_query(const Params& params, const QueryDefaults& defaults);

}  // namespace gazette::serve::detail
