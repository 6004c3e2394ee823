// The history stage: the public history of the site's documents, read from the git
// repository of content/, and a reader of their earlier versions for the change pages.
#pragma once

#include <memory>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/render.hpp"

namespace gazette::site {

/// The history, and the reader its `versions` points to, kept together.
struct GitHistory {
  render::SiteHistory history;
  std::unique_ptr<render::VersionReader> versions;
};

/// Reads the repository that holds content/. Without git, or in a shallow clone (whose dates
/// would be wrong), there is no history and a warning says why; no date is invented.
/// `config` must outlive the result (versions are parsed with it).
GitHistory read_site_history(const config::SiteConfig& config, Diagnostics& diags);

}  // namespace gazette::site
