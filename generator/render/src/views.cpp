#include "views.hpp"

#include <cstdio>

namespace gazette::render {

void set_opt(Value& v, const std::string& key, const std::string& text) {
  if (text.empty()) {
    v.set(key, false);
  } else {
    v.set(key, text);
  }
}

void set_list(Value& v, const std::string& key, Value list) {
  v.set("has_" + key, !list.items().empty());
  v.set(key, std::move(list));
}

Value page_frame(const std::string& title, const std::string& url, const std::string& section,
                 const std::vector<Crumb>& crumbs, const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  Value page = Value::object();
  page.set("title", title);
  page.set("url", url);
  page.set("canonical", ctx.config.base_url + (url.empty() ? "" : url.substr(1)));
  Value nav = Value::list();
  for (auto [key, href] :
       {std::pair{"home", "/"}, std::pair{"notice", "/notice/"},
        std::pair{"guidance", "/guidance/"}, std::pair{"proposal-list", "/proposal-list/"},
        std::pair{"program", "/program/"}, std::pair{"archive", "/archive/"},
        std::pair{"open-data", "/open-data/"}}) {
    Value item = Value::object();
    std::string label_key = std::string("nav_") + key;
    for (char& c : label_key) c = c == '-' ? '_' : c;
    item.set("label", s.get(label_key));
    item.set("url", href);
    item.set("current", section == key);
    nav.push(std::move(item));
  }
  page.set("nav", std::move(nav));
  Value trail = Value::list();
  for (const Crumb& c : crumbs) {
    Value item = Value::object();
    item.set("label", c.label);
    item.set("url", c.url);
    trail.push(std::move(item));
  }
  set_list(page, "breadcrumbs", std::move(trail));
  page.set("is_home", url == "/");
  page.set("feeds", Value::list());
  return page;
}

void add_feed(Value& page, const std::string& url, const std::string& title) {
  for (auto& [key, value] : page.fields()) {
    if (key != "feeds") continue;
    Value feed = Value::object();
    feed.set("url", url);
    feed.set("title", title);
    value.push(std::move(feed));
  }
}

}  // namespace gazette::render

namespace gazette::render {

std::string asset_version(const std::vector<templates::StaticFile>& files) {
  std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
  for (const auto& f : files) {
    for (char c : f.bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(hash & 0xffffffffull));
  return buf;
}

std::string feed_stylesheet_url(const templates::Theme& theme) {
  for (const auto& f : theme.static_files()) {
    if (f.path == "feed.xsl") return "/static/feed.xsl";
  }
  return {};
}

Value site_view(const ViewContext& ctx, const std::string& asset_version) {
  Value site = Value::object();
  site.set("site_title", ctx.config.title);
  site.set("site_description", ctx.config.description);
  site.set("lang", ctx.config.language);
  site.set("base_url", ctx.config.base_url);
  site.set("css_url", "/static/css/site.css?v=" + asset_version);
  site.set("js_url", "/static/js/site.js?v=" + asset_version);
  site.set("sort_js_url", "/static/js/sort.js?v=" + asset_version);
  site.set("favicon_url", "/static/favicon.svg?v=" + asset_version);
  Value t = Value::object();
  for (const auto& [key, value] : ctx.strings.all()) t.set(key, value);
  site.set("t", std::move(t));
  site.set("closing_soon_days", ctx.config.closing_soon_days);
  site.set("summary_level", "3");  // list items sit under a section's h2; lists under h1 say 2
  bool in_git = ctx.history && ctx.history->repo.in_git && !ctx.history->repo.head.empty();
  set_opt(site, "source_commit", in_git ? ctx.history->repo.head : "");
  set_opt(site, "source_commit_short", in_git ? ctx.history->repo.head.substr(0, 7) : "");
  return site;
}

Value deadline_view(const CallTimes& call, const ViewContext& ctx) {
  if (!call.deadline) return Value();
  const Strings& s = ctx.strings;
  CallState state = call_state(call, ctx.now, ctx.config.closing_soon_days);
  Value d = Value::object();
  d.set("text", format_deadline(*call.deadline, s));
  d.set("short", format_date_short(local_time(*call.deadline).date, s));
  d.set("iso", format_rfc3339(*call.deadline));
  d.set("state", state_name(state));
  d.set("state_label", state_label(state, s));
  d.set("is_open", is_open(state));
  // An upcoming call counts down to its opening, an open one to its deadline; a closed one
  // (withdrawn or replaced early) counts nothing down.
  bool upcoming = state == CallState::upcoming;
  set_opt(
      d, "time_left",
      upcoming || state == CallState::closed ? "" : format_time_left(*call.deadline, ctx.now, s));
  d.set("upcoming", upcoming);
  set_opt(d, "opens", call.opens ? format_deadline(*call.opens, s) : "");
  set_opt(d, "opens_iso", call.opens ? format_rfc3339(*call.opens) : "");
  set_opt(d, "opens_in", upcoming ? format_opens_in(*call.opens, ctx.now, s) : "");
  return d;
}

bool open_now(const Document& doc, const ViewContext& ctx) {
  return is_open(call_state(call_of(ctx.model, doc), ctx.now, ctx.config.closing_soon_days));
}

Value summary_view(const Document& doc, const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  Value v = Value::object();
  v.set("title", doc.title);
  v.set("url", doc.url);
  v.set("kind", std::string(content::kind_name(doc.kind)));
  v.set("kind_label", kind_label(doc.kind, s));
  set_opt(v, "number", doc.number);
  set_opt(v, "issuer", doc.issuer);
  v.set("issued", format_date_short(doc.issued, s));
  v.set("issued_iso", format_iso_date(doc.issued));
  v.set("deadline", deadline_view(call_of(ctx.model, doc), ctx));
  v.set("withdrawn", superseded(ctx.model, doc));
  return v;
}

Value summaries(const std::vector<const Document*>& docs, const ViewContext& ctx) {
  Value list = Value::list();
  for (const Document* d : docs) list.push(summary_view(*d, ctx));
  return list;
}

}  // namespace gazette::render
