#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "gazette/config.hpp"
#include "gazette/text.hpp"
#include "places.hpp"
#include "toml_values.hpp"

namespace gazette::config {

namespace fs = std::filesystem;

namespace {

using detail::toml_text;
using detail::toml_type_name;

// A redirect's target: a path of this site ("/new/", not "//host") or an http(s) address,
// without spaces or control characters (it goes into a meta refresh and a link).
bool is_redirect_target(std::string_view to) {
  bool clean = !to.empty() && std::none_of(to.begin(), to.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '\\' || c == '"';
  });
  bool path = !to.empty() && to[0] == '/' && (to.size() == 1 || to[1] != '/');
  std::size_t host = to.rfind("https://", 0) == 0 ? 8 : to.rfind("http://", 0) == 0 ? 7 : 0;
  bool web = host > 0 && to.size() > host && to[host] != '/';
  return clean && (path || web);
}

// Reads one table of site.toml, reporting the first problem as a Diagnostic.
class Reader {
 public:
  Reader(std::string file, std::string_view text) : file_(std::move(file)), text_(text) {}

  /// Where a value is written; line 0 when it is not (nullptr).
  static SourceLoc loc(const toml::node* node) {
    if (!node) return {};
    return {static_cast<int>(node->source().begin.line),
            static_cast<int>(node->source().begin.column)};
  }

  Diagnostic error(const toml::node& node, std::string message, std::string hint = {}) const {
    SourceLoc loc = Reader::loc(&node);
    return Diagnostic{Severity::error,    file_,           loc,
                      std::move(message), std::move(hint), std::string(line_at(text_, loc.line))};
  }

  // Every key of `table` must be in `known`; returns the first unknown as an error.
  std::optional<Diagnostic> check_keys(const toml::table& table, std::string_view where,
                                       const std::vector<std::string>& known) const {
    for (const auto& [key, value] : table) {
      std::string name(key.str());
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      std::string suggestion = closest_match(name, known);
      std::string hint = suggestion.empty() ? "" : "did you mean `" + suggestion + "`? ";
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      hint += "(known keys" + std::string(where.empty() ? "" : " in [" + std::string(where) + "]") +
              ": " + list + ")";
      SourceLoc loc{static_cast<int>(key.source().begin.line),
                    static_cast<int>(key.source().begin.column)};
      return Diagnostic{Severity::error,
                        file_,
                        loc,
                        "unknown key `" + name + "` in site.toml",
                        hint,
                        std::string(line_at(text_, loc.line))};
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> get(const toml::table& t, const char* key, std::string& out) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto s = n->value<std::string>()) {
      out = *s;
      return std::nullopt;
    }
    return error(*n, std::string("`") + key + "` must be text in quotes, not " + toml_type_name(*n),
                 std::string("write it in quotes: ") + key + " = \"" + toml_text(*n) + "\"");
  }

  std::optional<Diagnostic> get(const toml::table& t, const char* key, int& out) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<int64_t>(); v && *v >= 0 && *v < 1000000) {
      out = static_cast<int>(*v);
      return std::nullopt;
    }
    return error(*n,
                 std::string("`") + key + "` must be a whole number from 0 to 999999, not " +
                     toml_type_name(*n),
                 std::string("for example: ") + key + " = 7");
  }

  std::optional<Diagnostic> get(const toml::table& t, const char* key, bool& out) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<bool>()) {
      out = *v;
      return std::nullopt;
    }
    return error(*n, std::string("`") + key + "` must be true or false, not " + toml_type_name(*n),
                 std::string("without quotes: ") + key + " = true");
  }

  std::optional<Diagnostic> get(const toml::table& t, const char* key,
                                std::vector<std::string>& out) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    const toml::array* a = n->as_array();
    if (!a) {
      return error(*n,
                   std::string("`") + key + "` must be a list of text, not " + toml_type_name(*n),
                   std::string("for example: ") + key + " = [\"" + toml_text(*n) + "\"]");
    }
    for (const auto& item : *a) {
      auto s = item.value<std::string>();
      if (!s) {
        return error(item,
                     std::string("`") + key + "` must hold only text, not " + toml_type_name(item),
                     "put each item in quotes: \"" + toml_text(item) + "\"");
      }
      out.push_back(*s);
    }
    return std::nullopt;
  }

 private:
  std::string file_;
  std::string_view text_;
};

#define GAZETTE_TRY(expr)                         \
  do {                                            \
    if (auto problem_ = (expr)) return *problem_; \
  } while (0)

fs::path resolve(const fs::path& root, const std::string& value) {
  fs::path p(value);
  return (p.is_absolute() ? p : root / p).lexically_normal();
}

// The folders the configuration names, with where site.toml names them.
detail::SitePlaces places_of(const SiteConfig& c, const toml::table& root) {
  const toml::node* build = root.get("build");
  const toml::node* search = root.get("search");
  auto at = [](const toml::node* table, const char* key) -> const toml::node* {
    const toml::table* t = table ? table->as_table() : nullptr;
    return t ? t->get(key) : nullptr;
  };
  auto place = [&](const fs::path& path, const char* key, const toml::node* node,
                   const std::string& what) {
    std::string shown = display_path(path, c.root);
    std::string written = node ? node->value<std::string>().value_or(shown) : shown;
    return detail::Place{path, key, written, Reader::loc(node), what + " " + shown + "/"};
  };
  detail::SitePlaces p;
  p.root = c.root;
  p.read.push_back(place(c.content_dir, "content", at(build, "content"), "the content folder"));
  p.read.push_back(place(c.files_dir, "files", at(build, "files"), "the attachments folder"));
  if (!c.theme_dir.empty()) {
    p.read.push_back(place(c.theme_dir, "theme", root.get("theme"), "the theme folder"));
    p.read.back().written = c.theme;
  }
  p.guarded = p.read;
  p.guarded.push_back({c.root / "themes", "", "", {}, "the themes folder themes/"});
  p.guarded.push_back({c.root / ".git", "", "", {}, "the git repository .git"});
  p.guarded.push_back({c.config_file, "", "", {}, "the site's settings site.toml"});
  for (const SearchShard& shard : c.search.shards) {
    if (shard.location.rfind("tcp://", 0) == 0) continue;
    p.guarded.push_back(place(shard.location, "", nullptr, "the search shard"));
  }
  p.output = place(c.output_dir, "output", at(build, "output"), "the output folder");
  p.index = place(c.search.index_dir, "index", at(search, "index"), "the search index");
  return p;
}

// site.toml as TOML: readable, UTF-8 and well-formed, or the problem with its place.
Result<toml::table> parse_site_toml(const SiteConfig& c, const fs::path& site_toml,
                                    const std::string& file, std::string& bytes) {
  if (auto why = check_readable(resolved_path(c.root), c.config_file)) {
    return Diagnostic{Severity::error, file, {}, "site.toml " + why->problem, why->hint, {}};
  }
  auto read = read_file(site_toml);
  if (!read) return read.error();
  bytes = std::move(*read);
  if (auto bad = find_invalid_utf8(bytes)) {
    SourceLoc loc = locate(bytes, *bad);
    return Diagnostic{Severity::error,
                      file,
                      loc,
                      "site.toml is not valid UTF-8",
                      "save it as UTF-8",
                      std::string(line_at(bytes, loc.line))};
  }
  return detail::parse_toml(bytes, file, "site.toml must be valid TOML (https://toml.io)");
}

// The keys at the top of site.toml, outside any table.
std::optional<Diagnostic> read_top_level(const Reader& r, const toml::table& root, SiteConfig& c) {
  GAZETTE_TRY(r.check_keys(root, "",
                           {"title", "description", "base_url", "language", "languages", "timezone",
                            "publisher", "theme", "closing_soon_days", "build", "markdown",
                            "search", "serve", "history", "archive", "redirects"}));
  GAZETTE_TRY(r.get(root, "title", c.title));
  GAZETTE_TRY(r.get(root, "description", c.description));
  GAZETTE_TRY(r.get(root, "base_url", c.base_url));
  GAZETTE_TRY(r.get(root, "language", c.language));
  c.languages.clear();
  GAZETTE_TRY(r.get(root, "languages", c.languages));
  if (c.languages.empty()) c.languages = {c.language};
  GAZETTE_TRY(r.get(root, "timezone", c.timezone));
  if (!text::is_known_timezone(c.timezone)) {
    return r.error(*root.get("timezone"), "unknown time zone `" + c.timezone + "`",
                   "use an IANA time zone name: timezone = \"Asia/Ho_Chi_Minh\" (Việt Nam), or "
                   "\"UTC\"");
  }
  GAZETTE_TRY(r.get(root, "publisher", c.publisher));
  GAZETTE_TRY(r.get(root, "theme", c.theme));
  GAZETTE_TRY(r.get(root, "closing_soon_days", c.closing_soon_days));
  if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
  if (c.base_url.rfind("http://", 0) != 0 && c.base_url.rfind("https://", 0) != 0) {
    return r.error(*root.get("base_url"), "`base_url` must start with http:// or https://",
                   "for example base_url = \"https://thongbao.example.gov.vn/\"");
  }
  if (c.language != "vi" && c.language != "en") {
    return r.error(*root.get("language"), "`language` must be \"vi\" or \"en\"");
  }
  return std::nullopt;
}

std::optional<Diagnostic> read_build(const Reader& r, const toml::table& build, SiteConfig& c) {
  GAZETTE_TRY(r.check_keys(build, "build",
                           {"content", "output", "files", "list_page_size", "feed_entries"}));
  std::string content = "content", output = "public", files = "files";
  GAZETTE_TRY(r.get(build, "content", content));
  GAZETTE_TRY(r.get(build, "output", output));
  GAZETTE_TRY(r.get(build, "files", files));
  GAZETTE_TRY(r.get(build, "list_page_size", c.list_page_size));
  GAZETTE_TRY(r.get(build, "feed_entries", c.feed_entries));
  c.content_dir = resolve(c.root, content);
  c.output_dir = resolve(c.root, output);
  c.files_dir = resolve(c.root, files);
  if (c.list_page_size < 1) c.list_page_size = 50;
  return std::nullopt;
}

std::optional<Diagnostic> read_markdown(const Reader& r, const toml::table& md, SiteConfig& c) {
  GAZETTE_TRY(r.check_keys(md, "markdown", {"allow_html", "smart_punctuation"}));
  GAZETTE_TRY(r.get(md, "allow_html", c.markdown.allow_html));
  GAZETTE_TRY(r.get(md, "smart_punctuation", c.markdown.smart_punctuation));
  return std::nullopt;
}

std::optional<Diagnostic> read_search(const Reader& r, const toml::table& search, SiteConfig& c) {
  GAZETTE_TRY(r.check_keys(search, "search", {"index", "shards", "page_size"}));
  std::string index;
  GAZETTE_TRY(r.get(search, "index", index));
  if (!index.empty()) c.search.index_dir = resolve(c.root, index);
  std::vector<std::string> shards;
  GAZETTE_TRY(r.get(search, "shards", shards));
  for (auto& s : shards) {
    bool remote = s.rfind("tcp://", 0) == 0;
    c.search.shards.push_back({remote ? s : resolve(c.root, s).string()});
  }
  GAZETTE_TRY(r.get(search, "page_size", c.search.page_size));
  if (c.search.page_size < 1 || c.search.page_size > 100) c.search.page_size = 10;
  return std::nullopt;
}

std::optional<Diagnostic> read_serve(const Reader& r, const toml::table& serve, SiteConfig& c) {
  GAZETTE_TRY(r.check_keys(serve, "serve", {"host", "port"}));
  GAZETTE_TRY(r.get(serve, "host", c.serve.host));
  GAZETTE_TRY(r.get(serve, "port", c.serve.port));
  return std::nullopt;
}

std::optional<Diagnostic> read_history(const Reader& r, const toml::table& history, SiteConfig& c) {
  GAZETTE_TRY(
      r.check_keys(history, "history", {"enabled", "publish_branch", "show_commit_subjects"}));
  GAZETTE_TRY(r.get(history, "enabled", c.history.enabled));
  GAZETTE_TRY(r.get(history, "publish_branch", c.history.publish_branch));
  GAZETTE_TRY(r.get(history, "show_commit_subjects", c.history.show_commit_subjects));
  return std::nullopt;
}

// [[archive]]: the rounds kept as archives.
std::optional<Diagnostic> read_archive(const Reader& r, const toml::node& archive, SiteConfig& c) {
  const toml::array* rounds = archive.as_array();
  if (!rounds) return r.error(archive, "`archive` must be a list: [[archive]] tables");
  for (const auto& item : *rounds) {
    const toml::table* t = item.as_table();
    if (!t) return r.error(item, "each [[archive]] entry must be a table");
    GAZETTE_TRY(r.check_keys(*t, "archive", {"program", "round"}));
    ArchivedRound a;
    GAZETTE_TRY(r.get(*t, "program", a.program));
    GAZETTE_TRY(r.get(*t, "round", a.round));
    if (a.program.empty() || a.round == 0) {
      return r.error(item, "an [[archive]] entry needs `program` and `round`",
                     "for example: program = \"1322\" and round = 2024");
    }
    c.archived_rounds.push_back(a);
  }
  return std::nullopt;
}

// [[redirects]]: old addresses of this site and where they lead now.
std::optional<Diagnostic> read_redirects(const Reader& r, const toml::node& redirects,
                                         SiteConfig& c) {
  const toml::array* list = redirects.as_array();
  if (!list) return r.error(redirects, "`redirects` must be a list: [[redirects]] tables");
  for (const auto& item : *list) {
    const toml::table* t = item.as_table();
    if (!t) return r.error(item, "each [[redirects]] entry must be a table");
    GAZETTE_TRY(r.check_keys(*t, "redirects", {"from", "to"}));
    Redirect d;
    GAZETTE_TRY(r.get(*t, "from", d.from));
    GAZETTE_TRY(r.get(*t, "to", d.to));
    if (d.from.empty() || d.from[0] != '/' || !is_safe_relative_path(d.from.substr(1))) {
      return r.error(item, "a redirect's `from` must be a path on this site such as \"/old/\"");
    }
    if (!is_redirect_target(d.to)) {
      const toml::node* to = t->get("to");
      return r.error(to ? *to : item,
                     "a redirect's `to` must be a path on this site or an http(s) address, not "
                     "`" +
                         d.to + "`",
                     "for example to = \"/notice/2023/moi/\" or to = "
                     "\"https://thongbao.example.gov.vn/\"");
    }
    c.redirects.push_back(d);
  }
  return std::nullopt;
}

// The tables of site.toml, each read by its own step, in the order they are checked.
std::optional<Diagnostic> read_sections(const Reader& r, const toml::table& root, SiteConfig& c) {
  if (const toml::table* build = root["build"].as_table()) GAZETTE_TRY(read_build(r, *build, c));
  if (const toml::table* md = root["markdown"].as_table()) GAZETTE_TRY(read_markdown(r, *md, c));
  if (const toml::table* search = root["search"].as_table()) {
    GAZETTE_TRY(read_search(r, *search, c));
  }
  if (const toml::table* serve = root["serve"].as_table()) GAZETTE_TRY(read_serve(r, *serve, c));
  if (const toml::table* history = root["history"].as_table()) {
    GAZETTE_TRY(read_history(r, *history, c));
  }
  if (const toml::node* archive = root.get("archive")) GAZETTE_TRY(read_archive(r, *archive, c));
  if (const toml::node* redirects = root.get("redirects")) {
    GAZETTE_TRY(read_redirects(r, *redirects, c));
  }
  return std::nullopt;
}

// The theme folder themes/<theme>, when there is one; only the built-in theme may lack it.
std::optional<Diagnostic> find_theme(const Reader& r, const toml::table& root, SiteConfig& c) {
  fs::path theme_dir = (c.root / "themes" / c.theme).lexically_normal();
  std::error_code ec;
  if (fs::is_directory(theme_dir, ec)) {
    c.theme_dir = theme_dir;
  } else if (c.theme != "default") {
    return r.error(*root.get("theme"), "theme `" + c.theme + "` not found in themes/",
                   "remove `theme` to use the built-in default theme");
  }
  return std::nullopt;
}

}  // namespace

SiteConfig default_config(const fs::path& dir) {
  SiteConfig c;
  c.root = fs::absolute(dir).lexically_normal();
  c.config_file = c.root / "site.toml";
  c.content_dir = c.root / "content";
  c.output_dir = c.root / "public";
  c.files_dir = c.root / "files";
  c.search.index_dir = c.root / ".gazette" / "search";
  c.languages = {c.language};
  return c;
}

Result<SiteConfig> load_config(const fs::path& site_toml) {
  SiteConfig c =
      default_config(site_toml.parent_path().empty() ? fs::path(".") : site_toml.parent_path());
  c.config_file = fs::absolute(site_toml).lexically_normal();
  const std::string file = "site.toml";
  std::string bytes;
  auto root = parse_site_toml(c, site_toml, file, bytes);
  if (!root) return root.error();
  Reader r(file, bytes);
  if (auto problem = read_top_level(r, *root, c)) return *problem;
  if (auto problem = read_sections(r, *root, c)) return *problem;
  if (auto problem = find_theme(r, *root, c)) return *problem;
  if (auto problem = detail::check_places(places_of(c, *root), bytes)) return *problem;
  return c;
}

Result<SiteConfig> load_site(const fs::path& dir) {
  fs::path file = dir / "site.toml";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return Diagnostic{Severity::error,
                      display_path(file, fs::current_path()),
                      {},
                      "no site.toml here: this is not a gazette site directory",
                      "run gazette in the site's directory, or pass --site DIR",
                      {}};
  }
  return load_config(file);
}

}  // namespace gazette::config
