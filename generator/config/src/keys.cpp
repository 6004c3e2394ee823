// The keys of site.toml and the key meant by one it does not have (keys.hpp).
#include "keys.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "gazette/core.hpp"

namespace gazette::config::detail {

namespace {

struct Table {
  std::string_view name;
  std::vector<std::string> keys;
};

const std::vector<Table>& tables() {
  static const std::vector<Table> kTables = {
      {"",
       {"title", "description", "base_url", "language", "languages", "timezone", "publisher",
        "theme", "closing_soon_days", "build", "markdown", "search", "serve", "history", "archive",
        "redirects"}},
      {"build", {"content", "output", "files", "list_page_size", "feed_entries"}},
      {"markdown", {"allow_html", "smart_punctuation"}},
      {"search", {"index", "shards", "page_size"}},
      {"serve", {"host", "port"}},
      {"history", {"enabled", "publish_branch", "show_commit_subjects"}},
      {"archive", {"program", "round"}},
      {"redirects", {"from", "to"}},
  };
  return kTables;
}

// What a Hugo, Zola (or Jekyll, Pelican, Eleventy) user would write for a setting gazette has.
// Keys that differ from ours only in case or underscores (baseURL, timeZone) need no entry.
constexpr std::array kAliases = {
    KeyAlias{"*", "languagecode", "", "language"},            // Hugo
    KeyAlias{"*", "defaultcontentlanguage", "", "language"},  // Hugo
    KeyAlias{"*", "defaultlanguage", "", "language"},         // Zola
    KeyAlias{"*", "lang", "", "language"},
    KeyAlias{"*", "locale", "", "language"},
    KeyAlias{"*", "tz", "", "timezone"},
    KeyAlias{"*", "url", "", "base_url"},      // Jekyll, Eleventy
    KeyAlias{"*", "siteurl", "", "base_url"},  // Pelican
    KeyAlias{"*", "sitename", "", "title"},
    KeyAlias{"*", "sitetitle", "", "title"},
    KeyAlias{"*", "subtitle", "", "description"},
    KeyAlias{"*", "tagline", "", "description"},
    KeyAlias{"*", "author", "", "publisher"},   // Zola, Jekyll
    KeyAlias{"*", "authors", "", "publisher"},  // Zola
    KeyAlias{"*", "copyright", "", "publisher"},
    KeyAlias{"*", "markup", "", "markdown"},                 // Hugo's [markup.goldmark.renderer]
    KeyAlias{"*", "publishdir", "build", "output"},          // Hugo
    KeyAlias{"*", "outputdir", "build", "output"},           // Zola
    KeyAlias{"*", "destination", "build", "output"},         // Jekyll
    KeyAlias{"*", "contentdir", "build", "content"},         // Hugo
    KeyAlias{"*", "staticdir", "build", "files"},            // Hugo
    KeyAlias{"*", "paginate", "build", "list_page_size"},    // Hugo
    KeyAlias{"*", "pagersize", "build", "list_page_size"},   // Hugo's [pagination]
    KeyAlias{"*", "paginateby", "build", "list_page_size"},  // Zola
    KeyAlias{"search", "perpage", "search", "page_size"},
    KeyAlias{"*", "perpage", "build", "list_page_size"},
    KeyAlias{"*", "feedlimit", "build", "feed_entries"},  // Zola
    KeyAlias{"*", "rsslimit", "build", "feed_entries"},   // Hugo
    KeyAlias{"*", "unsafe", "markdown", "allow_html"},    // Hugo's goldmark renderer
    KeyAlias{"*", "smartypants", "markdown", "smart_punctuation"},
    KeyAlias{"*", "typographer", "markdown", "smart_punctuation"},
    KeyAlias{"*", "interface", "serve", "host"},  // zola serve --interface
    KeyAlias{"*", "bind", "serve", "host"},
    KeyAlias{"*", "address", "serve", "host"},
    KeyAlias{"*", "enablegitinfo", "history", "enabled"},  // Hugo
    KeyAlias{"*", "branch", "history", "publish_branch"},
};

// A key without case, `_`, `-` or `.`: baseURL, base_url and base-url are one word.
std::string fold(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '_' || c == '-' || c == '.') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// The key meant, and its table.
struct Meant {
  std::string_view table;
  std::string key;
};

std::optional<Meant> same_in(const Table& t, const std::string& folded) {
  for (const auto& k : t.keys) {
    if (fold(k) == folded) return Meant{t.name, k};
  }
  return std::nullopt;
}

std::optional<Meant> meant_key(std::string_view key, std::string_view table) {
  const Table& here = *std::find_if(tables().begin(), tables().end(),
                                    [&](const Table& t) { return t.name == table; });
  std::string folded = fold(key);
  if (auto same = same_in(here, folded)) return same;
  for (std::string_view in : {table, std::string_view("*")}) {
    for (const KeyAlias& a : kAliases) {
      if (a.in == in && a.from == folded) return Meant{a.table, std::string(a.key)};
    }
  }
  for (const Table& t : tables()) {
    if (auto same = same_in(t, folded)) return same;
  }
  std::string near = closest_match(key, here.keys);
  if (!near.empty()) return Meant{table, near};
  return std::nullopt;
}

std::string table_words(std::string_view table) {
  if (table.empty()) return "at the top of site.toml (before any [table])";
  bool list = table == "archive" || table == "redirects";
  return "in " + std::string(list ? "[[" : "[") + std::string(table) + (list ? "]]" : "]");
}

}  // namespace

std::span<const KeyAlias> key_aliases() { return kAliases; }

const std::vector<std::string>& site_keys(std::string_view table) {
  for (const Table& t : tables()) {
    if (t.name == table) return t.keys;
  }
  static const std::vector<std::string> kNone;
  return kNone;
}

std::string unknown_key_hint(std::string_view key, std::string_view table) {
  std::string hint;
  if (auto meant = meant_key(key, table)) {
    hint = "did you mean `" + meant->key + "`";
    if (meant->table != table) hint += " " + table_words(meant->table);
    hint += "? ";
  }
  std::string list;
  for (const auto& k : site_keys(table)) list += (list.empty() ? "" : ", ") + k;
  return hint + "(known keys" +
         (table.empty() ? std::string() : " in " + table_words(table).substr(3)) + ": " + list +
         ")";
}

}  // namespace gazette::config::detail
