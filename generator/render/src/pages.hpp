// The families of pages, each adding its jobs to the site's list.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "views.hpp"

namespace gazette::render {

using Jobs = std::vector<PageJob>;

/// "/notice/2023/a/" → "notice/2023/a/index.html".
std::string index_path(const std::string& url);
/// Every URL of a list page, paginated: "/notice/", "/notice/page/2/"…
std::string page_url(const std::string& base, std::size_t page);
/// "Heading — page 2" after the first page.
std::string titled(const std::string& heading, std::size_t page, const Strings& s);

/// A list of documents split into pages of config.list_page_size, each a job rendered with
/// `template_name`; `frame` makes what a page shows besides its items.
void add_paginated(Jobs& jobs, const ViewContext& ctx, const std::string& base,
                   const std::string& template_name, std::vector<const Document*> docs,
                   const std::function<Value(std::size_t page)>& frame);

/// One job per document page (proposal lists with their tables).
void add_document_pages(Jobs& jobs, const ViewContext& ctx, const RenderedBodies& bodies);
/// Home, kind lists, archive, issuers, provinces, open data, 404.
void add_list_pages(Jobs& jobs, const ViewContext& ctx);
/// The programmes' index, each programme's pages and its rounds' pages.
void add_program_pages(Jobs& jobs, const ViewContext& ctx, const RenderedBodies& bodies);
/// Atom feeds: whole site, per kind, per programme, per province.
void add_feed_files(Jobs& jobs, const ViewContext& ctx);
/// A calendar file of each call, /calls.ics of the open ones, the feed of calls closing soon.
void add_calendars(Jobs& jobs, const ViewContext& ctx);
/// The address of a call's calendar, named after the call so that a download keeps its name:
/// "/notice/2023/a/a.ics".
std::string calendar_url(const Document& call);
/// /data/documents.json and /data/documents.csv (one record per document).
void add_exports(Jobs& jobs, const ViewContext& ctx);
/// sitemap.xml of every page already in `jobs` marked in_sitemap, and robots.txt.
void add_sitemap(Jobs& jobs, const ViewContext& ctx);
/// Redirect pages for site.toml's [[redirects]]: a moved page keeps its old address.
void add_redirect_pages(Jobs& jobs, const ViewContext& ctx);

}  // namespace gazette::render
