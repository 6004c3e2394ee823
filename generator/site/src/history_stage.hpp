// The public history of the site's documents, read from the git repository of content/.
#pragma once

#include <map>
#include <memory>
#include <mutex>
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

  /// The file as committed by `change`; safe from any thread (a reader per thread).
  Result<std::string> bytes_at(const history::Change& change) const;
  /// The document as committed by `change`, parsed; nullptr when it is not a valid
  /// document. Each version is read and parsed once, whichever page needs it first.
  std::shared_ptr<const content::Document> version(const content::Document& doc,
                                                   const history::Change& change,
                                                   const config::SiteConfig& config) const;
  /// The text of that version as a reader sees it (Markdown rendered), cached the same way:
  /// each change page compares a version with the one before.
  std::shared_ptr<const std::string> text(const content::Document& doc,
                                          const history::Change& change,
                                          const config::SiteConfig& config) const;

 private:
  struct Versions {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const content::Document>> parsed;
    std::map<std::string, std::shared_ptr<const std::string>> texts;
  };
  std::unique_ptr<Versions> versions_ = std::make_unique<Versions>();
};

/// Reads the repository that holds content/. Without git, or in a shallow clone (whose dates
/// would be wrong), there is no history and a warning says why; no date is invented.
SiteHistory read_site_history(const config::SiteConfig& config, Diagnostics& diags);

}  // namespace gazette::site
