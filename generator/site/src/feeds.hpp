// Machine-readable outputs: Atom feeds, sitemap.xml, robots.txt, JSON and CSV exports.
#pragma once

#include <string>
#include <vector>

#include "pages.hpp"

namespace gazette::site {

/// An Atom (RFC 4287) feed of `docs` (newest first; at most config.feed_entries).
std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<const Document*>& docs,
                      const ViewContext& ctx);

/// Jobs for the site's feeds: whole site, per kind, per programme, per province.
void add_feed_files(std::vector<PageJob>& jobs, const ViewContext& ctx);
/// Jobs for /data/documents.json and /data/documents.csv (one record per document).
void add_exports(std::vector<PageJob>& jobs, const ViewContext& ctx);
/// sitemap.xml of every page in `jobs` marked in_sitemap, and robots.txt.
void add_sitemap(std::vector<PageJob>& jobs, const ViewContext& ctx);

/// An iCalendar (RFC 5545) calendar of the deadlines of `calls`, in the site's time zone.
std::string icalendar(const std::string& name, const std::vector<const Document*>& calls,
                      const ViewContext& ctx);
/// Jobs for <call>/call.ics of every call, /calls.ics of the open ones, and the Atom feed of
/// calls closing soon.
void add_calendars(std::vector<PageJob>& jobs, const ViewContext& ctx);

}  // namespace gazette::site
