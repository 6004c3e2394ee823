// Programmes: the index of programmes, each programme's page (its document, with its rounds)
// and each round's page with its open calls.
#include <algorithm>
#include <memory>

#include "pages.hpp"
#include "proposals_pages.hpp"

namespace gazette::render {

namespace {

PageView programs_index(const ViewContext& ctx) {
  const Strings& st = ctx.strings;
  Value v =
      page_frame(st.get("nav_program"), "/program/", "program", {{st.get("nav_home"), "/"}}, ctx);
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
  return PageView{"terms", std::move(v)};
}

// A round as an item of its programme's page: its documents, open calls, summary.
Value round_item(const Round& round, const ViewContext& ctx) {
  const Strings& st = ctx.strings;
  Value item = Value::object();
  item.set("label", st.format("round_title", {{"year", std::to_string(round.year)}}));
  item.set("url", round.url);
  item.set("count", st.format("documents_count", {{"n", std::to_string(round.docs.size())}}));
  auto open = static_cast<std::size_t>(
      std::count_if(round.docs.begin(), round.docs.end(), [&](const Document* d) {
        return is_open(call_state(call_of(ctx.model, *d), ctx.now, ctx.config.closing_soon_days));
      }));
  set_opt(item, "open", open ? st.format("open_count", {{"n", std::to_string(open)}}) : "");
  item.set("archived", round.archived);
  set_opt(item, "proposals_url", round_summary_url(round));
  return item;
}

// The programme's rounds as its pages list them: made once, shown on every page.
Value rounds_view(const Program& p, const ViewContext& ctx) {
  Value rounds = Value::list();
  for (const Round& round : p.rounds) rounds.push(round_item(round, ctx));
  return rounds;
}

Value program_page(const Program& p, const markdown::RenderedMarkdown& body, const Value& rounds,
                   std::size_t page, const ViewContext& ctx) {
  const Strings& st = ctx.strings;
  Value v = document_view(*p.doc, body, ctx);
  if (page > 1) {
    v.set("title", titled(p.doc->title, page, st));
    v.set("url", page_url(p.url, page));
    v.set("canonical", ctx.config.base_url + page_url(p.url, page).substr(1));
    v.set("body", "");
    v.set("has_cited_by", false);
  }
  v.set("rounds", rounds);
  add_feed(v, p.url + "feed.xml", st.get("feed") + ": " + p.doc->title);
  return v;
}

Value round_page(const Program& p, const Round& round, const std::vector<const Document*>& open,
                 std::size_t page, const ViewContext& ctx) {
  const Strings& st = ctx.strings;
  std::string label = st.format("round_title", {{"year", std::to_string(round.year)}});
  std::string heading = p.doc->title + " — " + label;
  Value v = page_frame(
      titled(heading, page, st), page_url(round.url, page), "program",
      {{st.get("nav_home"), "/"}, {st.get("nav_program"), "/program/"}, {p.doc->title, p.url}},
      ctx);
  v.set("heading", label);
  v.set("program_title", p.doc->title);
  v.set("program_label", st.format("program_n", {{"id", p.id}}));
  v.set("program_url", p.url);
  v.set("archived", round.archived);
  set_opt(v, "proposals_url", round_summary_url(round));
  // The open calls head the round's first page only: repeated on every page, a round of
  // thousands of calls made pages of megabytes, and a site that grew as the square of it.
  set_list(v, "open_calls", page == 1 ? summaries(open, ctx) : Value::list());
  return v;
}

// The round's calls open now, soonest deadline first.
std::vector<const Document*> open_calls_of(const Round& round, const ViewContext& ctx) {
  std::vector<const Document*> open;
  for (const Document* d : round.docs) {
    if (open_now(*d, ctx)) open.push_back(d);
  }
  std::sort(open.begin(), open.end(),
            [](const Document* a, const Document* b) { return *a->deadline < *b->deadline; });
  return open;
}

}  // namespace

void add_program_pages(Jobs& jobs, const ViewContext& ctx, const RenderedBodies& bodies) {
  jobs.push_back(
      {"program/index.html", [&ctx](templates::Renderer&) { return programs_index(ctx); }});
  const SiteModel& m = ctx.model;
  for (const Program& p : m.programs) {
    auto index = static_cast<std::size_t>(p.doc - m.documents.data());
    const markdown::RenderedMarkdown& body = bodies[index];
    // Counting each round's open calls is the programme's size in work: done once, not on
    // each of its pages.
    add_paginated(jobs, ctx, p.url, "program", p.docs,
                  [&ctx, &p, &body, rounds = std::make_shared<const Value>(rounds_view(p, ctx))](
                      std::size_t page) { return program_page(p, body, *rounds, page, ctx); });
    for (const Round& round : p.rounds) {
      add_paginated(jobs, ctx, round.url, "round", round.docs,
                    [&ctx, &p, &round, open = open_calls_of(round, ctx)](std::size_t page) {
                      return round_page(p, round, open, page, ctx);
                    });
    }
  }
}

}  // namespace gazette::render
