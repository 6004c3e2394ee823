// Search results rendered as the site's own pages, and as Atom.
#include <algorithm>
#include <cstdlib>

#include "feeds.hpp"
#include "gazette/render.hpp"
#include "views.hpp"

namespace gazette::render {

namespace {

using search::Query;
using search::Results;

constexpr const char* kFacetFilters[] = {"kind", "program", "province", "issuer"};

std::string sort_name(Query::Sort sort) {
  switch (sort) {
    case Query::Sort::newest:
      return "newest";
    case Query::Sort::deadline:
      return "deadline";
    default:
      return "relevance";
  }
}

void add_param(std::string& out, const std::string& key, const std::string& value) {
  out += (out.empty() ? "" : "&") + key + "=" + url_encode(value);
}

// How a filter's value reads: a kind's or state's name, a round's title, a programme's title
// where the index knows it (`known`: the results' facets), else "Chương trình <id>".
std::string facet_label(const std::string& facet, const std::string& value, const Strings& s,
                        const std::vector<search::Facet>& known = {}) {
  for (const auto& f : known) {
    if (f.name != facet) continue;
    if (auto label = f.labels.find(value); label != f.labels.end()) return label->second;
  }
  if (facet == "kind") {
    if (value == "task") return s.get("kind_task");
    if (auto kind = content::parse_kind(value)) return kind_label(*kind, s);
  }
  if (facet == "round") return s.format("round_title", {{"year", value}});
  if (facet == "open") return s.get(value == "open" ? "state_open" : "state_closed");
  if (facet == "program") return s.format("program_n", {{"id", value}});
  return value;
}

std::vector<std::string>* facet_field(Query& q, const std::string& facet) {
  if (facet == "kind") return &q.kinds;
  if (facet == "program") return &q.programs;
  if (facet == "province") return &q.provinces;
  if (facet == "issuer") return &q.issuers;
  return nullptr;
}

std::string search_title(const Query& q, const Strings& s) {
  return q.text.empty() ? s.get("search_heading") : s.format("search_title", {{"query", q.text}});
}

}  // namespace

struct SearchPages::Impl {
  config::SiteConfig config;
  templates::Theme theme;
  std::unique_ptr<templates::Renderer> renderer;
  SiteModel empty_model;
  std::unique_ptr<Strings> strings;
  int utc_offset_minutes = 0;
  std::string feed_stylesheet;

  ViewContext context(Instant now) const {
    return ViewContext{empty_model,        config,  *strings,       now,
                       utc_offset_minutes, nullptr, feed_stylesheet};
  }

  std::string link(const Query& q, int page = 1) const {
    std::string qs = query_string(q);
    if (page > 1) add_param(qs, "page", std::to_string(page));
    return "/search" + (qs.empty() ? "" : "?" + qs);
  }

  Value hit_view(const search::Hit& hit, const ViewContext& ctx) const;
  Value form_view(const Query& q) const;
  Value active_filters(const Query& q, const std::vector<search::Facet>& known) const;
  Value facets_view(const Query& q, const Results& r) const;
  Value pagination(const Query& q, const Results& r) const;
  void add_results(Value& v, const Query& q, const Results& r, const ViewContext& ctx) const;
};

Value SearchPages::Impl::hit_view(const search::Hit& hit, const ViewContext& ctx) const {
  const Strings& s = *strings;
  const search::Listing& l = hit.listing;
  Value v = Value::object();
  v.set("title", l.title);
  v.set("url", l.url);
  v.set("kind", l.kind);
  v.set("kind_label", facet_label("kind", l.kind, s));
  set_opt(v, "number", l.number);
  set_opt(v, "issuer", l.issuer);
  v.set("issued", format_date_short(l.issued, s));
  v.set("issued_iso", format_iso_date(l.issued));
  v.set("snippet", hit.snippet_html);
  set_opt(v, "parent_url", l.parent_url);
  set_opt(v, "parent_title", l.parent_title);
  v.set("deadline", l.deadline ? deadline_view(l.call(), ctx) : Value(false));
  return v;
}

// The form's choices: kinds, sort orders, open only.
Value SearchPages::Impl::form_view(const Query& q) const {
  const Strings& s = *strings;
  Value v = Value::object();
  Value kinds = Value::list();
  for (const char* k : {"notice", "guidance", "proposal-list", "task", "program"}) {
    Value o = Value::object();
    o.set("value", k);
    o.set("label", facet_label("kind", k, s));
    o.set("selected", std::find(q.kinds.begin(), q.kinds.end(), k) != q.kinds.end());
    kinds.push(std::move(o));
  }
  v.set("kind_options", std::move(kinds));
  Value sorts = Value::list();
  for (auto sort : {Query::Sort::relevance, Query::Sort::newest, Query::Sort::deadline}) {
    Value o = Value::object();
    o.set("value", sort_name(sort));
    o.set("label", s.get("sort_" + sort_name(sort)));
    o.set("selected", q.sort == sort);
    sorts.push(std::move(o));
  }
  v.set("sort_options", std::move(sorts));
  v.set("open_checked", q.open.value_or(false));
  return v;
}

// Filters already chosen, each with a link that removes it.
Value SearchPages::Impl::active_filters(const Query& q,
                                        const std::vector<search::Facet>& known) const {
  Value active = Value::list();
  auto add_active = [&](const std::string& facet, const std::string& value, const Query& without) {
    Value a = Value::object();
    a.set("label", facet_label(facet, value, *strings, known));
    a.set("url", link(without));
    active.push(std::move(a));
  };
  for (const char* facet : kFacetFilters) {
    Query copy = q;
    for (const auto& value : *facet_field(copy, facet)) {
      Query without = q;
      auto* field = facet_field(without, facet);
      field->erase(std::remove(field->begin(), field->end(), value), field->end());
      add_active(facet, value, without);
    }
  }
  for (int round : q.rounds) {
    Query without = q;
    without.rounds.erase(std::remove(without.rounds.begin(), without.rounds.end(), round),
                         without.rounds.end());
    add_active("round", std::to_string(round), without);
  }
  if (q.open) {
    Query without = q;
    without.open.reset();
    add_active("open", *q.open ? "open" : "closed", without);
  }
  return active;
}

// Facets: each value a link that adds it as a filter.
Value SearchPages::Impl::facets_view(const Query& q, const Results& r) const {
  Value facets = Value::list();
  for (const auto& f : r.facets) {
    Value facet = Value::object();
    facet.set("heading", strings->get("facet_" + f.name));
    Value values = Value::list();
    for (const auto& [value, count] : f.values) {
      if (count == 0) continue;  // a choice that gives nothing is not offered
      Query with = q;
      if (f.name == "round") {
        with.rounds = {std::atoi(value.c_str())};
      } else if (f.name == "open") {
        with.open = value == "open";
      } else if (auto* field = facet_field(with, f.name)) {
        *field = {value};
      }
      Value item = Value::object();
      item.set("label", facet_label(f.name, value, *strings, r.facets));
      item.set("url", link(with));
      item.set("count", count);
      values.push(std::move(item));
    }
    facet.set("values", std::move(values));
    facets.push(std::move(facet));
  }
  return facets;
}

Value SearchPages::Impl::pagination(const Query& q, const Results& r) const {
  if (r.pages <= 1) return Value(false);
  Value pagination = Value::object();
  if (q.page > 1) pagination.set("prev", link(q, q.page - 1));
  if (q.page < r.pages) pagination.set("next", link(q, q.page + 1));
  pagination.set("label", strings->format("page_of", {{"n", std::to_string(q.page)},
                                                      {"total", std::to_string(r.pages)}}));
  Value pages = Value::list();
  for (int n = std::max(1, q.page - 2); n <= std::min(r.pages, q.page + 2); ++n) {
    Value item = Value::object();
    item.set("n", n);
    item.set("url", link(q, n));
    item.set("current", n == q.page);
    pages.push(std::move(item));
  }
  pagination.set("pages", std::move(pages));
  return pagination;
}

void SearchPages::Impl::add_results(Value& v, const Query& q, const Results& r,
                                    const ViewContext& ctx) const {
  const Strings& s = *strings;
  v.set("count", s.format(r.total_exact ? "results_count" : "results_count_about",
                          {{"n", std::to_string(r.total)}}));
  if (r.open > 0) {
    v.set("open_count", s.format("results_open", {{"n", std::to_string(r.open)}}));
  } else {
    v.set("open_count", false);
  }
  if (!r.suggestion.empty()) {
    Value sug = Value::object();
    Query suggested = q;
    suggested.text = r.suggestion;
    sug.set("text", r.suggestion);
    sug.set("url", link(suggested));
    // The hits are for the suggestion: a link searches the words as they were typed.
    Query typed = q;
    typed.as_typed = true;
    sug.set("corrected", r.corrected);
    sug.set("typed", q.text);
    sug.set("typed_url", link(typed));
    v.set("suggestion", std::move(sug));
  } else {
    v.set("suggestion", false);
  }
  v.set("relaxed", r.relaxed);
  Value hits = Value::list();
  for (const auto& h : r.hits) hits.push(hit_view(h, ctx));
  set_list(v, "hits", std::move(hits));
  v.set("empty", r.hits.empty());
  if (r.hits.empty() && r.total > 0) v.set("past_end", link(q, 1));
  set_list(v, "facets", facets_view(q, r));
  v.set("pagination", pagination(q, r));
  std::string qs = query_string(q);
  add_feed(v, "/search.atom" + (qs.empty() ? "" : "?" + qs), s.get("search_feed"));
}

SearchPages::SearchPages(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchPages::~SearchPages() = default;

Result<std::unique_ptr<SearchPages>> SearchPages::create(const config::SiteConfig& config,
                                                         int utc_offset_minutes) {
  auto theme = templates::load_theme(config.theme_dir);
  if (!theme) return theme.error();
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->theme = std::move(*theme);
  impl->utc_offset_minutes = utc_offset_minutes;
  impl->feed_stylesheet = feed_stylesheet_url(impl->theme);
  impl->strings = std::make_unique<Strings>(impl->theme.strings(config.language), config.language);
  Value site = site_view(impl->context(Instant{}), asset_version(impl->theme.static_files()));
  impl->renderer = std::make_unique<templates::Renderer>(impl->theme.renderer(site));
  return std::unique_ptr<SearchPages>(new SearchPages(std::move(impl)));
}

std::string SearchPages::query_string(const Query& q) {
  std::string out;
  if (!q.text.empty()) add_param(out, "q", q.text);
  for (const auto& v : q.kinds) add_param(out, "kind", v);
  for (const auto& v : q.programs) add_param(out, "program", v);
  for (int v : q.rounds) add_param(out, "round", std::to_string(v));
  for (const auto& v : q.provinces) add_param(out, "province", v);
  for (const auto& v : q.issuers) add_param(out, "issuer", v);
  for (const auto& v : q.submitters) add_param(out, "submitter", v);
  for (const auto& v : q.leads) add_param(out, "lead", v);
  if (q.open) add_param(out, "open", *q.open ? "1" : "0");
  if (q.issued_from) add_param(out, "issued_from", format_iso_date(*q.issued_from));
  if (q.issued_to) add_param(out, "issued_to", format_iso_date(*q.issued_to));
  if (q.deadline_from) add_param(out, "deadline_from", format_iso_date(*q.deadline_from));
  if (q.deadline_to) add_param(out, "deadline_to", format_iso_date(*q.deadline_to));
  if (q.sort != Query::Sort::relevance) add_param(out, "sort", sort_name(q.sort));
  if (q.as_typed) add_param(out, "as_typed", "1");
  return out;
}

std::string SearchPages::html(const Query& q, const Results& r, const std::string& error) {
  Impl& m = *impl_;
  ViewContext ctx = m.context(q.now);
  const Strings& s = *m.strings;
  Value v =
      page_frame(search_title(q, s), m.link(q, q.page), "search", {{s.get("nav_home"), "/"}}, ctx);
  v.set("noindex", true);
  // The footer names the commit the answering index was built from, as built pages do.
  set_opt(v, "source_commit", r.source_commit);
  set_opt(v, "source_commit_short", r.source_commit.substr(0, 7));
  v.set("heading", s.get("search_heading"));
  v.set("query", q.text);
  set_opt(v, "error", error);
  Value form = m.form_view(q);
  for (auto& [key, value] : form.fields()) v.set(key, std::move(value));
  set_list(v, "active_filters",
           m.active_filters(q, error.empty() ? r.facets : std::vector<search::Facet>{}));
  if (error.empty()) {
    m.add_results(v, q, r, ctx);
  } else {
    set_list(v, "hits", Value::list());
    set_list(v, "facets", Value::list());
    v.set("pagination", false);
    v.set("suggestion", false);
    v.set("relaxed", false);
  }
  return m.renderer->render_page("search", v);
}

std::string SearchPages::atom(const Query& q, const Results& r) {
  Impl& m = *impl_;
  ViewContext ctx = m.context(q.now);
  std::string qs = query_string(q);
  std::string self = "/search.atom" + (qs.empty() ? "" : "?" + qs);
  std::string title = m.config.title + " — " + search_title(q, *m.strings);
  std::vector<FeedEntry> entries;
  entries.reserve(r.hits.size());
  for (const auto& h : r.hits) {
    const search::Listing& l = h.listing;
    FeedEntry e;
    e.url = l.url;
    e.title = l.title;
    e.kind = l.kind;
    e.kind_label = facet_label("kind", l.kind, *m.strings);
    e.number = l.number;
    e.issuer = l.issuer;
    e.issued = l.issued;
    e.deadline = l.deadline;
    e.published = e.updated = day_instant(l.issued, ctx);
    entries.push_back(std::move(e));
  }
  return atom_feed(self, m.link(q), title, entries, ctx);
}

std::optional<Instant> SearchPages::next_change(const Query& q, const Results& r) const {
  std::optional<Instant> next;
  for (const auto& h : r.hits) {
    if (!h.listing.deadline) continue;
    next =
        earliest(next, next_state_change(h.listing.call(), q.now, impl_->config.closing_soon_days));
    next = earliest(next, next_time_left_change(*h.listing.deadline, q.now));
    // An upcoming call counts down to its opening.
    if (h.listing.opens) next = earliest(next, next_time_left_change(*h.listing.opens, q.now));
  }
  return next;
}

}  // namespace gazette::render
