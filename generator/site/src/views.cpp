#include "views.hpp"

#include "history_pages.hpp"

#include <algorithm>
#include <filesystem>

namespace gazette::site {

namespace {

using content::Kind;

constexpr std::size_t kCitedByShown = 20;

Value text_list(const std::vector<std::string>& items) {
  Value list = Value::list();
  for (const auto& item : items) list.push(item);
  return list;
}

std::string human_size(std::uintmax_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%ju KB", (bytes + 1023) / 1024);
  }
  return buf;
}

Value attachments_view(const Document& doc) {
  Value list = Value::list();
  for (const auto& a : doc.attachments) {
    Value item = Value::object();
    item.set("title", a.title);
    item.set("url", "/" + a.output_path);
    std::string ext = std::filesystem::path(a.file).extension().string();
    if (!ext.empty()) ext = ext.substr(1);
    for (char& c : ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    set_opt(item, "format", ext);
    std::error_code ec;
    auto size = std::filesystem::file_size(a.source, ec);
    set_opt(item, "size", ec ? "" : human_size(size));
    list.push(std::move(item));
  }
  return list;
}

Value references_view(const Document& doc, const ViewContext& ctx) {
  Value list = Value::list();
  for (const auto& ref : doc.references) {
    Value item = Value::object();
    item.set("number", ref);
    const Document* target = ctx.model.find_number(ref);
    set_opt(item, "url", target ? target->url : "");
    set_opt(item, "title", target ? target->title : "");
    list.push(std::move(item));
  }
  return list;
}

Value linked(const Document& d) {
  Value item = Value::object();
  item.set("title", d.title);
  item.set("url", d.url);
  set_opt(item, "number", d.number);
  return item;
}

// Amends, replaces, guides, based_on — and the same seen from the other side; a replaced
// document names its replacement; a call shows each extension of its deadline.
void add_relations_view(Value& v, const Document& doc, const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  auto list_of = [&](const char* prefix, const auto& map) {
    Value list = Value::list();
    if (auto it = map.find(&doc); it != map.end()) {
      for (const auto& [key, other] : it->second) {
        Value item = linked(*other);
        item.set("label", s.get(prefix + key));
        list.push(std::move(item));
      }
    }
    return list;
  };
  set_list(v, "relations", list_of("rel_", ctx.model.relations));
  set_list(v, "backlinks", list_of("back_", ctx.model.backlinks));
  auto replaced = ctx.model.replaced_by.find(&doc);
  v.set("replaced_by",
        replaced == ctx.model.replaced_by.end() ? Value(false) : linked(*replaced->second));
  // Extensions: written in the front matter, and found in the history of `deadline`.
  std::vector<content::DeadlineChange> changes = doc.deadline_changes;
  for (const auto& c : deadline_changes_in_history(doc, ctx)) {
    bool known = std::any_of(changes.begin(), changes.end(),
                             [&](const content::DeadlineChange& k) { return k.from == c.from; });
    if (!known) changes.push_back(c);
  }
  std::sort(changes.begin(), changes.end(),
            [](const auto& a, const auto& b) { return a.on < b.on; });
  Value extensions = Value::list();
  for (std::size_t i = 0; i < changes.size(); ++i) {
    Value e = Value::object();
    e.set("previous", format_deadline(changes[i].from, s));
    const Instant& next = i + 1 < changes.size() ? changes[i + 1].from : *doc.deadline;
    e.set("next", format_deadline(next, s));
    e.set("announced", format_date_short(changes[i].on, s));
    set_opt(e, "note", changes[i].note);
    extensions.push(std::move(e));
  }
  if (!doc.deadline) extensions = Value::list();
  set_list(v, "extensions", std::move(extensions));
  set_opt(v, "ics_url", doc.deadline ? doc.url + "call.ics" : "");
}

}  // namespace

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

Value site_view(const ViewContext& ctx, const std::string& asset_version) {
  Value site = Value::object();
  site.set("site_title", ctx.config.title);
  site.set("site_description", ctx.config.description);
  site.set("lang", ctx.config.language);
  site.set("base_url", ctx.config.base_url);
  site.set("css_url", "/static/css/site.css?v=" + asset_version);
  site.set("js_url", "/static/js/site.js?v=" + asset_version);
  site.set("sort_js_url", "/static/js/sort.js?v=" + asset_version);
  Value t = Value::object();
  for (const auto& [key, value] : ctx.strings.all()) t.set(key, value);
  site.set("t", std::move(t));
  site.set("closing_soon_days", ctx.config.closing_soon_days);
  site.set("summary_level", "3");
  bool in_git = ctx.history && ctx.history->repo.in_git && !ctx.history->repo.head.empty();
  set_opt(site, "source_commit", in_git ? ctx.history->repo.head : "");
  set_opt(site, "source_commit_short",
          in_git ? ctx.history->repo.head.substr(0, 7)
                 : "");  // list items sit under a section's h2; lists under h1 say 2
  return site;
}

Value deadline_view(const Document& doc, const ViewContext& ctx) {
  if (!doc.deadline) return Value();
  const Strings& s = ctx.strings;
  CallState state = call_state(ctx.model, doc, ctx.now, ctx.config.closing_soon_days);
  Value d = Value::object();
  d.set("text", format_deadline(*doc.deadline, s));
  d.set("short", format_date_short(local_time(*doc.deadline).date, s));
  d.set("iso", format_rfc3339(*doc.deadline));
  d.set("state", state_name(state));
  d.set("state_label", state_label(state, s));
  d.set("is_open", state == CallState::open || state == CallState::closing_soon);
  // No time left is counted down for a call that is closed (withdrawn or replaced early).
  set_opt(d, "time_left",
          state == CallState::closed ? "" : format_time_left(*doc.deadline, ctx.now, s));
  set_opt(d, "opens", doc.opens ? format_deadline(*doc.opens, s) : "");
  set_opt(d, "opens_iso", doc.opens ? format_rfc3339(*doc.opens) : "");
  return d;
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
  v.set("deadline", deadline_view(doc, ctx));
  v.set("withdrawn", superseded(ctx.model, doc));
  return v;
}

Value summaries(const std::vector<const Document*>& docs, const ViewContext& ctx) {
  Value list = Value::list();
  for (const Document* d : docs) list.push(summary_view(*d, ctx));
  return list;
}

Value document_view(const Document& doc, const markdown::RenderedMarkdown& body,
                    const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  std::vector<Crumb> crumbs = {{s.get("nav_home"), "/"}};
  std::string section(content::kind_name(doc.kind));
  if (doc.kind == Kind::page) {
    section.clear();
  } else if (doc.kind == Kind::program) {
    crumbs.push_back({s.get("nav_program"), "/program/"});
  } else {
    crumbs.push_back({kind_label(doc.kind, s), "/" + section + "/"});
  }
  Value v = page_frame(doc.title, doc.url, section, crumbs, ctx);
  v.set("kind", section);
  v.set("kind_label", kind_label(doc.kind, s));
  set_opt(v, "number", doc.number);
  set_opt(v, "issuer", doc.issuer);
  const Term* issuer = ctx.model.find_term(ctx.model.issuers, doc.issuer);
  set_opt(v, "issuer_url", issuer ? issuer->url : "");
  set_opt(v, "province", doc.province);
  const Term* province = ctx.model.find_term(ctx.model.provinces, doc.province);
  set_opt(v, "province_url", province ? province->url : "");
  v.set("issued", format_date_long(doc.issued, s));
  v.set("issued_iso", format_iso_date(doc.issued));
  v.set("deadline", deadline_view(doc, ctx));
  v.set("program", false);
  v.set("round", false);
  v.set("archived", false);
  if (const Program* p = ctx.model.find_program(doc.program); p && doc.kind != Kind::program) {
    Value program = Value::object();
    program.set("id", p->id);
    program.set("title", p->doc->title);
    program.set("url", p->url);
    v.set("program", std::move(program));
    if (doc.round) {
      if (const Round* r = ctx.model.find_round(p->id, *doc.round)) {
        Value round = Value::object();
        round.set("year", *doc.round);
        round.set("url", r->url);
        round.set("label", s.format("round_title", {{"year", std::to_string(*doc.round)}}));
        v.set("round", std::move(round));
        v.set("archived", r->archived);
      }
    }
  }
  if (doc.signer) {
    Value signer = Value::object();
    set_opt(signer, "name", doc.signer->name);
    set_opt(signer, "title", doc.signer->title);
    v.set("signer", std::move(signer));
  } else {
    v.set("signer", false);
  }
  set_list(v, "recipients", text_list(doc.recipients));
  set_list(v, "references", references_view(doc, ctx));
  // The newest citing documents are listed and the rest counted: a decision can be cited by
  // thousands.
  auto cited = ctx.model.cited_by.find(&doc);
  std::vector<const Document*> citing;
  if (cited != ctx.model.cited_by.end()) {
    citing.assign(cited->second.begin(),
                  cited->second.begin() +
                      static_cast<std::ptrdiff_t>(std::min(kCitedByShown, cited->second.size())));
  }
  set_list(v, "cited_by", summaries(citing, ctx));
  std::size_t more = cited == ctx.model.cited_by.end() ? 0 : cited->second.size() - citing.size();
  set_opt(v, "cited_by_more", more ? s.format("cited_by_more", {{"n", std::to_string(more)}}) : "");
  set_list(v, "attachments", attachments_view(doc));
  if (doc.contact) {
    Value c = Value::object();
    set_opt(c, "office", doc.contact->office);
    set_opt(c, "phone", doc.contact->phone);
    set_opt(c, "email", doc.contact->email);
    set_opt(c, "address", doc.contact->address);
    v.set("contact", std::move(c));
  } else {
    v.set("contact", false);
  }
  set_list(v, "tags", text_list(doc.tags));
  Value toc = Value::list();
  if (body.headings.size() >= 3) {
    for (const auto& h : body.headings) {
      if (h.level > 3) continue;
      Value item = Value::object();
      item.set("id", h.id);
      item.set("text", h.text);
      item.set("sub", h.level == 3);
      toc.push(std::move(item));
    }
  }
  set_list(v, "toc", std::move(toc));
  set_opt(v, "withdrawn", doc.withdrawn);
  add_relations_view(v, doc, ctx);
  add_history_view(v, doc, ctx);
  v.set("body", body.html);
  v.set("source_path", doc.path);
  return v;
}

}  // namespace gazette::site
