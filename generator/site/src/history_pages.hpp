// History on the site: when each document was published and amended, and a page per change
// showing what changed, word by word, for readers who are not programmers.
#pragma once

#include <vector>

#include "history_stage.hpp"
#include "pages.hpp"

namespace gazette::site {

/// Adds "published", "amended", "changes" and "unpublished" to a document's page values.
void add_history_view(templates::Value& page, const Document& doc, const ViewContext& ctx);

/// Deadline extensions the history shows: each committed change of the `deadline` field,
/// with the deadline before it and the day it was committed (oldest first).
std::vector<content::DeadlineChange> deadline_changes_in_history(const Document& doc,
                                                                 const ViewContext& ctx);

/// One page per change of a document's text: /<doc url>/changes/<short id>/.
void add_change_pages(std::vector<PageJob>& jobs, const ViewContext& ctx);

/// The address of a change's page.
std::string change_url(const Document& doc, const history::Change& change);

/// Whether a change has a page of its own (it changed the text, not only the name).
bool has_change_page(const history::Change& change);

}  // namespace gazette::site

namespace gazette::site {

/// Redirect pages for site.toml's [[redirects]]: a moved page keeps its old address.
void add_redirect_pages(std::vector<PageJob>& jobs, const ViewContext& ctx);

/// Every page of the last published commit must still exist, or be redirected: reports each
/// one that would disappear (nothing already published is lost without a decision).
void check_published_urls(const std::vector<PageJob>& jobs, const ViewContext& ctx,
                          Diagnostics& diags);

}  // namespace gazette::site
