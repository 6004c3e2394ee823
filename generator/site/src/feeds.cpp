#include "feeds.hpp"

#include "history_stage.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace gazette::site {

namespace {

using content::Kind;

std::string absolute(const ViewContext& ctx, const std::string& url) {
  return ctx.config.base_url + (url.empty() || url[0] != '/' ? url : url.substr(1));
}

// A date as the start of that day in the site's offset (documents carry dates, feeds want
// instants).
std::string day_instant(const Date& date, const ViewContext& ctx) {
  return format_rfc3339(make_instant(date, 0, 0, 0, ctx.utc_offset_minutes));
}

}  // namespace

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n;") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string atom_feed(const std::string& self_url, const std::string& alternate_url,
                      const std::string& title, const std::vector<const Document*>& docs,
                      const ViewContext& ctx) {
  const Strings& s = ctx.strings;
  std::size_t count = std::min(docs.size(), static_cast<std::size_t>(ctx.config.feed_entries));
  std::string author = ctx.config.publisher.empty() ? ctx.config.title : ctx.config.publisher;
  std::string updated =
      docs.empty() ? format_rfc3339(ctx.now) : day_instant(docs.front()->issued, ctx);
  std::string out;
  out.reserve(1024 + count * 600);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + ctx.config.language + "\">\n";
  out += "  <title>" + xml_escape(title) + "</title>\n";
  if (!ctx.config.description.empty()) {
    out += "  <subtitle>" + xml_escape(ctx.config.description) + "</subtitle>\n";
  }
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" +
         xml_escape(absolute(ctx, self_url)) + "\"/>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" +
         xml_escape(absolute(ctx, alternate_url)) + "\"/>\n";
  out += "  <id>" + xml_escape(absolute(ctx, self_url)) + "</id>\n";
  out += "  <updated>" + updated + "</updated>\n";
  out += "  <author><name>" + xml_escape(author) + "</name></author>\n";
  out += "  <generator>gazette</generator>\n";
  for (std::size_t i = 0; i < count; ++i) {
    const Document& d = *docs[i];
    std::string link = absolute(ctx, d.url);
    std::string summary = kind_label(d.kind, s);
    if (!d.number.empty()) summary += " " + d.number;
    if (!d.issuer.empty()) summary += " — " + d.issuer;
    summary += ", " + format_date_long(d.issued, s);
    if (d.deadline) summary += ". " + s.get("deadline") + ": " + format_deadline(*d.deadline, s);
    out += "  <entry>\n";
    out += "    <title>" + xml_escape(d.title) + "</title>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(link) + "\"/>\n";
    out += "    <id>" + xml_escape(link) + "</id>\n";
    // With git history: published when first committed, updated when last amended (minor
    // corrections do not count, so they do not resurface in feed readers).
    std::string published = day_instant(d.issued, ctx), amended = published;
    if (const auto* file = ctx.history ? ctx.history->of(d) : nullptr) {
      if (const auto* first = file->first_published())
        published = amended = format_rfc3339(first->when);
      if (const auto* last = file->last_amended()) amended = format_rfc3339(last->when);
    }
    out += "    <published>" + published + "</published>\n";
    out += "    <updated>" + amended + "</updated>\n";
    if (!d.issuer.empty())
      out += "    <author><name>" + xml_escape(d.issuer) + "</name></author>\n";
    out += "    <category term=\"" + std::string(content::kind_name(d.kind)) + "\" label=\"" +
           xml_escape(kind_label(d.kind, s)) + "\"/>\n";
    out += "    <summary>" + xml_escape(summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

void add_feed_files(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  auto add = [&](std::string base, std::string title, const std::vector<const Document*>* docs) {
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

void add_exports(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  auto record = [&ctx](const Document& d) {
    nlohmann::ordered_json j;
    j["url"] = ctx.config.base_url + d.url.substr(1);
    j["kind"] = content::kind_name(d.kind);
    j["title"] = d.title;
    j["number"] = d.number;
    j["issuer"] = d.issuer;
    j["province"] = d.province;
    j["issued"] = format_iso_date(d.issued);
    j["deadline"] = d.deadline ? format_rfc3339(*d.deadline) : "";
    j["program"] = d.program;
    j["round"] = d.round ? nlohmann::ordered_json(*d.round) : nlohmann::ordered_json(nullptr);
    j["signer"] = d.signer ? d.signer->name : "";
    j["signer_title"] = d.signer ? d.signer->title : "";
    j["recipients"] = d.recipients;
    j["references"] = d.references;
    nlohmann::ordered_json attachments = nlohmann::ordered_json::array();
    for (const auto& a : d.attachments) {
      attachments.push_back({{"title", a.title}, {"url", ctx.config.base_url + a.output_path}});
    }
    j["attachments"] = attachments;
    j["contact"] = d.contact ? nlohmann::ordered_json{{"office", d.contact->office},
                                                      {"phone", d.contact->phone},
                                                      {"email", d.contact->email},
                                                      {"address", d.contact->address}}
                             : nlohmann::ordered_json(nullptr);
    j["tags"] = d.tags;
    return j;
  };
  jobs.push_back({"data/documents.json",
                  [&ctx, record](templates::Renderer&) {
                    nlohmann::ordered_json all;
                    all["site"] = ctx.config.title;
                    all["generated"] = format_rfc3339(ctx.now);
                    nlohmann::ordered_json list = nlohmann::ordered_json::array();
                    for (const Document* d : ctx.model.listed) list.push_back(record(*d));
                    for (const Program& p : ctx.model.programs) list.push_back(record(*p.doc));
                    all["documents"] = std::move(list);
                    return all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
                  },
                  false});
  jobs.push_back({"data/documents.csv",
                  [&ctx](templates::Renderer&) {
                    // A BOM so spreadsheet programs read the file as UTF-8.
                    std::string out = "\xEF\xBB\xBF";
                    out +=
                        "url,kind,title,number,issuer,province,issued,deadline,program,round,"
                        "signer,signer_title,recipients,references,attachments,tags\r\n";
                    auto join = [](const std::vector<std::string>& items) {
                      std::string joined;
                      for (const auto& i : items) joined += (joined.empty() ? "" : "; ") + i;
                      return joined;
                    };
                    auto row = [&](const Document& d) {
                      std::vector<std::string> files;
                      for (const auto& a : d.attachments)
                        files.push_back(ctx.config.base_url + a.output_path);
                      std::vector<std::string> cells = {
                          ctx.config.base_url + d.url.substr(1),
                          std::string(content::kind_name(d.kind)),
                          d.title,
                          d.number,
                          d.issuer,
                          d.province,
                          format_iso_date(d.issued),
                          d.deadline ? format_rfc3339(*d.deadline) : "",
                          d.program,
                          d.round ? std::to_string(*d.round) : "",
                          d.signer ? d.signer->name : "",
                          d.signer ? d.signer->title : "",
                          join(d.recipients),
                          join(d.references),
                          join(files),
                          join(d.tags)};
                      for (std::size_t i = 0; i < cells.size(); ++i) {
                        out += (i ? "," : "") + csv_field(cells[i]);
                      }
                      out += "\r\n";
                    };
                    for (const Document* d : ctx.model.listed) row(*d);
                    for (const Program& p : ctx.model.programs) row(*p.doc);
                    return out;
                  },
                  false});
}

void add_sitemap(std::vector<PageJob>& jobs, const ViewContext& ctx) {
  std::vector<std::pair<std::string, std::string>> pages;
  for (const PageJob& job : jobs) {
    if (!job.in_sitemap) continue;
    std::string url = job.path;
    if (url.ends_with("index.html")) url.resize(url.size() - 10);
    pages.emplace_back(ctx.config.base_url + url, job.lastmod);
  }
  std::sort(pages.begin(), pages.end());
  jobs.push_back({"sitemap.xml",
                  [pages](templates::Renderer&) {
                    std::string out;
                    out.reserve(pages.size() * 110 + 200);
                    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
                    out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
                    for (const auto& [loc, lastmod] : pages) {
                      out += "  <url><loc>" + xml_escape(loc) + "</loc>";
                      if (!lastmod.empty()) out += "<lastmod>" + lastmod + "</lastmod>";
                      out += "</url>\n";
                    }
                    out += "</urlset>\n";
                    return out;
                  },
                  false});
  jobs.push_back({"robots.txt",
                  [&ctx](templates::Renderer&) {
                    return "User-agent: *\nAllow: /\n\nSitemap: " + ctx.config.base_url +
                           "sitemap.xml\n";
                  },
                  false});
}

}  // namespace gazette::site
