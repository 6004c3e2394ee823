#include "pages.hpp"

#include <algorithm>

#include "proposals_pages.hpp"

namespace gazette::site {

namespace {

using content::Kind;

std::string index_path(const std::string& url) { return url.substr(1) + "index.html"; }

Value pagination_view(const std::string& base, std::size_t page, std::size_t pages,
                      const Strings& s) {
  Value v = Value::object();
  if (pages <= 1) return Value();
  if (page > 1) v.set("prev", page_url(base, page - 1));
  if (page < pages) v.set("next", page_url(base, page + 1));
  v.set("label",
        s.format("page_of", {{"n", std::to_string(page)}, {"total", std::to_string(pages)}}));
  Value list = Value::list();
  std::size_t last_shown = 0;
  for (std::size_t n = 1; n <= pages; ++n) {
    bool near = n + 2 >= page && n <= page + 2;
    if (n != 1 && n != pages && !near) continue;
    if (last_shown && n > last_shown + 1) {
      Value gap = Value::object();
      gap.set("gap", true);
      list.push(std::move(gap));
    }
    Value item = Value::object();
    item.set("n", n);
    item.set("url", page_url(base, n));
    item.set("current", n == page);
    list.push(std::move(item));
    last_shown = n;
  }
  v.set("pages", std::move(list));
  return v;
}

// A list of documents split into pages of config.list_page_size, each a job. `decorate`
// adds what the list's template shows besides the items.
void add_paginated(std::vector<PageJob>& jobs, const ViewContext& ctx, const std::string& base,
                   const std::string& template_name, std::vector<const Document*> docs,
                   std::function<Value(std::size_t page)> frame) {
  std::size_t size = static_cast<std::size_t>(ctx.config.list_page_size);
  std::size_t pages = std::max<std::size_t>(1, (docs.size() + size - 1) / size);
  auto shared = std::make_shared<std::vector<const Document*>>(std::move(docs));
  for (std::size_t page = 1; page <= pages; ++page) {
    jobs.push_back({index_path(page_url(base, page)), [=, &ctx](templates::Renderer& r) {
                      Value v = frame(page);
                      auto first = shared->begin() + static_cast<std::ptrdiff_t>((page - 1) * size);
                      auto last = shared->begin() + static_cast<std::ptrdiff_t>(
                                                        std::min(page * size, shared->size()));
                      set_list(v, "items", summaries({first, last}, ctx));
                      v.set("count", ctx.strings.format("documents_count",
                                                        {{"n", std::to_string(shared->size())}}));
                      v.set("pagination", pagination_view(base, page, pages, ctx.strings));
                      if (template_name == "list") v.set("summary_level", "2");
                      return r.render_page(template_name, v);
                    }});
  }
}

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

std::string titled(const std::string& heading, std::size_t page, const Strings& s) {
  return page == 1 ? heading : heading + " — " + s.format("page_n", {{"n", std::to_string(page)}});
}

void add_term_pages(std::vector<PageJob>& jobs, const ViewContext& ctx,
                    const std::vector<Term>& terms, const std::string& index_url,
                    const std::string& index_key, const std::string& section, bool feeds) {
  const Strings& s = ctx.strings;
  jobs.push_back({index_path(index_url),
                  [&ctx, &terms, index_url, index_key, section](templates::Renderer& r) {
                    const Strings& st = ctx.strings;
                    Value v = page_frame(st.get(index_key), index_url, section,
                                         {{st.get("nav_home"), "/"}}, ctx);
                    v.set("heading", st.get(index_key));
                    v.set("groups", terms_view(terms, st));
                    return r.render_page("terms", v);
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
  (void)s;
}

}  // namespace

std::string page_url(const std::string& base, std::size_t page) {
  return page <= 1 ? base : base + "page/" + std::to_string(page) + "/";
}

void add_document_pages(std::vector<PageJob>& jobs, const ViewContext& ctx,
                        const RenderedBodies& bodies) {
  for (std::size_t i = 0; i < ctx.model.documents.size(); ++i) {
    const Document& doc = ctx.model.documents[i];
    if (doc.kind == Kind::program) continue;        // its page is the programme page
    if (doc.kind == Kind::proposal_list) continue;  // with its table: proposals_pages.cpp
    jobs.push_back({index_path(doc.url),
                    [&ctx, &doc, &body = bodies[i]](templates::Renderer& r) {
                      return r.render_page("document", document_view(doc, body, ctx));
                    },
                    true, format_iso_date(doc.issued)});
  }
  add_proposal_pages(jobs, ctx, bodies);
}

void add_list_pages(std::vector<PageJob>& jobs, const ViewContext& ctx,
                    const RenderedBodies& bodies) {
  const Strings& s = ctx.strings;
  const SiteModel& m = ctx.model;

  jobs.push_back(
      {"index.html", [&ctx](templates::Renderer& r) {
         const Strings& st = ctx.strings;
         Value v = page_frame(ctx.config.title, "/", "home", {}, ctx);
         set_list(v, "open_calls", summaries(ctx.model.open_calls, ctx));
         std::vector<const Document*> latest(
             ctx.model.listed.begin(),
             ctx.model.listed.begin() +
                 static_cast<std::ptrdiff_t>(std::min<std::size_t>(20, ctx.model.listed.size())));
         set_list(v, "latest", summaries(latest, ctx));
         Value programs = Value::list();
         for (const Program& p : ctx.model.programs) {
           Value item = Value::object();
           item.set("title", p.doc->title);
           item.set("url", p.url);
           item.set("id", p.id);
           programs.push(std::move(item));
         }
         set_list(v, "programs", std::move(programs));
         add_feed(v, "/feed.xml", st.get("feed_site"));
         return r.render_page("home", v);
       }});

  for (Kind kind : {Kind::notice, Kind::guidance, Kind::proposal_list}) {
    std::string name(content::kind_name(kind));
    std::string base = "/" + name + "/";
    std::string heading = kind_label(kind, s);
    auto it = m.by_kind.find(kind);
    std::vector<const Document*> docs =
        it == m.by_kind.end() ? std::vector<const Document*>{} : it->second;
    add_paginated(jobs, ctx, base, "list", docs, [&ctx, base, heading, name](std::size_t page) {
      const Strings& st = ctx.strings;
      Value v = page_frame(titled(heading, page, st), page_url(base, page), name,
                           {{st.get("nav_home"), "/"}}, ctx);
      v.set("heading", heading);
      add_feed(v, base + "feed.xml", st.get("feed") + ": " + heading);
      return v;
    });
  }

  // Programmes: an index, then each programme's page (its document) with its rounds.
  jobs.push_back(
      {"program/index.html", [&ctx](templates::Renderer& r) {
         const Strings& st = ctx.strings;
         Value v = page_frame(st.get("nav_program"), "/program/", "program",
                              {{st.get("nav_home"), "/"}}, ctx);
         v.set("heading", st.get("programs_heading"));
         Value groups = Value::list();
         for (const Program& p : ctx.model.programs) {
           Value item = Value::object();
           item.set("name", p.doc->title);
           item.set("url", p.url);
           item.set("count", st.format("documents_count", {{"n", std::to_string(p.docs.size())}}));
           groups.push(std::move(item));
         }
         v.set("groups", std::move(groups));
         return r.render_page("terms", v);
       }});
  for (const Program& p : m.programs) {
    auto index = static_cast<std::size_t>(p.doc - m.documents.data());
    const markdown::RenderedMarkdown& body = bodies[index];
    add_paginated(jobs, ctx, p.url, "program", p.docs, [&ctx, &p, &body](std::size_t page) {
      const Strings& st = ctx.strings;
      Value v = document_view(*p.doc, body, ctx);
      if (page > 1) {
        v.set("title", titled(p.doc->title, page, st));
        v.set("url", page_url(p.url, page));
        v.set("canonical", ctx.config.base_url + page_url(p.url, page).substr(1));
        v.set("body", "");
        v.set("has_cited_by", false);
      }
      Value rounds = Value::list();
      for (const Round& round : p.rounds) {
        Value item = Value::object();
        item.set("label", st.format("round_title", {{"year", std::to_string(round.year)}}));
        item.set("url", round.url);
        item.set("count", st.format("documents_count", {{"n", std::to_string(round.docs.size())}}));
        std::size_t open = static_cast<std::size_t>(
            std::count_if(round.docs.begin(), round.docs.end(), [&](const Document* d) {
              CallState cs = call_state(ctx.model, *d, ctx.now, ctx.config.closing_soon_days);
              return cs == CallState::open || cs == CallState::closing_soon;
            }));
        set_opt(item, "open", open ? st.format("open_count", {{"n", std::to_string(open)}}) : "");
        item.set("archived", round.archived);
        set_opt(item, "proposals_url", round_summary_url(round));
        rounds.push(std::move(item));
      }
      v.set("rounds", std::move(rounds));
      add_feed(v, p.url + "feed.xml", st.get("feed") + ": " + p.doc->title);
      return v;
    });
    for (const Round& round : p.rounds) {
      std::vector<const Document*> open;
      for (const Document* d : round.docs) {
        CallState cs = call_state(ctx.model, *d, ctx.now, ctx.config.closing_soon_days);
        if (cs == CallState::open || cs == CallState::closing_soon) {
          open.push_back(d);
        }
      }
      std::sort(open.begin(), open.end(),
                [](const Document* a, const Document* b) { return *a->deadline < *b->deadline; });
      add_paginated(
          jobs, ctx, round.url, "round", round.docs, [&ctx, &p, &round, open](std::size_t page) {
            const Strings& st = ctx.strings;
            std::string label = st.format("round_title", {{"year", std::to_string(round.year)}});
            std::string heading = p.doc->title + " — " + label;
            Value v = page_frame(titled(heading, page, st), page_url(round.url, page), "program",
                                 {{st.get("nav_home"), "/"},
                                  {st.get("nav_program"), "/program/"},
                                  {p.doc->title, p.url}},
                                 ctx);
            v.set("heading", label);
            v.set("program_title", p.doc->title);
            v.set("program_label", st.format("program_n", {{"id", p.id}}));
            v.set("program_url", p.url);
            v.set("archived", round.archived);
            set_opt(v, "proposals_url", round_summary_url(round));
            set_list(v, "open_calls", summaries(open, ctx));
            return v;
          });
    }
  }

  add_term_pages(jobs, ctx, m.years, "/archive/", "archive_heading", "archive", false);
  add_term_pages(jobs, ctx, m.issuers, "/issuer/", "issuers_heading", "", false);
  add_term_pages(jobs, ctx, m.provinces, "/province/", "provinces_heading", "", true);

  jobs.push_back({"open-data/index.html", [&ctx](templates::Renderer& r) {
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
                    for (Kind k : {Kind::notice, Kind::guidance, Kind::proposal_list}) {
                      feed(kind_label(k, st),
                           "/" + std::string(content::kind_name(k)) + "/feed.xml");
                    }
                    for (const Program& p : ctx.model.programs)
                      feed(p.doc->title, p.url + "feed.xml");
                    v.set("feed_list", std::move(feeds));
                    return r.render_page("open_data", v);
                  }});
  jobs.push_back({"404.html",
                  [&ctx](templates::Renderer& r) {
                    const Strings& st = ctx.strings;
                    Value v = page_frame(st.get("not_found_title"), "/404.html", "", {}, ctx);
                    v.set("noindex", true);
                    return r.render_page("not_found", v);
                  },
                  false});
}

}  // namespace gazette::site
