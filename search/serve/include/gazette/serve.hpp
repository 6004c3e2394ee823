// gazette serve: the built site over HTTP, with search (/search, /api/search, /search.atom).
//
//   serve::ServerOptions options;
//   options.root = config.output_dir;                 // the built site
//   options.search = serve::search_service_for(config, now());  // none: static files only
//   serve::Server server(options);
//   if (Status bound = server.bind(); bound) server.listen_after_bind();  // until stop()
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/render.hpp"
#include "gazette/search.hpp"

namespace gazette::serve {

/// What a query is read with besides its parameters.
struct QueryDefaults {
  Instant now;                 ///< the clock open/closed are decided against
  int page_size = 10;          ///< results per page unless `per_page` says
  int utc_offset_minutes = 0;  ///< the site's time zone: date ranges are its whole days
};

/// The site's search, as the server answers it.
struct SearchService {
  std::filesystem::path index_dir;  ///< where `live` points at the index
  std::vector<std::string> shards;  ///< further databases: paths or "tcp://host:port"
  int page_size = 10;
  int utc_offset_minutes = 0;  ///< the site's time zone
  int closing_soon_days = 7;   ///< when an open call is said to close soon
  /// Makes the pages results are rendered with, one per worker; an error says why not.
  std::function<Result<std::unique_ptr<render::SearchPages>>()> make_pages;
};

/// The search of a site as its site.toml describes it; result pages use the site's theme.
/// `now` fixes the site's UTC offset (its time zone at that moment).
SearchService search_service_for(const config::SiteConfig& config, Instant now);

/// How a build of the site went, for the pages open in browsers (`gazette serve --watch`).
struct BuildNews {
  bool ok = true;
  std::string problems;  ///< a failed build's diagnostics as the terminal shows them
};

struct ServerOptions {
  std::filesystem::path root;  ///< the built site (public/)
  std::string host = "127.0.0.1";
  int port = 8080;
  std::optional<SearchService> search;  ///< none: static files only
  /// The clock for open/closed states in search results (tests fix it).
  std::function<Instant()> clock;
  /// Search answers kept for repeated queries (0: none). Kept per index and only while the
  /// clock leaves them true; not used with shards, which may change on their own.
  std::size_t cache_entries = 2000;
  /// Pages follow the builds announce_build() reports: each HTML page gets a script that
  /// reloads it after a good build and shows a failed one's problems.
  bool live_reload = false;
};

/// An HTTP server for a built site. Static files are read from disk on each request, so a
/// build that swaps the site in is served at once.
class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  /// Binds and serves until stop(); an error says why it could not bind.
  Status listen();
  /// Binds to the configured host and port (a port in use is an error); then
  /// listen_after_bind() serves.
  Status bind();
  /// Binds to a free port chosen by the system (tests); returns it, or -1.
  int bind_any_port();
  /// Serves after bind_any_port(); blocks until stop().
  void listen_after_bind();
  void stop();
  bool is_running() const;
  /// Tells the pages that follow the builds (ServerOptions::live_reload) how one went.
  void announce_build(const BuildNews& news);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The search a URL query string asks for ("q=nang+suat&program=1322&open=1", %-encoded as
/// in a URL), read exactly as /search and /api/search read theirs; or why it is refused.
Result<search::Query> parse_search_query(std::string_view query_string,
                                         const QueryDefaults& defaults);

/// The media type for a file name ("text/html; charset=utf-8").
std::string content_type(const std::filesystem::path& file);
/// The media type of a file from its name and bytes: an XML file whose root element is an
/// Atom feed is application/atom+xml, whatever its name. With `accept`, the request's Accept
/// header, a feed goes to a browser opening it as a page as feed_type() says.
std::string content_type(const std::filesystem::path& file, std::string_view bytes,
                         std::string_view accept = {});
/// The media type to send an Atom feed with: application/atom+xml, except to a browser opening
/// it as a page (its Accept header names text/html and not Atom), which gets application/xml:
/// Chromium shows application/atom+xml as raw text, an XML document through its stylesheet.
std::string feed_type(std::string_view accept);

/// Maps a URL path to a file under root: decodes %XX, refuses .. and NUL, adds index.html
/// for directories. Empty when the path is not acceptable.
std::optional<std::filesystem::path> resolve_path(const std::filesystem::path& root,
                                                  std::string_view url_path);

}  // namespace gazette::serve
