// Machine-readable files: /data/documents.json and .csv, sitemap.xml, robots.txt.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "feeds.hpp"
#include "pages.hpp"

namespace gazette::render {

namespace {

using Json = nlohmann::ordered_json;

Json document_record(const Document& d, const ViewContext& ctx) {
  const std::string& base = ctx.config.base_url;
  Json j;
  j["url"] = base + d.url.substr(1);
  j["kind"] = content::kind_name(d.kind);
  j["title"] = d.title;
  j["number"] = d.number;
  j["issuer"] = d.issuer;
  j["province"] = d.province;
  j["issued"] = format_iso_date(d.issued);
  j["deadline"] = d.deadline ? format_rfc3339(*d.deadline) : "";
  j["program"] = d.program;
  j["round"] = d.round ? Json(*d.round) : Json(nullptr);
  j["signer"] = d.signer ? d.signer->name : "";
  j["signer_title"] = d.signer ? d.signer->title : "";
  j["recipients"] = d.recipients;
  j["references"] = d.references;
  Json attachments = Json::array();
  for (const auto& a : d.attachments) {
    attachments.push_back({{"title", a.title}, {"url", base + a.output_path}});
  }
  j["attachments"] = attachments;
  j["contact"] = d.contact ? Json{{"office", d.contact->office},
                                  {"phone", d.contact->phone},
                                  {"email", d.contact->email},
                                  {"address", d.contact->address}}
                           : Json(nullptr);
  j["tags"] = d.tags;
  return j;
}

// Every listed document, then the programmes' pages: what the exports hold.
std::vector<const Document*> exported(const ViewContext& ctx) {
  std::vector<const Document*> docs = ctx.model.listed;
  for (const Program& p : ctx.model.programs) docs.push_back(p.doc);
  return docs;
}

std::string documents_json(const ViewContext& ctx) {
  Json all;
  all["site"] = ctx.config.title;
  // As new as its newest document (published or amended), not as the build: the same content
  // gives the same file, and a rebuild does not make a new version of it.
  std::optional<Instant> newest;
  Json list = Json::array();
  for (const Document* d : exported(ctx)) {
    list.push_back(document_record(*d, ctx));
    Instant updated = feed_entry(*d, ctx).updated;
    if (!newest || *newest < updated) newest = updated;
  }
  if (newest) all["updated"] = format_rfc3339(*newest);
  all["documents"] = std::move(list);
  return all.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

std::vector<std::string> document_cells(const Document& d, const ViewContext& ctx) {
  const std::string& base = ctx.config.base_url;
  std::vector<std::string> files;
  for (const auto& a : d.attachments) files.push_back(base + a.output_path);
  return {base + d.url.substr(1),
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
          joined(d.recipients),
          joined(d.references),
          joined(files),
          joined(d.tags)};
}

std::string documents_csv(const ViewContext& ctx) {
  // A BOM so spreadsheet programs read the file as UTF-8.
  std::string out = "\xEF\xBB\xBF";
  out +=
      "url,kind,title,number,issuer,province,issued,deadline,program,round,"
      "signer,signer_title,recipients,references,attachments,tags\r\n";
  for (const Document* d : exported(ctx)) {
    std::vector<std::string> cells = document_cells(*d, ctx);
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace

void add_exports(Jobs& jobs, const ViewContext& ctx) {
  jobs.push_back(
      {"data/documents.json", [&ctx](templates::Renderer&) { return documents_json(ctx); }, false});
  jobs.push_back(
      {"data/documents.csv", [&ctx](templates::Renderer&) { return documents_csv(ctx); }, false});
}

void add_sitemap(Jobs& jobs, const ViewContext& ctx) {
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

}  // namespace gazette::render
