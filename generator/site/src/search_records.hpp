// What the search index holds: each document and each task of a proposal list as a record,
// and which records go to archived rounds' databases.
#pragma once

#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/search.hpp"

namespace gazette::site {

/// A document as search results list it (replaced by another: withdrawn, as on its page).
search::Listing listing_of(const model::SiteModel& model, const content::Document& doc);

/// Every document (its text as a reader sees it: `texts`, in the order of model.documents,
/// moved into the records) and every task, in that order.
std::vector<search::Record> search_records(const model::SiteModel& model,
                                           std::vector<std::string> texts);

/// Writes the index without switching to it: documents of archived rounds go to databases
/// of their own, built once.
Result<search::PreparedIndex> write_search_index(const model::SiteModel& model,
                                                 std::vector<std::string> texts,
                                                 const config::SiteConfig& config, unsigned threads,
                                                 const std::string& source_commit);

}  // namespace gazette::site
