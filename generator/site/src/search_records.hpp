// What the search index holds: each document and each task of a proposal list as a record,
// and which records go to archived rounds' databases.
#pragma once

#include <filesystem>
#include <optional>
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

struct IndexOptions {
  unsigned threads = 0;
  std::string source_commit;  ///< the commit the content is at ("" outside git)
  /// Where what the last index was made from is noted ("": not noted, always written).
  std::filesystem::path inputs_file;
  bool rewrite = false;  ///< written even when the live index has the same inputs
};

/// Writes the index without switching to it: documents of archived rounds go to databases
/// of their own, built once. Nothing (nullopt) when the live index was made from the same
/// records by this program: it is kept as it is.
Result<std::optional<search::PreparedIndex>> write_search_index(const model::SiteModel& model,
                                                                std::vector<std::string> texts,
                                                                const config::SiteConfig& config,
                                                                const IndexOptions& options);

}  // namespace gazette::site
