// Search results rendered as the site's own pages, as Atom and as JSON.
#include <nlohmann/json.hpp>

#include "feeds.hpp"
#include "gazette/search.hpp"
#include "gazette/site.hpp"
#include "gazette/text.hpp"
#include "views.hpp"

namespace gazette::site {

namespace {

using search::Query;
using search::Results;

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

// What a hit's call state is read from, as a document (the same rules as pages use).
content::Document call_of(const search::Hit& hit) {
  content::Document d;
  d.deadline = hit.deadline;
  d.opens = hit.opens;
  return d;
}

CallState hit_state(const search::Hit& hit, Instant now, int closing_soon_days) {
  return call_state(call_of(hit), now, closing_soon_days);
}

std::string facet_label(const std::string& facet, const std::string& value, const Strings& s) {
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

}  // namespace

struct SearchPages::Impl {
  config::SiteConfig config;
  templates::Theme theme;
  std::unique_ptr<templates::Renderer> renderer;
  SiteModel empty_model;
  std::unique_ptr<Strings> strings;

  ViewContext context(Instant now) const {
    return ViewContext{empty_model, config, *strings, now, 420};
  }

  std::string link(const Query& q, int page = 1) const {
    std::string qs = query_string(q);
    if (page > 1) add_param(qs, "page", std::to_string(page));
    return "/search" + (qs.empty() ? "" : "?" + qs);
  }

  templates::Value hit_view(const search::Hit& hit, const ViewContext& ctx) const {
    const Strings& s = *strings;
    templates::Value v = templates::Value::object();
    v.set("title", hit.title);
    v.set("url", hit.url);
    v.set("kind", hit.kind);
    v.set("kind_label", facet_label("kind", hit.kind, s));
    set_opt(v, "number", hit.number);
    set_opt(v, "issuer", hit.issuer);
    v.set("issued", format_date_short(hit.issued, s));
    v.set("issued_iso", format_iso_date(hit.issued));
    v.set("snippet", hit.snippet_html);
    set_opt(v, "parent_url", hit.parent_url);
    set_opt(v, "parent_title", hit.parent_title);
    if (hit.deadline) {
      CallState state = hit_state(hit, ctx.now, config.closing_soon_days);
      templates::Value d = templates::Value::object();
      d.set("text", format_deadline(*hit.deadline, s));
      d.set("iso", format_rfc3339(*hit.deadline));
      d.set("state", state_name(state));
      d.set("state_label", state_label(state, s));
      set_opt(d, "time_left", format_time_left(*hit.deadline, ctx.now, s));
      v.set("deadline", std::move(d));
    } else {
      v.set("deadline", false);
    }
    return v;
  }
};

SearchPages::SearchPages(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchPages::~SearchPages() = default;

Result<std::unique_ptr<SearchPages>> SearchPages::create(const config::SiteConfig& config) {
  auto theme = templates::load_theme(config.theme_dir);
  if (!theme) return theme.error();
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->theme = std::move(*theme);
  impl->strings = std::make_unique<Strings>(impl->theme.strings(config.language), config.language);
  templates::Value site =
      site_view(impl->context(now()), asset_version(impl->theme.static_files()));
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
  std::string title =
      q.text.empty() ? s.get("search_heading") : s.format("search_title", {{"query", q.text}});
  templates::Value v =
      page_frame(title, m.link(q, q.page), "search", {{s.get("nav_home"), "/"}}, ctx);
  v.set("noindex", true);
  // The footer names the commit the answering index was built from, as built pages do.
  set_opt(v, "source_commit", r.source_commit);
  set_opt(v, "source_commit_short", r.source_commit.substr(0, 7));
  v.set("heading", s.get("search_heading"));
  v.set("query", q.text);
  set_opt(v, "error", error);
  // The form's choices.
  templates::Value kinds = templates::Value::list();
  for (const char* k : {"notice", "guidance", "proposal-list", "task", "program"}) {
    templates::Value o = templates::Value::object();
    o.set("value", k);
    o.set("label", facet_label("kind", k, s));
    o.set("selected", std::find(q.kinds.begin(), q.kinds.end(), k) != q.kinds.end());
    kinds.push(std::move(o));
  }
  v.set("kind_options", std::move(kinds));
  templates::Value sorts = templates::Value::list();
  for (auto sort : {Query::Sort::relevance, Query::Sort::newest, Query::Sort::deadline}) {
    templates::Value o = templates::Value::object();
    o.set("value", sort_name(sort));
    o.set("label", s.get("sort_" + sort_name(sort)));
    o.set("selected", q.sort == sort);
    sorts.push(std::move(o));
  }
  v.set("sort_options", std::move(sorts));
  v.set("open_checked", q.open.value_or(false));
  // Filters already chosen, each with a link that removes it.
  templates::Value active = templates::Value::list();
  auto add_active = [&](const std::string& facet, const std::string& value, Query without) {
    templates::Value a = templates::Value::object();
    a.set("label", facet_label(facet, value, s));
    a.set("url", m.link(without));
    active.push(std::move(a));
  };
  for (const char* facet : {"kind", "program", "province", "issuer"}) {
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
  set_list(v, "active_filters", std::move(active));

  if (error.empty()) {
    v.set("count", s.format(r.total_exact ? "results_count" : "results_count_about",
                            {{"n", std::to_string(r.total)}}));
    if (r.open > 0) {
      v.set("open_count", s.format("results_open", {{"n", std::to_string(r.open)}}));
    } else {
      v.set("open_count", false);
    }
    if (!r.suggestion.empty()) {
      templates::Value sug = templates::Value::object();
      Query suggested = q;
      suggested.text = r.suggestion;
      sug.set("text", r.suggestion);
      sug.set("url", m.link(suggested));
      // The hits are for the suggestion: a link searches the words as they were typed.
      Query typed = q;
      typed.as_typed = true;
      sug.set("corrected", r.corrected);
      sug.set("typed", q.text);
      sug.set("typed_url", m.link(typed));
      v.set("suggestion", std::move(sug));
    } else {
      v.set("suggestion", false);
    }
    v.set("relaxed", r.relaxed);
    templates::Value hits = templates::Value::list();
    for (const auto& h : r.hits) hits.push(m.hit_view(h, ctx));
    set_list(v, "hits", std::move(hits));
    v.set("empty", r.hits.empty());
    if (r.hits.empty() && r.total > 0) v.set("past_end", m.link(q, 1));
    // Facets: each value a link that adds it as a filter.
    templates::Value facets = templates::Value::list();
    for (const auto& f : r.facets) {
      templates::Value facet = templates::Value::object();
      facet.set("heading", s.get("facet_" + f.name));
      templates::Value values = templates::Value::list();
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
        templates::Value item = templates::Value::object();
        item.set("label", facet_label(f.name, value, s));
        item.set("url", m.link(with));
        item.set("count", count);
        values.push(std::move(item));
      }
      facet.set("values", std::move(values));
      facets.push(std::move(facet));
    }
    set_list(v, "facets", std::move(facets));
    // Pages.
    if (r.pages > 1) {
      templates::Value pagination = templates::Value::object();
      if (q.page > 1) pagination.set("prev", m.link(q, q.page - 1));
      if (q.page < r.pages) pagination.set("next", m.link(q, q.page + 1));
      pagination.set("label", s.format("page_of", {{"n", std::to_string(q.page)},
                                                   {"total", std::to_string(r.pages)}}));
      templates::Value pages = templates::Value::list();
      for (int n = std::max(1, q.page - 2); n <= std::min(r.pages, q.page + 2); ++n) {
        templates::Value item = templates::Value::object();
        item.set("n", n);
        item.set("url", m.link(q, n));
        item.set("current", n == q.page);
        pages.push(std::move(item));
      }
      pagination.set("pages", std::move(pages));
      v.set("pagination", std::move(pagination));
    } else {
      v.set("pagination", false);
    }
    std::string qs = query_string(q);
    add_feed(v, "/search.atom" + (qs.empty() ? "" : "?" + qs), s.get("search_feed"));
  } else {
    set_list(v, "hits", templates::Value::list());
    set_list(v, "facets", templates::Value::list());
    v.set("pagination", false);
    v.set("suggestion", false);
    v.set("relaxed", false);
  }
  return m.renderer->render_page("search", v);
}

std::string SearchPages::atom(const Query& q, const Results& r) {
  Impl& m = *impl_;
  const Strings& s = *m.strings;
  ViewContext ctx = m.context(q.now);
  std::string qs = query_string(q);
  std::string self = "/search.atom" + (qs.empty() ? "" : "?" + qs);
  std::string title =
      m.config.title + " — " +
      (q.text.empty() ? s.get("search_heading") : s.format("search_title", {{"query", q.text}}));
  std::vector<content::Document> docs;
  docs.reserve(r.hits.size());
  for (const auto& h : r.hits) {
    content::Document d;
    d.url = h.url;
    d.title = h.title;
    d.number = h.number;
    d.issuer = h.issuer;
    d.issued = h.issued;
    d.deadline = h.deadline;
    d.kind = content::parse_kind(h.kind).value_or(content::Kind::page);
    docs.push_back(std::move(d));
  }
  std::vector<const content::Document*> pointers;
  for (const auto& d : docs) pointers.push_back(&d);
  return atom_feed(self, m.link(q), title, pointers, ctx);
}

std::optional<Instant> SearchPages::next_change(const Query& q, const Results& r) const {
  std::optional<Instant> next;
  for (const auto& h : r.hits) {
    if (!h.deadline) continue;
    next = earliest(next, next_state_change(call_of(h), q.now, impl_->config.closing_soon_days));
    next = earliest(next, next_time_left_change(*h.deadline, q.now));
  }
  return next;
}

std::string SearchPages::json(const Query& q, const Results& r) {
  Impl& m = *impl_;
  nlohmann::ordered_json out;
  out["query"] = q.text;
  out["total"] = r.total;
  out["total_exact"] = r.total_exact;
  out["page"] = q.page;
  out["pages"] = r.pages;
  if (!r.suggestion.empty()) out["suggestion"] = r.suggestion;
  out["corrected"] = r.corrected;  // the hits are for the suggestion
  out["relaxed"] = r.relaxed;
  out["open"] = r.open;  // how many matches are calls open now
  out["open_exact"] = r.open_exact;
  if (!r.source_commit.empty()) out["source_commit"] = r.source_commit;
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const auto& h : r.hits) {
    nlohmann::ordered_json j;
    j["url"] = h.url;
    j["kind"] = h.kind;
    j["title"] = h.title;
    if (!h.number.empty()) j["number"] = h.number;
    if (!h.issuer.empty()) j["issuer"] = h.issuer;
    if (!h.province.empty()) j["province"] = h.province;
    if (!h.program.empty()) j["program"] = h.program;
    if (h.round) j["round"] = *h.round;
    j["issued"] = format_iso_date(h.issued);
    if (h.deadline) {
      j["deadline"] = format_rfc3339(*h.deadline);
      j["state"] = state_name(hit_state(h, q.now, m.config.closing_soon_days));
    }
    if (!h.parent_url.empty()) {
      j["list_url"] = h.parent_url;
      j["list_title"] = h.parent_title;
    }
    j["snippet"] = h.snippet_html;
    hits.push_back(std::move(j));
  }
  out["hits"] = std::move(hits);
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const auto& f : r.facets) {
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const auto& [value, count] : f.values)
      values.push_back({{"value", value}, {"count", count}});
    facets[f.name] = std::move(values);
  }
  out["facets"] = std::move(facets);
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gazette::site
