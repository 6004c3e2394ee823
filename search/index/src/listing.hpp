// A listing as JSON: what the index stores of each record and what /api/search shows of each
// hit, written and read in one place.
#pragma once

#include <nlohmann/json.hpp>

#include "gazette/search.hpp"

namespace gazette::search::detail {

/// The listing's fields; empty ones are left out.
nlohmann::ordered_json listing_json(const Listing& listing);
/// The listing back from listing_json()'s object (missing fields stay empty).
Listing listing_from_json(const nlohmann::json& j);

}  // namespace gazette::search::detail
