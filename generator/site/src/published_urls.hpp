// Nothing already published disappears without a decision.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/render.hpp"

namespace gazette::site {

/// Every page of the last published commit must still exist, or be redirected: reports each
/// one that would disappear, as `severity` (an error when publishing, else a warning).
/// `draft_urls`: the addresses of documents made drafts (→ their path), for the hint.
void check_published_urls(const std::vector<render::PageJob>& jobs,
                          const std::map<std::string, std::string>& draft_urls,
                          const render::SiteHistory& site_history, const config::SiteConfig& config,
                          Severity severity, Diagnostics& diags);

/// How to keep the published page at `url`, as TOML to paste: the document kept and marked
/// withdrawn (its front matter), or a redirect (site.toml).
std::string keep_page_hint(const std::string& url, Severity severity);
/// The same for a published page whose document (at `path`) was made a draft.
std::string keep_draft_page_hint(const std::string& path, Severity severity);

}  // namespace gazette::site
