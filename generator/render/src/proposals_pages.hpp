// Proposal lists on the site: each list's page with the appendix form's table, its
// downloads, the blank form, one consolidated page per round (the ministry's "bảng tổng
// hợp").
//
//   add_proposal_pages(jobs, ctx, bodies);   // from add_document_pages
//   round_summary_url(round)                 // "/program/1322/2026/proposals/" or ""
#pragma once

#include <string>
#include <vector>

#include "pages.hpp"

namespace gazette::render {

/// Where the blank form is published: a CSV of the form's header row.
inline constexpr const char* kProposalFormUrl = "/proposal-list/form.csv";

/// Jobs for every proposal list: its page (the document page with the table of its tasks,
/// a totals row and counts per lead organisation), tasks.csv and tasks.json beside it; the
/// blank form; and for each round with lists a summary page with its tasks.csv.
void add_proposal_pages(Jobs& jobs, const ViewContext& ctx, const RenderedBodies& bodies);

/// The open-data page's downloads of proposals: each round with lists (its summary page and
/// CSV, then its lists), then the lists of no round; each list with its tasks.csv and .json.
Value proposal_downloads_view(const ViewContext& ctx);

/// The address of a round's summary of proposals, or "" when no list of the round has
/// tasks (for links from the round and programme pages).
std::string round_summary_url(const Round& round);

}  // namespace gazette::render
