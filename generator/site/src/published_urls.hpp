// Nothing already published disappears without a decision.
#pragma once

#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/render.hpp"

namespace gazette::site {

/// Every page of the last published commit must still exist, or be redirected: reports each
/// one that would disappear, as `severity` (an error when publishing, else a warning).
void check_published_urls(const std::vector<render::PageJob>& jobs,
                          const render::SiteHistory& site_history, const config::SiteConfig& config,
                          Severity severity, Diagnostics& diags);

/// How to keep the published page at `url`, as TOML to paste: the document kept and marked
/// withdrawn (its front matter), or a redirect (site.toml).
std::string keep_page_hint(const std::string& url, Severity severity);

}  // namespace gazette::site
