#include <toml++/toml.h>

#include <algorithm>
#include <utility>

#include "gazette/config.hpp"
#include "gazette/text.hpp"
#include "keys.hpp"
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

// "site.toml", "[build]", "[[archive]]": where a key is, as a message names it.
std::string table_name(std::string_view table) {
  if (table.empty()) return "site.toml";
  bool list = table == "archive" || table == "redirects";
  return (list ? "[[" : "[") + std::string(table) + (list ? "]]" : "]") + " of site.toml";
}

// Reads the tables of site.toml, collecting every problem and going on: a value that cannot be
// read keeps its default, so the checks after it see a sound value.
class Reader {
 public:
  Reader(std::string file, std::string_view text, std::vector<Diagnostic>& found)
      : file_(std::move(file)), text_(text), found_(found) {}

  /// Where a value is written; line 0 when it is not (nullptr).
  static SourceLoc loc(const toml::node* node) {
    if (!node) return {};
    return {static_cast<int>(node->source().begin.line),
            static_cast<int>(node->source().begin.column)};
  }

  void error(const toml::node& node, std::string message, std::string hint = {}) const {
    error_at(loc(&node), std::move(message), std::move(hint));
  }
  void error_at(SourceLoc at, std::string message, std::string hint = {}) const {
    found_.push_back(Diagnostic{Severity::error, file_, at, std::move(message), std::move(hint),
                                std::string(line_at(text_, at.line))});
  }
  void add(Diagnostic d) const { found_.push_back(std::move(d)); }

  // Every key of `table` must be one of `where`'s (keys.hpp); each other key is an error.
  void check_keys(const toml::table& table, std::string_view where) const {
    const std::vector<std::string>& known = detail::site_keys(where);
    for (const auto& [key, value] : table) {
      std::string name(key.str());
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      error_at(
          {static_cast<int>(key.source().begin.line), static_cast<int>(key.source().begin.column)},
          "unknown key `" + name + "` in " + table_name(where),
          detail::unknown_key_hint(name, where));
    }
  }

  // Each get() reads `key` of `t` into `out` when it is there: false (after reporting why)
  // when it is of the wrong type, `out` then unchanged.
  bool get(const toml::table& t, const char* key, std::string& out) const {
    const toml::node* n = t.get(key);
    if (!n) return true;
    if (auto s = n->value<std::string>()) {
      out = *s;
      return true;
    }
    error(*n, std::string("`") + key + "` must be text in quotes, not " + toml_type_name(*n),
          std::string("write it in quotes: ") + key + " = \"" + toml_text(*n) + "\"");
    return false;
  }

  bool get(const toml::table& t, const char* key, int& out) const {
    const toml::node* n = t.get(key);
    if (!n) return true;
    if (auto v = n->value<int64_t>(); v && *v >= 0 && *v < 1000000) {
      out = static_cast<int>(*v);
      return true;
    }
    error(*n,
          std::string("`") + key + "` must be a whole number from 0 to 999999, not " +
              toml_type_name(*n),
          std::string("for example: ") + key + " = 7");
    return false;
  }

  bool get(const toml::table& t, const char* key, bool& out) const {
    const toml::node* n = t.get(key);
    if (!n) return true;
    if (auto v = n->value<bool>()) {
      out = *v;
      return true;
    }
    error(*n, std::string("`") + key + "` must be true or false, not " + toml_type_name(*n),
          std::string("without quotes: ") + key + " = true");
    return false;
  }

  bool get(const toml::table& t, const char* key, std::vector<std::string>& out) const {
    const toml::node* n = t.get(key);
    if (!n) return true;
    const toml::array* a = n->as_array();
    if (!a) {
      error(*n, std::string("`") + key + "` must be a list of text, not " + toml_type_name(*n),
            std::string("for example: ") + key + " = [\"" + toml_text(*n) + "\"]");
      return false;
    }
    std::vector<std::string> items;
    bool ok = true;
    for (const auto& item : *a) {
      if (auto s = item.value<std::string>()) {
        items.push_back(*s);
        continue;
      }
      error(item, std::string("`") + key + "` must hold only text, not " + toml_type_name(item),
            "put each item in quotes: \"" + toml_text(item) + "\"");
      ok = false;
    }
    if (ok) out = std::move(items);
    return ok;
  }

 private:
  std::string file_;
  std::string_view text_;
  std::vector<Diagnostic>& found_;
};

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
void read_top_level(const Reader& r, const toml::table& root, SiteConfig& c) {
  r.check_keys(root, "");
  r.get(root, "title", c.title);
  r.get(root, "description", c.description);
  r.get(root, "language", c.language);
  c.languages.clear();
  r.get(root, "languages", c.languages);
  if (c.languages.empty()) c.languages = {c.language};
  if (r.get(root, "timezone", c.timezone) && !text::is_known_timezone(c.timezone)) {
    r.error(*root.get("timezone"), "unknown time zone `" + c.timezone + "`",
            "use an IANA time zone name: timezone = \"Asia/Ho_Chi_Minh\" (Việt Nam), or "
            "\"UTC\"");
    c.timezone = SiteConfig{}.timezone;
  }
  r.get(root, "publisher", c.publisher);
  r.get(root, "theme", c.theme);
  r.get(root, "closing_soon_days", c.closing_soon_days);
  if (r.get(root, "base_url", c.base_url) && root.get("base_url")) {
    if (c.base_url.empty() || c.base_url.back() != '/') c.base_url += '/';
    if (c.base_url.rfind("http://", 0) != 0 && c.base_url.rfind("https://", 0) != 0) {
      r.error(*root.get("base_url"), "`base_url` must start with http:// or https://",
              "for example base_url = \"https://thongbao.example.gov.vn/\"");
    }
  }
  if (c.language != "vi" && c.language != "en") {
    r.error(*root.get("language"), "`language` must be \"vi\" or \"en\"",
            "language = \"vi\" (Vietnamese) or language = \"en\" (English)");
  }
}

void read_build(const Reader& r, const toml::table& build, SiteConfig& c) {
  r.check_keys(build, "build");
  std::string content = "content", output = "public", files = "files";
  r.get(build, "content", content);
  r.get(build, "output", output);
  r.get(build, "files", files);
  r.get(build, "list_page_size", c.list_page_size);
  r.get(build, "feed_entries", c.feed_entries);
  c.content_dir = resolve(c.root, content);
  c.output_dir = resolve(c.root, output);
  c.files_dir = resolve(c.root, files);
  if (c.list_page_size < 1) c.list_page_size = 50;
}

void read_markdown(const Reader& r, const toml::table& md, SiteConfig& c) {
  r.check_keys(md, "markdown");
  r.get(md, "allow_html", c.markdown.allow_html);
  r.get(md, "smart_punctuation", c.markdown.smart_punctuation);
}

void read_search(const Reader& r, const toml::table& search, SiteConfig& c) {
  r.check_keys(search, "search");
  std::string index;
  r.get(search, "index", index);
  if (!index.empty()) c.search.index_dir = resolve(c.root, index);
  std::vector<std::string> shards;
  r.get(search, "shards", shards);
  for (auto& s : shards) {
    bool remote = s.rfind("tcp://", 0) == 0;
    c.search.shards.push_back({remote ? s : resolve(c.root, s).string()});
  }
  r.get(search, "page_size", c.search.page_size);
  if (c.search.page_size < 1 || c.search.page_size > 100) c.search.page_size = 10;
}

void read_serve(const Reader& r, const toml::table& serve, SiteConfig& c) {
  r.check_keys(serve, "serve");
  r.get(serve, "host", c.serve.host);
  r.get(serve, "port", c.serve.port);
}

void read_history(const Reader& r, const toml::table& history, SiteConfig& c) {
  r.check_keys(history, "history");
  r.get(history, "enabled", c.history.enabled);
  r.get(history, "publish_branch", c.history.publish_branch);
  r.get(history, "show_commit_subjects", c.history.show_commit_subjects);
}

// [[archive]]: the rounds kept as archives.
void read_archive(const Reader& r, const toml::node& archive, SiteConfig& c) {
  const toml::array* rounds = archive.as_array();
  if (!rounds) {
    r.error(archive, "`archive` must be a list: [[archive]] tables",
            "[[archive]]\nprogram = \"1322\"\nround = 2024");
    return;
  }
  for (const auto& item : *rounds) {
    const toml::table* t = item.as_table();
    if (!t) {
      r.error(item, "each [[archive]] entry must be a table");
      continue;
    }
    r.check_keys(*t, "archive");
    ArchivedRound a;
    bool typed = r.get(*t, "program", a.program);
    typed = r.get(*t, "round", a.round) && typed;
    if (!typed) continue;
    if (a.program.empty() || a.round == 0) {
      r.error(item, "an [[archive]] entry needs `program` and `round`",
              "for example: program = \"1322\" and round = 2024");
      continue;
    }
    c.archived_rounds.push_back(a);
  }
}

// One [[redirects]] entry: an old address of this site and where it leads now.
void read_redirect(const Reader& r, const toml::node& item, SiteConfig& c) {
  const toml::table* t = item.as_table();
  if (!t) {
    r.error(item, "each [[redirects]] entry must be a table");
    return;
  }
  r.check_keys(*t, "redirects");
  Redirect d;
  bool typed = r.get(*t, "from", d.from);
  typed = r.get(*t, "to", d.to) && typed;
  if (!typed) return;
  if (!t->contains("from") || !t->contains("to")) {
    r.error(item, "a [[redirects]] entry needs `from` and `to`",
            "for example: from = \"/notice/2023/cu/\" and to = \"/notice/2023/moi/\"");
    return;
  }
  bool ok = true;
  if (d.from.empty() || d.from[0] != '/' || !is_safe_relative_path(d.from.substr(1))) {
    const toml::node* from = t->get("from");
    r.error(from ? *from : item,
            "a redirect's `from` must be a path on this site such as \"/old/\"");
    ok = false;
  }
  if (!is_redirect_target(d.to)) {
    const toml::node* to = t->get("to");
    r.error(to ? *to : item,
            "a redirect's `to` must be a path on this site or an http(s) address, not "
            "`" +
                d.to + "`",
            "for example to = \"/notice/2023/moi/\" or to = "
            "\"https://thongbao.example.gov.vn/\"");
    ok = false;
  }
  if (ok) c.redirects.push_back(d);
}

// The tables of site.toml, each read by its own step; a key that should be a table and is not
// is reported as such.
void read_sections(const Reader& r, const toml::table& root, SiteConfig& c) {
  using Step = void (*)(const Reader&, const toml::table&, SiteConfig&);
  constexpr std::pair<const char*, Step> kTables[] = {
      {"build", read_build}, {"markdown", read_markdown}, {"search", read_search},
      {"serve", read_serve}, {"history", read_history},
  };
  for (const auto& [name, step] : kTables) {
    const toml::node* node = root.get(name);
    if (!node) continue;
    if (const toml::table* table = node->as_table()) {
      step(r, *table, c);
    } else {
      r.error(*node, std::string("`") + name + "` must be a table, not " + toml_type_name(*node),
              std::string("write the table's keys under a line [") + name + "]");
    }
  }
  if (const toml::node* archive = root.get("archive")) read_archive(r, *archive, c);
  if (const toml::node* redirects = root.get("redirects")) {
    if (const toml::array* list = redirects->as_array()) {
      for (const auto& item : *list) read_redirect(r, item, c);
    } else {
      r.error(*redirects, "`redirects` must be a list: [[redirects]] tables",
              "[[redirects]]\nfrom = \"/old/\"\nto = \"/new/\"");
    }
  }
}

// The theme folder themes/<theme>, when there is one; only the built-in theme may lack it.
void find_theme(const Reader& r, const toml::table& root, SiteConfig& c) {
  fs::path theme_dir = (c.root / "themes" / c.theme).lexically_normal();
  std::error_code ec;
  if (fs::is_directory(theme_dir, ec)) {
    c.theme_dir = theme_dir;
  } else if (c.theme != "default") {
    r.error(*root.get("theme"), "theme `" + c.theme + "` not found in themes/",
            "remove `theme` to use the built-in default theme");
  }
}

// The first of `diags`, as the one problem a Result holds.
Diagnostic first_of(const Diagnostics& diags) {
  auto all = diags.sorted();
  auto first = std::find_if(all.begin(), all.end(),
                            [](const Diagnostic& d) { return d.severity == Severity::error; });
  return first == all.end() ? all.front() : *first;
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

std::optional<SiteConfig> load_config(const fs::path& site_toml, Diagnostics& diags) {
  SiteConfig c =
      default_config(site_toml.parent_path().empty() ? fs::path(".") : site_toml.parent_path());
  c.config_file = fs::absolute(site_toml).lexically_normal();
  const std::string file = "site.toml";
  std::string bytes;
  auto root = parse_site_toml(c, site_toml, file, bytes);
  if (!root) {
    diags.add(root.error());
    return std::nullopt;
  }
  std::vector<Diagnostic> found;
  Reader r(file, bytes, found);
  read_top_level(r, *root, c);
  read_sections(r, *root, c);
  find_theme(r, *root, c);
  if (auto problem = detail::check_places(places_of(c, *root), bytes)) r.add(*problem);
  // A table is read in the order of its keys, not of its lines; `diags` keeps the first
  // problems it is given, which must be the first in the file.
  std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.loc.line, a.loc.column) < std::pair(b.loc.line, b.loc.column);
  });
  for (Diagnostic& d : found) diags.add(std::move(d));
  if (!found.empty()) return std::nullopt;
  return c;
}

Result<SiteConfig> load_config(const fs::path& site_toml) {
  Diagnostics diags;
  auto config = load_config(site_toml, diags);
  if (!config) return first_of(diags);
  return std::move(*config);
}

std::optional<SiteConfig> load_site(const fs::path& dir, Diagnostics& diags) {
  fs::path file = dir / "site.toml";
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    diags.error(display_path(file, fs::current_path()), {},
                "no site.toml here: this is not a gazette site directory",
                "run gazette in the site's directory, or pass --site DIR");
    return std::nullopt;
  }
  return load_config(file, diags);
}

Result<SiteConfig> load_site(const fs::path& dir) {
  Diagnostics diags;
  auto config = load_site(dir, diags);
  if (!config) return first_of(diags);
  return std::move(*config);
}

}  // namespace gazette::config
