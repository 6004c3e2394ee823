// Nothing already published disappears without a decision.
#pragma once

#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/render.hpp"

namespace gazette::site {

/// Every page of the last published commit must still exist, or be redirected: reports each
/// one that would disappear.
void check_published_urls(const std::vector<render::PageJob>& jobs,
                          const render::SiteHistory& site_history, const config::SiteConfig& config,
                          Diagnostics& diags);

}  // namespace gazette::site
