// A document's own page: its fields, relations, attachments, history and text.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "history_pages.hpp"
#include "pages.hpp"
#include "views.hpp"

namespace gazette::render {

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
  if (bytes >= std::uintmax_t{1024} * 1024) {
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
    set_opt(item, "size", a.size ? human_size(*a.size) : "");
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
  set_opt(v, "ics_url", doc.deadline ? calendar_url(doc) : "");
}

// The page's section (its kind's list) and the trail to it.
std::string section_of(const Document& doc) {
  return doc.kind == Kind::page ? std::string() : std::string(content::kind_name(doc.kind));
}

std::vector<Crumb> crumbs_of(const Document& doc, const Strings& s) {
  std::vector<Crumb> crumbs = {{s.get("nav_home"), "/"}};
  if (doc.kind == Kind::program) {
    crumbs.push_back({s.get("nav_program"), "/program/"});
  } else if (doc.kind != Kind::page) {
    crumbs.push_back({kind_label(doc.kind, s), "/" + section_of(doc) + "/"});
  }
  return crumbs;
}

// The programme and round a document belongs to, linked; an archived round says so.
void add_program_view(Value& v, const Document& doc, const ViewContext& ctx) {
  v.set("program", false);
  v.set("round", false);
  v.set("archived", false);
  const Program* p = ctx.model.find_program(doc.program);
  if (!p || doc.kind == Kind::program) return;
  Value program = Value::object();
  program.set("id", p->id);
  program.set("title", p->doc->title);
  program.set("url", p->url);
  v.set("program", std::move(program));
  const Round* r = doc.round ? ctx.model.find_round(p->id, *doc.round) : nullptr;
  if (!r) return;
  Value round = Value::object();
  round.set("year", *doc.round);
  round.set("url", r->url);
  round.set("label", ctx.strings.format("round_title", {{"year", std::to_string(*doc.round)}}));
  v.set("round", std::move(round));
  v.set("archived", r->archived);
}

Value signer_view(const Document& doc) {
  if (!doc.signer) return Value(false);
  Value signer = Value::object();
  set_opt(signer, "name", doc.signer->name);
  set_opt(signer, "title", doc.signer->title);
  return signer;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The end of the phone number that starts at `i` ("02153.825.019", "+84 215 3825 019",
// "(0215) 3825019"): digit groups joined by one separator each; a run of separators (" - ",
// "; ") ends it.
std::size_t phone_end(std::string_view text, std::size_t i) {
  std::size_t end = i, j = i;
  if (text[j] == '+' || text[j] == '(') ++j;
  while (j < text.size()) {
    if (is_digit(text[j])) {
      end = ++j;
    } else if (text[j] == ')' && j > i) {
      ++j;
      if (j < text.size() && text[j] == ' ') ++j;
    } else if (((text[j] == ' ' || text[j] == '.' || text[j] == '-') && j + 1 < text.size() &&
                (is_digit(text[j + 1]) || text[j + 1] == '(')) ||
               (text[j] == '(' && j + 1 < text.size() && is_digit(text[j + 1]))) {
      ++j;
    } else {
      break;
    }
  }
  return end;
}

// The contact's phone field as text and tel: links, one per number it holds ("02153.825.019;
// 0912 345 678"); anything else stays text.
Value phone_view(std::string_view phone) {
  Value parts = Value::list();
  auto add = [&](std::string_view text, const std::string& tel) {
    if (text.empty()) return;
    Value part = Value::object();
    part.set("text", std::string(text));
    set_opt(part, "tel", tel);
    parts.push(std::move(part));
  };
  std::size_t plain = 0;
  for (std::size_t i = 0; i < phone.size();) {
    bool starts = is_digit(phone[i]) || phone[i] == '+' || phone[i] == '(';
    if (!starts || (i > 0 && is_digit(phone[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t end = phone_end(phone, i);
    std::string tel = phone[i] == '+' ? "+" : "";
    for (std::size_t k = i; k < end; ++k) tel += is_digit(phone[k]) ? std::string(1, phone[k]) : "";
    std::size_t digits = tel.size() - (phone[i] == '+' ? 1 : 0);
    if (digits < 8 || digits > 15) {  // an extension, a year: not a number to call
      i = std::max(end, i + 1);
      continue;
    }
    add(phone.substr(plain, i - plain), "");
    add(phone.substr(i, end - i), tel);
    plain = i = end;
  }
  add(phone.substr(plain), "");
  return parts;
}

Value contact_view(const Document& doc) {
  if (!doc.contact) return Value(false);
  Value c = Value::object();
  set_opt(c, "office", doc.contact->office);
  set_opt(c, "phone", doc.contact->phone);
  c.set("phone_parts", phone_view(doc.contact->phone));
  set_opt(c, "email", doc.contact->email);
  set_opt(c, "address", doc.contact->address);
  return c;
}

// The newest citing documents are listed and the rest counted: a decision can be cited by
// thousands.
void add_cited_by_view(Value& v, const Document& doc, const ViewContext& ctx) {
  auto cited = ctx.model.cited_by.find(&doc);
  std::vector<const Document*> citing;
  if (cited != ctx.model.cited_by.end()) {
    citing.assign(cited->second.begin(),
                  cited->second.begin() +
                      static_cast<std::ptrdiff_t>(std::min(kCitedByShown, cited->second.size())));
  }
  set_list(v, "cited_by", summaries(citing, ctx));
  std::size_t more = cited == ctx.model.cited_by.end() ? 0 : cited->second.size() - citing.size();
  set_opt(v, "cited_by_more",
          more ? ctx.strings.format("cited_by_more", {{"n", std::to_string(more)}}) : "");
}

// A table of contents, for texts with three headings or more.
Value toc_view(const markdown::RenderedMarkdown& body) {
  Value toc = Value::list();
  if (body.headings.size() < 3) return toc;
  for (const auto& h : body.headings) {
    if (h.level > 3) continue;
    Value item = Value::object();
    item.set("id", h.id);
    item.set("text", h.text);
    item.set("sub", h.level == 3);
    toc.push(std::move(item));
  }
  return toc;
}

}  // namespace

Value document_view(const Document& doc, const markdown::RenderedMarkdown& body,
                    const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  std::string section = section_of(doc);
  Value v = page_frame(doc.title, doc.url, section, crumbs_of(doc, s), ctx);
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
  v.set("deadline", deadline_view(call_of(ctx.model, doc), ctx));
  add_program_view(v, doc, ctx);
  v.set("signer", signer_view(doc));
  set_list(v, "recipients", text_list(doc.recipients));
  set_list(v, "references", references_view(doc, ctx));
  add_cited_by_view(v, doc, ctx);
  set_list(v, "attachments", attachments_view(doc));
  v.set("contact", contact_view(doc));
  set_list(v, "tags", text_list(doc.tags));
  set_list(v, "toc", toc_view(body));
  set_opt(v, "withdrawn", doc.withdrawn);
  add_relations_view(v, doc, ctx);
  add_history_view(v, doc, ctx);
  v.set("body", body.html);
  v.set("source_path", doc.path);
  return v;
}

}  // namespace gazette::render
