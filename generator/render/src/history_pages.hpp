// History on the site: when each document was published and amended, and a page per change
// showing what changed, word by word, for readers who are not programmers.
#pragma once

#include <vector>

#include "pages.hpp"

namespace gazette::render {

/// Adds "published", "amended", "changes" and "unpublished" to a document's page values.
void add_history_view(templates::Value& page, const Document& doc, const ViewContext& ctx);

/// Deadline extensions the history shows: each committed change of the `deadline` field,
/// with the deadline before it and the day it was committed (oldest first).
std::vector<content::DeadlineChange> deadline_changes_in_history(const Document& doc,
                                                                 const ViewContext& ctx);

/// One page per change of a document's text: /<doc url>/changes/<short id>/.
void add_change_pages(Jobs& jobs, const ViewContext& ctx);

/// The address of a change's page.
std::string change_url(const Document& doc, const history::Change& change);

/// Whether a change has a page of its own (it changed the text, not only the name).
bool has_change_page(const history::Change& change);

}  // namespace gazette::render
