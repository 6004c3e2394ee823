#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "connections.hpp"
#include "files.hpp"
#include "gazette/search.hpp"
#include "gazette/serve.hpp"
#include "live_reload.hpp"
#include "search_handler.hpp"

namespace gazette::serve {

namespace fs = std::filesystem;

std::string content_type(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".atom", "application/atom+xml; charset=utf-8"},
      {".xsl", "text/xsl; charset=utf-8"},
      {".ics", "text/calendar; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".pdf", "application/pdf"},
      {".doc", "application/msword"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xls", "application/vnd.ms-excel"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".zip", "application/zip"},
  };
  std::string ext = file.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string feed_type(std::string_view accept) {
  auto names = [&](std::string_view type) {
    auto it = std::search(
        accept.begin(), accept.end(), type.begin(), type.end(),
        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    return it != accept.end();
  };
  bool page = names("text/html") && !names("application/atom+xml");
  return page ? "application/xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
}

std::string content_type(const fs::path& file, std::string_view bytes, std::string_view accept) {
  std::string type = content_type(file);
  if (!type.starts_with("application/xml")) return type;
  // An Atom feed is one whatever its name (closing-soon.xml): its root element says so,
  // after the XML declaration, processing instructions and comments.
  std::size_t at = 0;
  while ((at = bytes.find('<', at)) != std::string_view::npos && at + 1 < bytes.size() &&
         (bytes[at + 1] == '?' || bytes[at + 1] == '!')) {
    ++at;
  }
  if (at == std::string_view::npos) return type;
  std::string_view root = bytes.substr(at, bytes.find('>', at) - at);
  bool atom = root.starts_with("<feed") && root.size() > 5 &&
              (root[5] == ' ' || root[5] == '\n' || root[5] == '\t' || root[5] == '\r') &&
              root.find("\"http://www.w3.org/2005/Atom\"") != std::string_view::npos;
  return atom ? feed_type(accept) : type;
}

std::optional<fs::path> resolve_path(const fs::path& root, std::string_view url_path) {
  if (url_path.empty() || url_path[0] != '/') return std::nullopt;
  std::string decoded = httplib::detail::decode_url(std::string(url_path), false);
  if (decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos) {
    return std::nullopt;
  }
  std::string rel = decoded.substr(1);
  if (!rel.empty() && !is_safe_relative_path(rel)) return std::nullopt;
  fs::path file = root / rel;
  if (rel.empty() || rel.back() == '/') file /= "index.html";
  return file;
}

namespace {

constexpr const char* kPlain = "text/plain; charset=utf-8";
constexpr const char* kAllowed = "GET, HEAD";

}  // namespace

struct Server::Impl {
  ServerOptions options;
  detail::HttpServer http;
  std::unique_ptr<detail::SearchHandler> searches;  // null without search
  std::unique_ptr<detail::LiveReload> live;         // null unless pages follow the builds

  // An HTML page as sent: with the script that follows the builds, when they are followed.
  std::string with_live_script(std::string html) const {
    return live ? detail::LiveReload::with_script(std::move(html)) : html;
  }
  int listening_socket = -1;

  // The listening socket: SO_REUSEADDR, so a restart need not wait out TIME_WAIT, but not
  // httplib's SO_REUSEPORT, with which a second server on a port in use would quietly share
  // it. Remembered, to lengthen its queue of new connections once bound (widen_queue).
  void socket_options(int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening_socket = sock;
  }
  // httplib listens with a queue of 5: a burst of new connections (64 browsers at once)
  // would lose some and make them retry a second later. Listening again widens it.
  void widen_queue() {
    if (listening_socket >= 0) ::listen(listening_socket, SOMAXCONN);
  }

  void search(const httplib::Request& req, httplib::Response& res, detail::Format format) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-cache");
    if (format == detail::Format::json) res.set_header("Access-Control-Allow-Origin", "*");
    if (!searches) {
      res.status = 404;
      res.set_content("Search is not configured for this site\n", "text/plain; charset=utf-8");
      return;
    }
    detail::Params params(req.params.begin(), req.params.end());
    detail::Reply reply = searches->answer(format, params, options.clock());
    res.status = reply.status;
    if (!reply.cache.empty()) res.set_header("X-Cache", reply.cache);
    if (format == detail::Format::atom && reply.status == 200) {
      reply.content_type = feed_type(req.get_header_value("Accept"));
      res.set_header("Vary", "Accept");
    }
    if (format == detail::Format::html) reply.body = with_live_script(std::move(reply.body));
    res.set_content(reply.body, reply.content_type);
  }

  void not_found(httplib::Response& res) {
    res.status = 404;
    fs::path page = options.root / "404.html";
    auto bytes = detail::inside_root(options.root, page) ? read_file(page)
                                                         : Result<std::string>(Diagnostic{});
    if (bytes) {
      res.set_content(with_live_script(std::move(*bytes)), "text/html; charset=utf-8");
    } else if (live) {
      // No site yet (its first build failed): a page that reloads once one is built.
      res.set_content(with_live_script("<!doctype html><title>Not found</title><p>Not found</p>"),
                      "text/html; charset=utf-8");
    } else {
      res.set_content("Not found\n", kPlain);
    }
  }

  void serve_file(const httplib::Request& req, httplib::Response& res) {
    auto file = resolve_path(options.root, req.path);
    if (!file) {
      res.status = 400;
      res.set_content("Bad request path\n", kPlain);
      return;
    }
    // A symlink in the site leading out of it is not followed: as if there were nothing.
    if (!detail::inside_root(options.root, *file)) return not_found(res);
    std::error_code ec;
    if (fs::is_directory(*file, ec)) {
      // "/notice" → "/notice/": relative links on the page need the slash.
      res.status = 301;
      res.set_header("Location", req.path + "/");
      return;
    }
    auto stamp = detail::stamp_of(*file);
    if (!stamp) return not_found(res);
    res.set_header("Cache-Control",
                   file->extension() == ".html" ? "no-cache" : "public, max-age=300");
    res.set_header("X-Content-Type-Options", "nosniff");
    // Pages that follow the builds are never answered "not modified": a copy the browser kept
    // from a server without --watch lacks the script.
    bool validated = !(live && file->extension() == ".html");
    if (validated) {
      res.set_header("ETag", stamp->etag);
      res.set_header("Last-Modified", stamp->last_modified);
    }
    auto bytes = read_file(*file);
    if (!bytes) return not_found(res);
    // A feed's type depends on who asks: caches must keep the two apart (304s included).
    if (content_type(*file, *bytes, "text/html") != content_type(*file, *bytes)) {
      res.set_header("Vary", "Accept");
    }
    if (validated && detail::not_modified(*stamp, req.get_header_value("If-None-Match"),
                                          req.get_header_value("If-Modified-Since"))) {
      res.status = 304;
      return;
    }
    std::string type = content_type(*file, *bytes, req.get_header_value("Accept"));
    if (type.starts_with("text/html")) *bytes = with_live_script(std::move(*bytes));
    res.set_content(*bytes, type);
  }

  // Only GET and HEAD are answered; another method is told which are (the connection is
  // then closed, as its body is not read).
  static httplib::Server::HandlerResponse methods(const httplib::Request& req,
                                                  httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    res.status = 405;
    res.set_header("Allow", kAllowed);
    res.set_header("Connection", "close");
    res.set_content("the method " + req.method + " is not allowed here: use " + kAllowed + "\n",
                    kPlain);
    return httplib::Server::HandlerResponse::Handled;
  }

  // An over-long address gets its status and a sentence (httplib has not read the path).
  static void errors(const httplib::Request&, httplib::Response& res) {
    if (res.status == 414) {
      res.set_content("the address is too long: at most " +
                          std::to_string(CPPHTTPLIB_REQUEST_URI_MAX_LENGTH) +
                          " bytes (a search query: at most " +
                          std::to_string(search::kMaxQueryBytes) + " bytes)\n",
                      kPlain);
    }
  }

  // A 304 has no body, and says nothing of its length (httplib would say 0).
  static void after(const httplib::Request&, httplib::Response& res) {
    if (res.status == 304) res.headers.erase("Content-Length");
  }

  void routes() {
    http.Get("/search", [this](const httplib::Request& req, httplib::Response& res) {
      search(req, res, detail::Format::html);
    });
    http.Get("/search/", [](const httplib::Request&, httplib::Response& res) {
      res.status = 301;
      res.set_header("Location", "/search");
    });
    http.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
      search(req, res, detail::Format::json);
    });
    http.Get("/search.atom", [this](const httplib::Request& req, httplib::Response& res) {
      search(req, res, detail::Format::atom);
    });
    if (live) {
      http.Get(detail::kLiveScriptPath, [](const httplib::Request&, httplib::Response& res) {
        detail::LiveReload::script(res);
      });
      http.Get(detail::kLiveEventsPath,
               [this](const httplib::Request&, httplib::Response& res) { live->events(res); });
    }
    http.Get(R"(/.*)",
             [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
    http.set_pre_routing_handler(methods);
    http.set_error_handler(errors);
    http.set_post_routing_handler(after);
    http.set_socket_options([this](int sock) { socket_options(sock); });
    http.set_keep_alive_max_count(1000);
    // Without it each answer on a kept-alive connection waits ~40 ms for Nagle's algorithm.
    http.set_tcp_nodelay(true);
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (!impl_->options.clock) impl_->options.clock = [] { return now(); };
  if (impl_->options.search) {
    impl_->searches = std::make_unique<detail::SearchHandler>(*impl_->options.search,
                                                              impl_->options.cache_entries);
  }
  if (impl_->options.live_reload) impl_->live = std::make_unique<detail::LiveReload>();
  impl_->routes();
}

Server::~Server() = default;

Status Server::listen() {
  Status bound = bind();
  if (bound) listen_after_bind();
  return bound;
}

Status Server::bind() {
  if (!impl_->http.bind_to_port(impl_->options.host, impl_->options.port)) {
    return Diagnostic{
        Severity::error,
        "",
        {},
        "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port),
        "is another server using the port? choose another with --port",
        {}};
  }
  impl_->widen_queue();
  return Ok{};
}

int Server::bind_any_port() {
  int port = impl_->http.bind_to_any_port(impl_->options.host);
  if (port > 0) impl_->widen_queue();
  return port;
}
void Server::listen_after_bind() {
  impl_->http.listen_after_bind();
  impl_->http.finish();  // stopped: the connections left are closed
}
void Server::stop() {
  if (impl_->live) impl_->live->close();  // the event streams end, their threads come back
  impl_->http.stop();
}
void Server::announce_build(const BuildNews& news) {
  if (impl_->live) impl_->live->announce(news);
}
bool Server::is_running() const { return impl_->http.is_running(); }

}  // namespace gazette::serve
