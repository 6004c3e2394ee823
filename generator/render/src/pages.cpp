#include "pages.hpp"

#include <algorithm>
#include <memory>

#include "proposals_pages.hpp"

namespace gazette::render {

namespace {

using content::Kind;

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

}  // namespace

std::string index_path(const std::string& url) { return url.substr(1) + "index.html"; }

std::string page_url(const std::string& base, std::size_t page) {
  return page <= 1 ? base : base + "page/" + std::to_string(page) + "/";
}

std::string titled(const std::string& heading, std::size_t page, const Strings& s) {
  return page == 1 ? heading : heading + " — " + s.format("page_n", {{"n", std::to_string(page)}});
}

void add_paginated(Jobs& jobs, const ViewContext& ctx, const std::string& base,
                   const std::string& template_name, std::vector<const Document*> docs,
                   const std::function<Value(std::size_t page)>& frame) {
  std::size_t size = static_cast<std::size_t>(ctx.config.list_page_size);
  std::size_t pages = std::max<std::size_t>(1, (docs.size() + size - 1) / size);
  auto shared = std::make_shared<std::vector<const Document*>>(std::move(docs));
  for (std::size_t page = 1; page <= pages; ++page) {
    jobs.push_back({index_path(page_url(base, page)), [=, &ctx](templates::Renderer&) {
                      Value v = frame(page);
                      auto first = shared->begin() + static_cast<std::ptrdiff_t>((page - 1) * size);
                      auto last = shared->begin() + static_cast<std::ptrdiff_t>(
                                                        std::min(page * size, shared->size()));
                      set_list(v, "items", summaries({first, last}, ctx));
                      v.set("count", ctx.strings.format("documents_count",
                                                        {{"n", std::to_string(shared->size())}}));
                      v.set("pagination", pagination_view(base, page, pages, ctx.strings));
                      if (template_name == "list") v.set("summary_level", "2");
                      return PageView{template_name, std::move(v)};
                    }});
  }
}

void add_document_pages(Jobs& jobs, const ViewContext& ctx, const RenderedBodies& bodies) {
  for (std::size_t i = 0; i < ctx.model.documents.size(); ++i) {
    const Document& doc = ctx.model.documents[i];
    if (doc.kind == Kind::program) continue;        // its page is the programme page
    if (doc.kind == Kind::proposal_list) continue;  // with its table: proposals_pages.cpp
    jobs.push_back({index_path(doc.url),
                    [&ctx, &doc, &body = bodies[i]](templates::Renderer&) {
                      return PageView{"document", document_view(doc, body, ctx)};
                    },
                    true, format_iso_date(doc.issued)});
  }
  add_proposal_pages(jobs, ctx, bodies);
}

}  // namespace gazette::render
