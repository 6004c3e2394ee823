// A listing as JSON: what the index stores of each record and what /api/search shows of each
// hit, written and read in one place.
#pragma once

#include <xapian.h>

#include <map>
#include <nlohmann/json.hpp>

#include "gazette/search.hpp"

namespace gazette::search::detail {

/// The listing's fields; empty ones are left out.
nlohmann::ordered_json listing_json(const Listing& listing);
/// The listing back from listing_json()'s object (missing fields stay empty).
Listing listing_from_json(const nlohmann::json& j);
/// The listing stored as a document's data (its first line); nullopt if unreadable.
std::optional<Listing> stored_listing(const std::string& data);
/// Each programme's title by its id, from the programmes' own records in `db`.
std::map<std::string, std::string> program_titles(const Xapian::Database& db);

}  // namespace gazette::search::detail
