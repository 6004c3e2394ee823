#include "links.hpp"

#include <algorithm>
#include <cctype>

#include "gazette/markdown.hpp"

namespace gazette::site {

namespace fs = std::filesystem;
using Kind = SourceFiles::Target::Kind;

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The scheme of an address ("https", "mailto"), lower case; "" for a path.
std::string scheme_of(std::string_view url) {
  for (std::size_t i = 0; i < url.size(); ++i) {
    auto c = static_cast<unsigned char>(url[i]);
    if (c == ':') return i > 0 ? lower_ascii(url.substr(0, i)) : "";
    bool letter = std::isalpha(c) != 0;
    if (!letter && (i == 0 || !(std::isdigit(c) || c == '+' || c == '-' || c == '.'))) return "";
  }
  return "";
}

// %XX sequences decoded; a malformed one is kept as written.
std::string decode_percent(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// "/a/b/../c/" → "/a/c/"; nullopt when a ".." climbs above the root. `path` starts with '/'.
std::optional<std::string> normal_site_path(std::string_view path) {
  std::vector<std::string_view> parts;
  bool directory = false;  // the last segment names a folder ("", "." or "..")
  std::size_t start = 1;
  while (true) {
    std::size_t end = path.find('/', start);
    bool last = end == std::string_view::npos;
    std::string_view part = path.substr(start, last ? std::string_view::npos : end - start);
    directory = part.empty() || part == "." || part == "..";
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!directory) {
      parts.push_back(part);
    }
    if (last) break;
    start = end + 1;
  }
  std::string out;
  for (std::string_view p : parts) out += "/" + std::string(p);
  if (out.empty() || directory) out += "/";
  return out;
}

bool is_source_file(std::string_view path) {
  std::string lowered = lower_ascii(path);
  return lowered.ends_with(".md") || lowered.ends_with(".markdown");
}

}  // namespace

SourceFiles::SourceFiles(const config::SiteConfig& config,
                         const std::vector<content::Document>& published,
                         const std::map<fs::path, std::string>& drafts)
    : root_(config.root), content_dir_(config.content_dir.lexically_normal()) {
  for (const content::Document& d : published) published_[d.source.lexically_normal()] = &d;
  for (const auto& [source, path] : drafts) drafts_[source.lexically_normal()] = path;
}

SourceFiles::Target SourceFiles::resolve(std::string_view url, const content::Document& doc) const {
  Target t;
  std::string_view u = trim(url);
  std::string scheme = scheme_of(u);
  if (markdown::is_unsafe_url(u)) {
    t.kind = Kind::unsafe;
  } else if (u.starts_with("//") || scheme == "http" || scheme == "https") {
    t.kind = Kind::external;
  }
  if (u.empty() || !scheme.empty() || t.kind != Kind::none) return t;
  std::size_t hash = u.find('#');
  if (hash != std::string_view::npos) {
    t.has_fragment = true;
    t.fragment = decode_percent(u.substr(hash + 1));
  }
  std::string_view before = u.substr(0, hash);
  std::string path = decode_percent(before.substr(0, before.find('?')));
  if (path.empty()) {  // "#fragment" or "?query": this page
    t.kind = Kind::site;
    t.path = doc.url;
    return t;
  }
  if (is_source_file(path)) {
    fs::path file = path[0] == '/' ? content_dir_ / path.substr(1)
                                   : doc.source.parent_path().lexically_normal() / path;
    file = file.lexically_normal();
    fs::path inside = file.lexically_relative(content_dir_);
    if (inside.empty() || *inside.begin() == "..") {
      t.kind = Kind::outside;
    } else if (auto it = published_.find(file); it != published_.end()) {
      t.kind = Kind::source;
      t.document = it->second;
      t.path = it->second->url;
    } else if (auto draft = drafts_.find(file); draft != drafts_.end()) {
      t.kind = Kind::draft;
      t.path = draft->second;
    } else {
      t.kind = Kind::no_source;
      t.path = display_path(file, root_);
    }
    return t;
  }
  auto normal = normal_site_path(path[0] == '/' ? path : doc.url + path);
  t.kind = normal ? Kind::site : Kind::outside;
  if (normal) t.path = *normal;
  return t;
}

std::optional<std::string> SourceFiles::published_address(std::string_view url,
                                                          const content::Document& doc) const {
  if (published_.empty() && drafts_.empty()) return std::nullopt;
  std::string_view u = trim(url);
  std::string_view path = u.substr(0, u.find_first_of("?#"));
  if (!is_source_file(path) || !scheme_of(u).empty() || u.starts_with("//")) return std::nullopt;
  Target t = resolve(url, doc);
  if (t.kind == Kind::draft) return "";
  if (t.kind != Kind::source) return std::nullopt;
  std::size_t hash = u.find('#');
  return t.path + (hash == std::string_view::npos ? "" : std::string(u.substr(hash)));
}

SiteAddresses::SiteAddresses(const std::vector<render::PageJob>& jobs,
                             const model::SiteModel& model, const templates::Theme& theme)
    : own_{"search", "search/index.html", "api/search", "search.atom", "favicon.ico"} {
  files_.reserve(jobs.size());
  for (const render::PageJob& job : jobs) files_.insert(job.path);
  for (const content::Document& d : model.documents) {
    for (const content::Attachment& a : d.attachments) files_.insert(a.output_path);
  }
  for (const templates::StaticFile& f : theme.static_files()) own_.insert("static/" + f.path);
  theme_ids_ = theme.fixed_ids("document");
}

bool SiteAddresses::has(std::string_view path) const {
  std::string file(path.substr(path.starts_with("/") ? 1 : 0));
  if (file.empty() || file.back() == '/') file += "index.html";
  return files_.count(file) > 0 || own_.count(file) > 0;
}

namespace {

// The ids a link may name on a document's page: its headings', and a list's tasks'.
std::set<std::string> ids_of(const content::Document& doc, const markdown::RenderedMarkdown& body) {
  std::set<std::string> ids;
  for (const markdown::Heading& h : body.headings) ids.insert(h.id);
  for (const content::Task& task : doc.tasks) ids.insert("task-" + std::to_string(task.stt));
  return ids;
}

std::string listed_ids(const std::set<std::string>& ids) {
  if (ids.empty()) return "that page has no headings to link to";
  std::string out = "its headings: ";
  std::size_t n = 0;
  for (const std::string& id : ids) {
    if (n++ == 10) return out + ", …";
    out += (n > 1 ? ", #" : "#") + id;
  }
  return out;
}

// Checks the links of one document's text, reporting at their lines.
class LinkCheck {
 public:
  LinkCheck(const model::SiteModel& model, const render::RenderedBodies& bodies,
            const SiteAddresses& addresses, Severity unsafe, Diagnostics& diags)
      : model_(model), bodies_(bodies), addresses_(addresses), unsafe_(unsafe), diags_(diags) {
    for (std::size_t i = 0; i < model.documents.size(); ++i) by_url_[model.documents[i].url] = i;
  }

  void check(std::size_t i, const SourceFiles& sources, std::vector<ExternalLink>& external) {
    const content::Document& doc = model_.documents[i];
    for (const markdown::Link& link : bodies_[i].links) {
      SourceLoc at{doc.body_line + link.line - 1, link.column};
      SourceFiles::Target t = sources.resolve(link.url, doc);
      if (t.kind == Kind::external) {
        external.push_back(
            {link.url, doc.path, at, std::string(line_at(doc.source_text, at.line))});
      } else {
        check_target(doc, link, at, t);
      }
    }
  }

 private:
  void report(Severity severity, const content::Document& doc, SourceLoc at, std::string message,
              std::string hint) {
    diags_.add({severity, doc.path, at, std::move(message), std::move(hint),
                std::string(line_at(doc.source_text, at.line))});
  }

  void check_target(const content::Document& doc, const markdown::Link& link, SourceLoc at,
                    const SourceFiles::Target& t) {
    std::string what = std::string(link.image ? "the image `" : "the link `") + link.url + "`";
    switch (t.kind) {
      case Kind::none:
      case Kind::external:
        return;
      case Kind::unsafe:
        return report(unsafe_, doc, at, what + " has a script or data address",
                      "javascript:, vbscript:, data: and file: addresses are never published: "
                      "link to a page or a file of the site, or to an https:// address");
      case Kind::outside:
        return report(Severity::error, doc, at,
                      what + " leads out of " +
                          (is_source_file(link.url.substr(0, link.url.find_first_of("?#")))
                               ? "the content folder"
                               : "the site"),
                      "link to a document of the site (its file, ../notices/2023/a.md, or its "
                      "address, /notice/2023/a/) or to a file in files/");
      case Kind::draft:
        return report(Severity::warning, doc, at,
                      what + " names a draft (" + t.path + "): it is shown without a link",
                      "publish it (delete its `draft = true`), or leave this as it is until "
                      "then; gazette build --drafts shows drafts");
      case Kind::no_source:
        return report(Severity::error, doc, at,
                      what + " names no document: " + t.path + " is not on the site",
                      "a document's file is named from this file's folder "
                      "(../guidance/2025/a.md) or from the content folder (/guidance/2025/a.md)");
      case Kind::source:
      case Kind::site:
        return check_site(doc, at, what, t);
    }
  }

  void check_site(const content::Document& doc, SourceLoc at, const std::string& what,
                  const SourceFiles::Target& t) {
    std::string page = t.path;
    if (!addresses_.has(page)) {
      if (!addresses_.has(page + "/")) {
        return report(Severity::error, doc, at,
                      what + " leads to " + page + ", which the site does not have",
                      "correct the address; a document's is /<kind>/<year>/<slug>/, and a link "
                      "may name its file instead (../notices/2023/a.md)");
      }
      page += "/";
    }
    if (page.ends_with("/index.html"))
      page.resize(page.size() - std::string_view("index.html").size());
    auto target = by_url_.find(page);
    if (!t.has_fragment || t.fragment.empty() || target == by_url_.end()) return;
    std::set<std::string> ids = ids_of(model_.documents[target->second], bodies_[target->second]);
    if (ids.count(t.fragment) || addresses_.theme_ids().count(t.fragment)) return;
    report(Severity::error, doc, at,
           what + " names #" + t.fragment + ", which " +
               (&model_.documents[target->second] == &doc ? "this page" : page) + " does not have",
           listed_ids(ids));
  }

  const model::SiteModel& model_;
  const render::RenderedBodies& bodies_;
  const SiteAddresses& addresses_;
  Severity unsafe_;
  Diagnostics& diags_;
  std::map<std::string, std::size_t> by_url_;
};

}  // namespace

std::vector<ExternalLink> check_links(const model::SiteModel& model,
                                      const render::RenderedBodies& bodies,
                                      const SourceFiles& sources, const SiteAddresses& addresses,
                                      Severity unsafe, Diagnostics& diags) {
  std::vector<ExternalLink> external;
  LinkCheck check(model, bodies, addresses, unsafe, diags);
  for (std::size_t i = 0; i < model.documents.size(); ++i) check.check(i, sources, external);
  return external;
}

}  // namespace gazette::site
