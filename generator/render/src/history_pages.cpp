#include "history_pages.hpp"

#include <set>

#include "gazette/markdown.hpp"
#include "gazette/text.hpp"

namespace gazette::render {

namespace {

using templates::Value;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

// The fields a reader cares about, as they read them, in the order of the page.
std::vector<std::pair<std::string, std::string>> readable_fields(const Document& d,
                                                                 const Strings& s) {
  std::vector<std::pair<std::string, std::string>> f;
  f.emplace_back(s.get("field_title"), d.title);
  f.emplace_back(s.get("number"), d.number);
  f.emplace_back(s.get("issuer"), d.issuer);
  f.emplace_back(s.get("province"), d.province);
  f.emplace_back(s.get("issued"), d.issued.year ? format_date_short(d.issued, s) : "");
  f.emplace_back(s.get("opens_at"), d.opens ? format_deadline(*d.opens, s) : "");
  f.emplace_back(s.get("deadline"), d.deadline ? format_deadline(*d.deadline, s) : "");
  f.emplace_back(s.get("program"), d.program);
  f.emplace_back(s.get("round"), d.round ? std::to_string(*d.round) : "");
  f.emplace_back(
      s.get("signer"),
      d.signer ? d.signer->name + (d.signer->title.empty() ? "" : ", " + d.signer->title) : "");
  f.emplace_back(s.get("recipients"), join(d.recipients));
  f.emplace_back(s.get("references"), join(d.references));
  std::vector<std::string> files;
  for (const auto& a : d.attachments) files.push_back(a.title);
  f.emplace_back(s.get("attachments"), join(files));
  if (d.contact) {
    f.emplace_back(s.get("contact"), join({d.contact->office, d.contact->phone, d.contact->email,
                                           d.contact->address}));
  } else {
    f.emplace_back(s.get("contact"), "");
  }
  f.emplace_back(s.get("tags"), join(d.tags));
  f.emplace_back(s.get("withdrawn_field"), d.withdrawn);
  return f;
}

std::string diff_html(const std::vector<history::DiffPiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    switch (p.op) {
      case history::DiffPiece::Op::same:
        append_html_escaped(out, p.text);
        break;
      case history::DiffPiece::Op::added:
        out += "<ins>";
        append_html_escaped(out, p.text);
        out += "</ins>";
        break;
      case history::DiffPiece::Op::removed:
        out += "<del>";
        append_html_escaped(out, p.text);
        out += "</del>";
        break;
    }
  }
  return out;
}

// What a change says to readers in its own words: its `Change-Note:` trailer, else its commit's
// subject where site.toml allows it (subjects are written for editors); "" when neither.
std::string reader_note(const history::Change& c, const ViewContext& ctx) {
  if (!c.note.empty()) return c.note;
  return ctx.config.history.show_commit_subjects ? c.summary : "";
}

// The readable fields, and the text, that differ between two versions of a document; empty
// when either is not a valid document.
std::vector<std::string> changed_fields(const Document& doc, const history::Change& before,
                                        const history::Change& after, const ViewContext& ctx) {
  std::vector<std::string> changed;
  auto old_doc = ctx.history->versions->version(doc, before);
  auto new_doc = ctx.history->versions->version(doc, after);
  if (!old_doc || !new_doc) return changed;
  auto old_fields = readable_fields(*old_doc, ctx.strings);
  auto new_fields = readable_fields(*new_doc, ctx.strings);
  for (std::size_t i = 0; i < old_fields.size(); ++i) {
    if (old_fields[i].second != new_fields[i].second) changed.push_back(old_fields[i].first);
  }
  auto old_text = ctx.history->versions->text(doc, before);
  auto new_text = ctx.history->versions->text(doc, after);
  if (old_text && new_text && *old_text != *new_text)
    changed.push_back(ctx.strings.get("field_body"));
  return changed;
}

// What readers see of change `index`: its note; without one a neutral wording and the fields
// it changed ("Cập nhật văn bản (Hạn nộp hồ sơ, Nội dung)"), never the commit's subject unless
// site.toml asks for subjects. Additions, deletions and moves say enough by their kind.
std::string change_text(const Document& doc, const history::FileHistory& file, std::size_t index,
                        const ViewContext& ctx) {
  const history::Change& c = file.changes[index];
  std::string note = reader_note(c, ctx);
  if (!note.empty() || index == 0 || !has_change_page(c)) return note;
  std::vector<std::string> fields = changed_fields(doc, file.changes[index - 1], c, ctx);
  if (fields.empty()) return ctx.strings.get("change_neutral");
  std::string list;
  for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f;
  return ctx.strings.format("change_neutral_fields", {{"fields", list}});
}

Value change_page(const Document& doc, const history::FileHistory& file, std::size_t index,
                  const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  const history::Change& change = file.changes[index];
  const history::Change& before = file.changes[index - 1];
  LocalTime when = local_time(change.when);
  std::string title = s.format("change_title", {{"date", format_date_long(when.date, s)}});
  std::string section(content::kind_name(doc.kind));
  Value v = page_frame(title + " — " + doc.title, change_url(doc, change), section,
                       {{s.get("nav_home"), "/"},
                        {kind_label(doc.kind, s), "/" + section + "/"},
                        {doc.title, doc.url}},
                       ctx);
  v.set("heading", title);
  v.set("doc_title", doc.title);
  v.set("doc_url", doc.url);
  v.set("when", format_date_long(when.date, s));
  v.set("when_iso", format_rfc3339(change.when));
  set_opt(v, "text", change_text(doc, file, index, ctx));
  v.set("commit", change.commit);
  v.set("short_id", change.short_id);
  v.set("minor", change.minor);
  auto old_doc = ctx.history->versions->version(doc, before);
  auto new_doc = ctx.history->versions->version(doc, change);
  Value fields = Value::list();
  std::string body_diff;
  if (old_doc && new_doc) {
    auto old_fields = readable_fields(*old_doc, s);
    auto new_fields = readable_fields(*new_doc, s);
    for (std::size_t i = 0; i < old_fields.size(); ++i) {
      if (old_fields[i].second == new_fields[i].second) continue;
      Value f = Value::object();
      f.set("label", old_fields[i].first);
      set_opt(f, "before", old_fields[i].second);
      set_opt(f, "after", new_fields[i].second);
      fields.push(std::move(f));
    }
    auto old_text = ctx.history->versions->text(doc, before);
    auto new_text = ctx.history->versions->text(doc, change);
    if (*old_text != *new_text) body_diff = diff_html(history::word_diff(*old_text, *new_text));
  } else {
    // A version that is not a valid document: compare the files as text (with ƣ repaired
    // where it is a defect, as parse_document reads valid versions).
    auto a = ctx.history->versions->bytes_at(before);
    auto b = ctx.history->versions->bytes_at(change);
    if (a && b && content::oi_is_defect(ctx.config)) {
      *a = text::repair_oi(*a);
      *b = text::repair_oi(*b);
    }
    if (a && b) body_diff = diff_html(history::word_diff(*a, *b));
  }
  set_list(v, "fields", std::move(fields));
  set_opt(v, "body_diff", body_diff);
  set_opt(v, "moved_from", change.kind == history::Change::Kind::renamed ? change.old_path : "");
  v.set("noindex", false);
  return v;
}

}  // namespace

std::vector<content::DeadlineChange> deadline_changes_in_history(const Document& doc,
                                                                 const ViewContext& ctx) {
  std::vector<content::DeadlineChange> changes;
  const history::FileHistory* file = ctx.history ? ctx.history->of(doc) : nullptr;
  if (!file || file->changes.size() < 2 || !doc.deadline) return changes;
  std::optional<Instant> previous;
  for (const auto& change : file->changes) {
    if (change.kind == history::Change::Kind::deleted || change.moved_only) continue;
    auto version = ctx.history->versions->version(doc, change);
    if (!version) continue;
    if (previous && version->deadline && *version->deadline != *previous) {
      changes.push_back({*previous, local_time(change.when).date, reader_note(change, ctx)});
    }
    if (version->deadline) previous = version->deadline;
  }
  return changes;
}

bool has_change_page(const history::Change& change) {
  return (change.kind == history::Change::Kind::modified ||
          change.kind == history::Change::Kind::renamed) &&
         !change.moved_only;
}

std::string change_url(const Document& doc, const history::Change& change) {
  return doc.url + "changes/" + change.short_id + "/";
}

void add_history_view(Value& v, const Document& doc, const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  const history::FileHistory* file = ctx.history ? ctx.history->of(doc) : nullptr;
  v.set("unpublished", ctx.history && ctx.history->repo.in_git && ctx.history->uncommitted(doc));
  v.set("published", false);
  v.set("amended", false);
  set_list(v, "changes", Value::list());
  if (!file) return;
  auto date_of = [&](const history::Change& c) {
    Value d = Value::object();
    d.set("date", format_date_long(local_time(c.when).date, s));
    d.set("iso", format_rfc3339(c.when));
    d.set("short_id", c.short_id);
    return d;
  };
  if (const history::Change* first = file->first_published()) v.set("published", date_of(*first));
  if (const history::Change* last = file->last_amended()) v.set("amended", date_of(*last));
  Value changes = Value::list();
  for (std::size_t i = file->changes.size(); i-- > 0;) {
    const history::Change& c = file->changes[i];
    Value item = date_of(c);
    set_opt(item, "text", change_text(doc, *file, i, ctx));
    item.set("minor", c.minor);
    item.set("kind_label", s.get(std::string("change_") + std::string(history::kind_name(c.kind))));
    set_opt(item, "url", i > 0 && has_change_page(c) ? change_url(doc, c) : "");
    changes.push(std::move(item));
  }
  set_list(v, "changes", std::move(changes));
}

void add_change_pages(Jobs& jobs, const ViewContext& ctx) {
  if (!ctx.history || !ctx.history->available) return;
  for (const Document& doc : ctx.model.documents) {
    const history::FileHistory* file = ctx.history->of(doc);
    if (!file) continue;
    for (std::size_t i = 1; i < file->changes.size(); ++i) {
      if (!has_change_page(file->changes[i])) continue;
      jobs.emplace_back(change_url(doc, file->changes[i]).substr(1) + "index.html",
                        [&ctx, &doc, file, i](templates::Renderer&) {
                          return PageView{"change", change_page(doc, *file, i, ctx)};
                        });
    }
  }
}

}  // namespace gazette::render
