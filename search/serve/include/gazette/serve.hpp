// gazette serve: the built site over HTTP, with search (/search, /api/search).
//
//   serve::ServerOptions options{config.output_dir, "127.0.0.1", 8080};
//   serve::Server server(options);
//   server.listen();            // blocks until stop() (from another thread or a signal)
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "gazette/config.hpp"
#include "gazette/core.hpp"
#include "gazette/search.hpp"

namespace gazette::serve {

struct ServerOptions {
  std::filesystem::path root;  ///< the built site (public/)
  std::string host = "127.0.0.1";
  int port = 8080;
  const config::SiteConfig* site = nullptr;  ///< for search; may be null
  /// The clock for open/closed states in search results (tests fix it).
  std::function<Instant()> clock;
  /// Search answers kept for repeated queries (0: none). Kept per index and only while the
  /// clock leaves them true; not used with shards, which may change on their own.
  std::size_t cache_entries = 2000;
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The search a URL query string asks for ("q=nang+suat&program=1322&open=1", %-encoded as
/// in a URL), read exactly as /search and /api/search read theirs; or why it is refused.
Result<search::Query> parse_search_query(std::string_view query_string, Instant now,
                                         int page_size = 10);

/// The media type for a file name ("text/html; charset=utf-8").
std::string content_type(const std::filesystem::path& file);

/// Maps a URL path to a file under root: decodes %XX, refuses .. and NUL, adds index.html
/// for directories. Empty when the path is not acceptable.
std::optional<std::filesystem::path> resolve_path(const std::filesystem::path& root,
                                                  std::string_view url_path);

}  // namespace gazette::serve
