#include <httplib.h>
#include <sys/socket.h>

#include <condition_variable>
#include <fstream>
#include <mutex>

#include "answer_cache.hpp"
#include "gazette/search.hpp"
#include "gazette/serve.hpp"
#include "gazette/site.hpp"
#include "gazette/text.hpp"
#include "params.hpp"

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

namespace {

constexpr int kConnectionThreads = 64;  // each keep-alive connection holds a thread
constexpr std::size_t kWorkers = 8;     // searchers: enough to keep the cores busy

// The site's UTC offset at `now`: date ranges are whole days of its time zone.
int site_offset(const config::SiteConfig& site, Instant now) {
  LocalTime utc = local_time(Instant{now.epoch_seconds, 0});
  int offset = text::utc_offset_minutes(site.timezone, utc.date.year, utc.date.month, utc.date.day,
                                        utc.hour, utc.minute);
  return offset == -1000000 ? search::Query{}.utc_offset_minutes : offset;
}

// What a request needs to search and render, not shareable between threads: kept in a pool.
struct Worker {
  std::unique_ptr<search::Searcher> searcher;
  std::unique_ptr<site::SearchPages> pages;
};

class WorkerPool {
 public:
  WorkerPool(const config::SiteConfig* site) : site_(site) {}

  // A worker, made on first need; the error says why search is not available.
  Result<std::unique_ptr<Worker>> acquire() {
    {
      std::unique_lock lock(mutex_);
      available_.wait(lock, [&] { return !idle_.empty() || made_ < kWorkers; });
      if (!idle_.empty()) {
        auto worker = std::move(idle_.back());
        idle_.pop_back();
        lock.unlock();
        worker->searcher->refresh();  // a build may have switched the index
        return worker;
      }
      ++made_;
    }
    auto worker = std::make_unique<Worker>();
    std::vector<std::string> shards;
    for (const auto& s : site_->search.shards) shards.push_back(s.location);
    auto searcher = search::Searcher::open(site_->search.index_dir, shards);
    auto pages = site::SearchPages::create(*site_);
    if (!searcher || !pages) {
      std::lock_guard lock(mutex_);
      --made_;
      available_.notify_one();
      return searcher ? pages.error() : searcher.error();
    }
    worker->searcher = std::move(*searcher);
    worker->pages = std::move(*pages);
    return worker;
  }

  void release(std::unique_ptr<Worker> worker) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(worker));
    available_.notify_one();
  }

 private:
  const config::SiteConfig* site_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Worker>> idle_;
  std::size_t made_ = 0;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<detail::AnswerCache> answers;  // null when not kept
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

  enum class Format { html, json, atom };

  // What identifies an answer: the format and every parameter, in a fixed order, each with
  // its length (a value holding a separator cannot pass for two parameters).
  static std::string answer_key(Format format, const httplib::Params& params) {
    std::string key(1, static_cast<char>('0' + static_cast<int>(format)));
    for (const auto& [name, value] : params) {
      for (const std::string* part : {&name, &value}) {
        key.append(std::to_string(part->size())).push_back(':');
        key.append(*part);
      }
    }
    return key;
  }

  void search(const httplib::Request& req, httplib::Response& res, Format format) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-cache");
    if (format == Format::json) res.set_header("Access-Control-Allow-Origin", "*");
    if (!workers) {
      res.status = 404;
      res.set_content("Search is not configured for this site\n", "text/plain; charset=utf-8");
      return;
    }
    std::string key;
    Instant now = options.clock();
    if (answers) {
      key = answer_key(format, req.params);
      std::error_code ec;
      std::string live = fs::read_symlink(options.site->search.index_dir / "live", ec).string();
      if (auto kept = answers->find(key, live, now)) {
        res.set_header("X-Cache", "hit");
        res.set_content(kept->body, kept->content_type);
        return;
      }
    }
    auto worker = workers->acquire();
    if (!worker) {
      res.status = 503;
      std::string why = worker.error().message + " (" + worker.error().hint + ")";
      if (format == Format::json) {
        res.set_content("{\"error\":" + json_string(why) + "}", "application/json; charset=utf-8");
      } else {
        res.set_content("Search is not available: " + why + "\n", "text/plain; charset=utf-8");
      }
      return;
    }
    detail::Params params(req.params.begin(), req.params.end());
    int page_size = options.site ? options.site->search.page_size : 10;
    auto query = detail::parse_query(params, now, page_size);
    if (query && options.site) query->utc_offset_minutes = site_offset(*options.site, now);
    search::Results results;
    std::string error;
    search::Query q;
    if (!query) {
      error = query.error().message;
      res.status = 400;
      q.now = now;
      q.text = params.count("q") && !find_invalid_utf8(params.find("q")->second)
                   ? params.find("q")->second.substr(0, search::kMaxQueryBytes)
                   : "";
    } else {
      q = *query;
      q.facets = format == Format::html || q.facets;  // the page shows them; the API on request
      if (format == Format::atom) {
        q.sort = search::Query::Sort::newest;
        q.page = 1;
        q.page_size = 50;
      }
      try {
        results = (*worker)->searcher->search(q);
      } catch (const std::exception& e) {
        // A shard that went away, a database being replaced under us: say so, plainly.
        workers->release(std::move(*worker));
        res.status = 503;
        res.set_content(std::string("Search is unavailable for a moment: ") + e.what() + "\n",
                        "text/plain; charset=utf-8");
        return;
      }
    }
    switch (format) {
      case Format::html:
        res.set_content((*worker)->pages->html(q, results, error), "text/html; charset=utf-8");
        break;
      case Format::json:
        res.set_content(error.empty() ? (*worker)->pages->json(q, results)
                                      : "{\"error\":" + json_string(error) + "}",
                        "application/json; charset=utf-8");
        break;
      case Format::atom:
        if (error.empty()) {
          res.set_content((*worker)->pages->atom(q, results),
                          "application/atom+xml; charset=utf-8");
        } else {
          res.set_content(error + "\n", "text/plain; charset=utf-8");
        }
        break;
    }
    if (answers && error.empty()) {
      // Kept until the index changes or the clock changes what the answer shows.
      try {
        std::optional<Instant> until = (*worker)->searcher->next_state_change(q.now);
        auto shown = (*worker)->pages->next_change(q, results);
        if (shown && (!until || *shown < *until)) until = shown;
        res.set_header("X-Cache", "miss");
        answers->store(key, {res.get_header_value("Content-Type"), res.body,
                             (*worker)->searcher->generation(), until});
      } catch (const std::exception&) {
        // Not known how long the answer holds: it is given, not kept.
      }
    }
    workers->release(std::move(*worker));
  }

  static std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += c;
      }
    }
    return out + "\"";
  }

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
    http.Get("/search", [this](const httplib::Request& req, httplib::Response& res) {
      search(req, res, Format::html);
    });
    http.Get("/search/", [](const httplib::Request&, httplib::Response& res) {
      res.status = 301;
      res.set_header("Location", "/search");
    });
    http.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
      search(req, res, Format::json);
    });
    http.Get("/search.atom", [this](const httplib::Request& req, httplib::Response& res) {
      search(req, res, Format::atom);
    });
    http.Get(R"(/.*)",
             [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
    // A query too long for a URL still gets a sentence, with the status of any refused query.
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.status == 414) {
        res.status = 400;
        res.set_content(
            "the query is too long: at most " + std::to_string(search::kMaxQueryBytes) + " bytes\n",
            "text/plain; charset=utf-8");
      }
    });
    http.set_socket_options([this](int sock) { socket_options(sock); });
    http.set_keep_alive_max_count(1000);
    // Without it each answer on a kept-alive connection waits ~40 ms for Nagle's algorithm.
    http.set_tcp_nodelay(true);
    http.new_task_queue = [] { return new httplib::ThreadPool(kConnectionThreads); };
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (!impl_->options.clock) impl_->options.clock = [] { return now(); };
  if (impl_->options.site) {
    impl_->workers = std::make_unique<WorkerPool>(impl_->options.site);
    if (impl_->options.cache_entries > 0 && impl_->options.site->search.shards.empty()) {
      impl_->answers = std::make_unique<detail::AnswerCache>(impl_->options.cache_entries);
    }
  }
  impl_->routes();
}

Server::~Server() = default;

Status Server::listen() {
  Status bound = bind();
  if (bound) impl_->http.listen_after_bind();
  return bound;
}

Status Server::bind() {
  if (!impl_->http.bind_to_port(impl_->options.host.c_str(), impl_->options.port)) {
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
  int port = impl_->http.bind_to_any_port(impl_->options.host.c_str());
  if (port > 0) impl_->widen_queue();
  return port;
}
void Server::listen_after_bind() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }
bool Server::is_running() const { return impl_->http.is_running(); }

}  // namespace gazette::serve
