// The public history of the site's documents, read from the git repository of content/.
#pragma once

#include <string>

#include "gazette/config.hpp"
#include "gazette/content.hpp"
#include "gazette/core.hpp"
#include "gazette/history.hpp"

namespace gazette::site {

struct SiteHistory {
  bool available = false;  ///< content/ is in git, with its full history
  history::RepoInfo repo;
  history::History files;
  std::string content_prefix;  ///< content/'s path in the repository, "content/"

  /// The document's history, or nullptr (not in git, or not committed yet).
  const history::FileHistory* of(const content::Document& doc) const;
  /// Whether the document has changes not yet committed ("not yet published").
  bool uncommitted(const content::Document& doc) const;
  /// The document's path in the repository ("content/notices/2023/a.md").
  std::string repo_path(const content::Document& doc) const;
};

/// Reads the repository that holds content/. Without git, or in a shallow clone (whose dates
/// would be wrong), there is no history and a warning says why; no date is invented.
SiteHistory read_site_history(const config::SiteConfig& config, Diagnostics& diags);

}  // namespace gazette::site
