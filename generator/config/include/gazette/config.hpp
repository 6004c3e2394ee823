// gazette config: site.toml, read once into plain option structs.
//
//   auto config = gazette::config::load_config("site.toml");
//   if (!config) return config.error();          // names site.toml's line, with a hint
//   bool raw_html = config->markdown.allow_html;
//
//   gazette::Diagnostics diags;                  // or every problem of site.toml at once
//   std::optional<gazette::config::SiteConfig> site = gazette::config::load_site(".", diags);
//
// No module below this one sees TOML for the site's settings. How a TOML value is named in
// messages is shared with content (which reads front matter) through the internal target
// gazette::config_toml (src/toml/toml_values.hpp), not through this header.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::config {

struct MarkdownOptions {
  bool allow_html = false;  ///< raw HTML in content is shown as text unless this is set
  bool smart_punctuation = false;
};

/// A further Xapian database searched with the site's own: a path or "tcp://host:port".
struct SearchShard {
  std::string location;
};

struct SearchOptions {
  std::filesystem::path index_dir;  ///< where the live index lives (absolute)
  std::vector<SearchShard> shards;  ///< further databases, searched as one
  int page_size = 10;
};

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
};

struct HistoryOptions {
  bool enabled = true;
  std::string publish_branch = "site";
  /// Whether history pages may show a commit's subject when it has no `Change-Note:` trailer
  /// (subjects are written for the site's editors, notes for its readers).
  bool show_commit_subjects = false;
};

/// A round of a programme whose documents are kept as an archive (read-only).
struct ArchivedRound {
  std::string program;
  int round = 0;
};

/// A URL that moved: a static page at `from` points to `to`.
struct Redirect {
  std::string from;
  std::string to;
};

struct SiteConfig {
  std::filesystem::path root;         ///< the directory holding site.toml
  std::filesystem::path config_file;  ///< site.toml itself
  std::string title = "gazette";
  std::string description;
  std::string base_url = "http://127.0.0.1:8080/";  ///< always ends with '/'
  std::string language = "vi";
  std::vector<std::string> languages;
  std::string timezone = "Asia/Ho_Chi_Minh";
  std::string publisher;              ///< the office that runs the site (feeds' author)
  std::filesystem::path content_dir;  ///< absolute
  std::filesystem::path output_dir;   ///< absolute
  std::filesystem::path files_dir;    ///< absolute: attachments shared by documents
  std::string theme = "default";
  std::filesystem::path theme_dir;  ///< absolute; empty when the built-in theme is used
  int closing_soon_days = 7;
  int list_page_size = 50;
  int feed_entries = 50;
  std::vector<ArchivedRound> archived_rounds;
  std::vector<Redirect> redirects;
  MarkdownOptions markdown;
  SearchOptions search;
  ServeOptions serve;
  HistoryOptions history;
};

/// Reads site.toml, reporting every problem in it to `diags` (unknown keys with the key meant,
/// wrong types, bad and missing values, each at its line with a hint); nullopt if there was one.
std::optional<SiteConfig> load_config(const std::filesystem::path& site_toml, Diagnostics& diags);
/// As above, with the first problem only.
Result<SiteConfig> load_config(const std::filesystem::path& site_toml);

/// Looks for site.toml in `dir`; the error says to run in a site directory or pass --site.
std::optional<SiteConfig> load_site(const std::filesystem::path& dir, Diagnostics& diags);
/// As above, with the first problem only.
Result<SiteConfig> load_site(const std::filesystem::path& dir);

/// Default settings for a site in `dir` without reading a file (for tools and tests).
SiteConfig default_config(const std::filesystem::path& dir);

}  // namespace gazette::config
