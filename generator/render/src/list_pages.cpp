// Lists of documents: the home page, each kind, the archive by year, issuers, provinces;
// the open-data page and the 404 page.
#include <algorithm>

#include "pages.hpp"
#include "proposals_pages.hpp"

namespace gazette::render {

namespace {

using content::Kind;

constexpr std::size_t kLatestOnHome = 20;
constexpr Kind kListedKinds[] = {Kind::notice, Kind::guidance, Kind::proposal_list};

Value terms_view(const std::vector<Term>& terms, const Strings& s) {
  Value list = Value::list();
  for (const Term& t : terms) {
    Value item = Value::object();
    item.set("name", t.name);
    item.set("url", t.url);
    item.set("count", s.format("documents_count", {{"n", std::to_string(t.docs.size())}}));
    list.push(std::move(item));
  }
  return list;
}

// An index of terms (years, issuers, provinces), then each term's paginated list.
void add_term_pages(Jobs& jobs, const ViewContext& ctx, const std::vector<Term>& terms,
                    const std::string& index_url, const std::string& index_key,
                    const std::string& section, bool feeds) {
  jobs.push_back(
      {index_path(index_url), [&ctx, &terms, index_url, index_key, section](templates::Renderer&) {
         const Strings& st = ctx.strings;
         Value v =
             page_frame(st.get(index_key), index_url, section, {{st.get("nav_home"), "/"}}, ctx);
         v.set("heading", st.get(index_key));
         v.set("groups", terms_view(terms, st));
         return PageView{"terms", std::move(v)};
       }});
  for (const Term& t : terms) {
    std::string heading = t.name;
    add_paginated(jobs, ctx, t.url, "list", t.docs,
                  [&ctx, &t, index_url, index_key, section, heading, feeds](std::size_t page) {
                    const Strings& st = ctx.strings;
                    Value v = page_frame(
                        titled(heading, page, st), page_url(t.url, page), section,
                        {{st.get("nav_home"), "/"}, {st.get(index_key), index_url}}, ctx);
                    v.set("heading", heading);
                    if (feeds) add_feed(v, t.url + "feed.xml", st.get("feed") + ": " + heading);
                    return v;
                  });
  }
}

PageView home_page(const ViewContext& ctx) {
  const Strings& st = ctx.strings;
  const SiteModel& m = ctx.model;
  Value v = page_frame(ctx.config.title, "/", "home", {}, ctx);
  set_list(v, "open_calls", summaries(m.open_calls, ctx));
  std::vector<const Document*> latest(
      m.listed.begin(),
      m.listed.begin() + static_cast<std::ptrdiff_t>(std::min(kLatestOnHome, m.listed.size())));
  set_list(v, "latest", summaries(latest, ctx));
  Value programs = Value::list();
  for (const Program& p : m.programs) {
    Value item = Value::object();
    item.set("title", p.doc->title);
    item.set("url", p.url);
    item.set("id", p.id);
    programs.push(std::move(item));
  }
  set_list(v, "programs", std::move(programs));
  add_feed(v, "/feed.xml", st.get("feed_site"));
  return PageView{"home", std::move(v)};
}

void add_kind_lists(Jobs& jobs, const ViewContext& ctx) {
  for (Kind kind : kListedKinds) {
    std::string name(content::kind_name(kind));
    std::string base = "/" + name + "/";
    std::string heading = kind_label(kind, ctx.strings);
    auto it = ctx.model.by_kind.find(kind);
    std::vector<const Document*> docs =
        it == ctx.model.by_kind.end() ? std::vector<const Document*>{} : it->second;
    add_paginated(jobs, ctx, base, "list", docs, [&ctx, base, heading, name](std::size_t page) {
      const Strings& st = ctx.strings;
      Value v = page_frame(titled(heading, page, st), page_url(base, page), name,
                           {{st.get("nav_home"), "/"}}, ctx);
      v.set("heading", heading);
      add_feed(v, base + "feed.xml", st.get("feed") + ": " + heading);
      return v;
    });
  }
}

PageView open_data_page(const ViewContext& ctx) {
  const Strings& st = ctx.strings;
  Value v = page_frame(st.get("nav_open_data"), "/open-data/", "open-data",
                       {{st.get("nav_home"), "/"}}, ctx);
  Value feeds = Value::list();
  auto feed = [&](const std::string& title, const std::string& url) {
    Value f = Value::object();
    f.set("title", title);
    f.set("url", url);
    feeds.push(std::move(f));
  };
  feed(st.get("feed_site"), "/feed.xml");
  feed(st.get("closing_soon_feed"), "/closing-soon.xml");
  for (Kind k : kListedKinds) {
    feed(kind_label(k, st), "/" + std::string(content::kind_name(k)) + "/feed.xml");
  }
  for (const Program& p : ctx.model.programs) feed(p.doc->title, p.url + "feed.xml");
  for (const Term& t : ctx.model.provinces) feed(t.name, t.url + "feed.xml");
  v.set("feed_list", std::move(feeds));
  v.set("form_url", kProposalFormUrl);
  set_list(v, "proposal_groups", proposal_downloads_view(ctx));
  return PageView{"open_data", std::move(v)};
}

PageView not_found_page(const ViewContext& ctx) {
  Value v = page_frame(ctx.strings.get("not_found_title"), "/404.html", "", {}, ctx);
  v.set("noindex", true);
  return PageView{"not_found", std::move(v)};
}

}  // namespace

void add_list_pages(Jobs& jobs, const ViewContext& ctx) {
  jobs.push_back({"index.html", [&ctx](templates::Renderer&) { return home_page(ctx); }});
  add_kind_lists(jobs, ctx);
  add_term_pages(jobs, ctx, ctx.model.years, "/archive/", "archive_heading", "archive", false);
  add_term_pages(jobs, ctx, ctx.model.issuers, "/issuer/", "issuers_heading", "", false);
  add_term_pages(jobs, ctx, ctx.model.provinces, "/province/", "provinces_heading", "", true);
  jobs.push_back(
      {"open-data/index.html", [&ctx](templates::Renderer&) { return open_data_page(ctx); }});
  jobs.push_back({"404.html", [&ctx](templates::Renderer&) { return not_found_page(ctx); }, false});
}

}  // namespace gazette::render
