// Machine-readable files: /data/documents.json and .csv, sitemap.xml, robots.txt.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "pages.hpp"

namespace gazette::render {

namespace {

using content::Kind;

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

void add_exports(Jobs& jobs, const ViewContext& ctx) {
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
