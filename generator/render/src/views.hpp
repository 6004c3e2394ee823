// Template values: what each Mustache template of the theme sees.
#pragma once

#include <string>
#include <vector>

#include "format.hpp"
#include "gazette/model.hpp"
#include "gazette/render.hpp"

namespace gazette::render {

using content::Document;
using model::Program;
using model::Round;
using model::SiteModel;
using model::Term;
using templates::Value;

/// What every view is made from.
struct ViewContext {
  const SiteModel& model;
  const config::SiteConfig& config;
  const Strings& strings;
  Instant now;
  int utc_offset_minutes = 0;            ///< the site's time zone now, for dates shown as instants
  const SiteHistory* history = nullptr;  ///< git history of content/; none for search pages
  std::string feed_stylesheet;  ///< the XSLT a browser shows feeds with; "" if the theme has none
};

/// The address of the theme's stylesheet for feeds (static/feed.xsl), or "" without one.
std::string feed_stylesheet_url(const templates::Theme& theme);

/// A link in a breadcrumb trail.
struct Crumb {
  std::string label;
  std::string url;
};

/// Sets `key` to `text`, or to false when it is empty, so a template's {{#key}} section is
/// skipped rather than finding a field of the same name further up the context.
void set_opt(Value& v, const std::string& key, const std::string& text);
/// Sets `key` to the list and `has_<key>` to whether it has items.
void set_list(Value& v, const std::string& key, Value list);

/// Values every page has: title, canonical URL, navigation with the current section,
/// breadcrumbs, feeds.
Value page_frame(const std::string& title, const std::string& url, const std::string& section,
                 const std::vector<Crumb>& crumbs, const ViewContext& ctx);
/// Adds an Atom feed link (<link rel=alternate> and a visible link).
void add_feed(Value& page, const std::string& url, const std::string& title);

/// Values shared by every page of the site (its title, strings, asset URLs).
Value site_view(const ViewContext& ctx, const std::string& asset_version);

/// A document as a list item: title, link, kind, number, issuer, date, deadline state.
Value summary_view(const Document& doc, const ViewContext& ctx);
Value summaries(const std::vector<const Document*>& docs, const ViewContext& ctx);
/// A call's deadline: text, ISO instant, state, time left; null without a deadline.
Value deadline_view(const CallTimes& call, const ViewContext& ctx);
/// A document's own page.
Value document_view(const Document& doc, const markdown::RenderedMarkdown& body,
                    const ViewContext& ctx);

/// Whether the call is open now and in force (not withdrawn or replaced).
bool open_now(const Document& doc, const ViewContext& ctx);

}  // namespace gazette::render
