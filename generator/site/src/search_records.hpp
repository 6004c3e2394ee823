// What the search index holds: each document and each task of a proposal list as a record,
// and which records go to archived rounds' databases.
#pragma once

#include <string>

#include "gazette/config.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"
#include "gazette/search.hpp"

namespace gazette::site {

/// A document as search results list it.
search::Listing listing_of(const content::Document& doc);

/// Every document (its text as a reader sees it) and every task, in that order.
std::vector<search::Record> search_records(const model::SiteModel& model,
                                           const render::RenderedBodies& bodies);

/// Writes the index without switching to it: documents of archived rounds go to databases
/// of their own, built once.
Result<search::PreparedIndex> write_search_index(const model::SiteModel& model,
                                                 const render::RenderedBodies& bodies,
                                                 const config::SiteConfig& config, unsigned threads,
                                                 const std::string& source_commit);

}  // namespace gazette::site
