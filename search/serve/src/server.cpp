#include <httplib.h>

#include <fstream>

#include "gazette/serve.hpp"

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
  if (file.filename() == "feed.xml") return "application/atom+xml; charset=utf-8";
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
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

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;

  void serve_file(const httplib::Request& req, httplib::Response& res) {
    auto file = resolve_path(options.root, req.path);
    if (!file) {
      res.status = 400;
      res.set_content("Bad request path\n", "text/plain; charset=utf-8");
      return;
    }
    std::error_code ec;
    if (fs::is_directory(*file, ec)) {
      // "/notice" → "/notice/": relative links on the page need the slash.
      res.status = 301;
      res.set_header("Location", req.path + "/");
      return;
    }
    auto bytes = read_file(*file);
    if (!bytes) {
      res.status = 404;
      auto page = read_file(options.root / "404.html");
      if (page) {
        res.set_content(*page, "text/html; charset=utf-8");
      } else {
        res.set_content("Not found\n", "text/plain; charset=utf-8");
      }
      return;
    }
    res.set_header("Cache-Control",
                   file->extension() == ".html" ? "no-cache" : "public, max-age=300");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(std::move(*bytes), content_type(*file).c_str());
  }

  void routes() {
    http.Get(R"(/.*)",
             [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (!impl_->options.clock) impl_->options.clock = [] { return now(); };
  impl_->routes();
}

Server::~Server() = default;

Status Server::listen() {
  if (!impl_->http.bind_to_port(impl_->options.host.c_str(), impl_->options.port)) {
    return Diagnostic{
        Severity::error,
        "",
        {},
        "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port),
        "is another server using the port? choose another with --port",
        {}};
  }
  impl_->http.listen_after_bind();
  return Ok{};
}

int Server::bind_any_port() { return impl_->http.bind_to_any_port(impl_->options.host.c_str()); }
void Server::listen_after_bind() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }
bool Server::is_running() const { return impl_->http.is_running(); }

}  // namespace gazette::serve
