#include "feeds.hpp"

#include <algorithm>

#include "pages.hpp"

namespace gazette::render {

namespace {

using content::Kind;

}  // namespace

std::string absolute_url(const ViewContext& ctx, const std::string& url) {
  return ctx.config.base_url + (url.empty() || url[0] != '/' ? url : url.substr(1));
}

Instant day_instant(const Date& date, const ViewContext& ctx) {
  return make_instant(date, 0, 0, 0, ctx.utc_offset_minutes);
}

FeedEntry feed_entry(const Document& d, const ViewContext& ctx) {
  FeedEntry e;
  e.url = d.url;
  e.title = d.title;
  e.kind = std::string(content::kind_name(d.kind));
  e.kind_label = kind_label(d.kind, ctx.strings);
  e.number = d.number;
  e.issuer = d.issuer;
  e.issued = d.issued;
  e.deadline = d.deadline;
  e.published = e.updated = day_instant(d.issued, ctx);
  if (const auto* file = ctx.history ? ctx.history->of(d) : nullptr) {
    if (const auto* first = file->first_published()) {
      e.published = e.updated = first->when;
    }
    if (const auto* last = file->last_amended()) e.updated = last->when;
  }
  return e;
}

std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<FeedEntry>& entries,
                      const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  std::string author = ctx.config.publisher.empty() ? ctx.config.title : ctx.config.publisher;
  // The feed is as new as its newest entry.
  std::optional<Instant> newest;
  for (const FeedEntry& e : entries) {
    if (!newest || *newest < e.updated) newest = e.updated;
  }
  Instant updated = newest.value_or(ctx.now);
  std::string out;
  out.reserve(1024 + entries.size() * 600);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  if (!ctx.feed_stylesheet.empty()) {  // a readable page when opened in a browser
    out +=
        "<?xml-stylesheet type=\"text/xsl\" href=\"" + xml_escape(ctx.feed_stylesheet) + "\"?>\n";
  }
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + ctx.config.language + "\">\n";
  out += "  <title>" + xml_escape(title) + "</title>\n";
  if (!ctx.config.description.empty()) {
    out += "  <subtitle>" + xml_escape(ctx.config.description) + "</subtitle>\n";
  }
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(absolute_url(ctx, self_url)) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" +
         xml_escape(absolute_url(ctx, alternate_url)) + "\"/>\n";
  out += "  <id>" + xml_escape(absolute_url(ctx, self_url)) + "</id>\n";
  out += "  <updated>" + format_rfc3339(updated) + "</updated>\n";
  out += "  <author><name>" + xml_escape(author) + "</name></author>\n";
  out += "  <generator>gazette</generator>\n";
  for (const FeedEntry& e : entries) {
    std::string link = absolute_url(ctx, e.url);
    std::string summary = e.kind_label;
    if (!e.number.empty()) summary += " " + e.number;
    if (!e.issuer.empty()) summary += " — " + e.issuer;
    summary += ", " + format_date_long(e.issued, s);
    if (e.deadline) summary += ". " + s.get("deadline") + ": " + format_deadline(*e.deadline, s);
    out += "  <entry>\n";
    out += "    <title>" + xml_escape(e.title) + "</title>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(link) + "\"/>\n";
    out += "    <id>" + xml_escape(link) + "</id>\n";
    out += "    <published>" + format_rfc3339(e.published) + "</published>\n";
    out += "    <updated>" + format_rfc3339(e.updated) + "</updated>\n";
    if (!e.issuer.empty()) {
      out += "    <author><name>" + xml_escape(e.issuer) + "</name></author>\n";
    }
    out += "    <category term=\"" + xml_escape(e.kind) + "\" label=\"" + xml_escape(e.kind_label) +
           "\"/>\n";
    out += "    <summary>" + xml_escape(summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<const Document*>& docs,
                      const ViewContext& ctx) {
  std::size_t count = std::min(docs.size(), static_cast<std::size_t>(ctx.config.feed_entries));
  std::vector<FeedEntry> entries;
  entries.reserve(count);
  for (std::size_t i = 0; i < count; ++i) entries.push_back(feed_entry(*docs[i], ctx));
  return atom_feed(self_url, alternate_url, title, entries, ctx);
}

void add_feed_files(Jobs& jobs, const ViewContext& ctx) {
  auto add = [&](const std::string& base, const std::string& title,
                 const std::vector<const Document*>* docs) {
    jobs.push_back({base.substr(1) + "feed.xml",
                    [&ctx, base, title, docs](templates::Renderer&) {
                      return atom_feed(base + "feed.xml", base, title, *docs, ctx);
                    },
                    false});
  };
  const Strings& s = ctx.strings;
  add("/", ctx.config.title, &ctx.model.listed);
  for (Kind k : {Kind::notice, Kind::guidance, Kind::proposal_list}) {
    auto it = ctx.model.by_kind.find(k);
    static const std::vector<const Document*> kNone;
    add("/" + std::string(content::kind_name(k)) + "/", ctx.config.title + " — " + kind_label(k, s),
        it == ctx.model.by_kind.end() ? &kNone : &it->second);
  }
  for (const Program& p : ctx.model.programs) add(p.url, p.doc->title, &p.docs);
  for (const Term& t : ctx.model.provinces) add(t.url, ctx.config.title + " — " + t.name, &t.docs);
}

}  // namespace gazette::render
