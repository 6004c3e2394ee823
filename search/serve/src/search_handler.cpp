#include "search_handler.hpp"

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <vector>

#include "gazette/text.hpp"

namespace gazette::serve::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kWorkers = 8;  // searchers: enough to keep the cores busy
constexpr const char* kText = "text/plain; charset=utf-8";
constexpr const char* kJson = "application/json; charset=utf-8";

// What identifies an answer: the format and every parameter, in a fixed order, each with
// its length (a value holding a separator cannot pass for two parameters).
std::string answer_key(Format format, const Params& params) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(format)));
  for (const auto& [name, value] : params) {
    for (const std::string* part : {&name, &value}) {
      key.append(std::to_string(part->size())).push_back(':');
      key.append(*part);
    }
  }
  return key;
}

std::string json_error(const std::string& why) {
  return nlohmann::json{{"error", why}}.dump(-1, ' ', false,
                                             nlohmann::json::error_handler_t::replace);
}

}  // namespace

// What a request needs to search and render, not shareable between threads: kept in a pool.
struct Worker {
  std::unique_ptr<search::Searcher> searcher;
  std::unique_ptr<render::SearchPages> pages;
};

class WorkerPool {
 public:
  explicit WorkerPool(const SearchService& service) : service_(service) {}

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
    auto searcher = search::Searcher::open(service_.index_dir, service_.shards);
    auto pages = service_.make_pages ? service_.make_pages()
                                     : Result<std::unique_ptr<render::SearchPages>>(Diagnostic{
                                           Severity::error, {}, {}, "no result pages", {}, {}});
    if (!searcher || !pages) {
      std::lock_guard lock(mutex_);
      --made_;
      available_.notify_one();
      return searcher ? pages.error() : searcher.error();
    }
    auto worker = std::make_unique<Worker>();
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
  const SearchService& service_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Worker>> idle_;
  std::size_t made_ = 0;
};

namespace {

// A worker for one request, given back to the pool however the request ends.
class Lease {
 public:
  Lease(WorkerPool& pool, std::unique_ptr<Worker> worker)
      : pool_(pool), worker_(std::move(worker)) {}
  ~Lease() { pool_.release(std::move(worker_)); }
  Worker& operator*() { return *worker_; }

 private:
  WorkerPool& pool_;
  std::unique_ptr<Worker> worker_;
};

}  // namespace

}  // namespace gazette::serve::detail

namespace gazette::serve {

SearchService search_service_for(const config::SiteConfig& config, Instant now) {
  SearchService service;
  service.index_dir = config.search.index_dir;
  for (const auto& s : config.search.shards) service.shards.push_back(s.location);
  service.page_size = config.search.page_size;
  service.utc_offset_minutes = text::utc_offset_minutes(config.timezone, now).value_or(0);
  service.closing_soon_days = config.closing_soon_days;
  service.make_pages = [config, offset = service.utc_offset_minutes] {
    return render::SearchPages::create(config, offset);
  };
  return service;
}

}  // namespace gazette::serve

namespace gazette::serve::detail {

SearchHandler::SearchHandler(SearchService service, std::size_t cache_entries)
    : service_(std::move(service)), workers_(std::make_unique<WorkerPool>(service_)) {
  if (cache_entries > 0 && service_.shards.empty()) {
    answers_ = std::make_unique<AnswerCache>(cache_entries);
  }
}

SearchHandler::~SearchHandler() = default;

Reply SearchHandler::answer(Format format, const Params& params, Instant now) {
  std::string key;
  if (answers_) {
    key = answer_key(format, params);
    if (auto reply = kept(key, now)) return *reply;
  }
  auto acquired = workers_->acquire();
  if (!acquired) {
    std::string why = acquired.error().message + " (" + acquired.error().hint + ")";
    if (format == Format::json) return {503, kJson, json_error(why), ""};
    return {503, kText, "Search is not available: " + why + "\n", ""};
  }
  Lease worker(*workers_, std::move(*acquired));
  auto query = parse(format, params, now);
  if (!query) return refused(format, query.error().message, params, now, *worker);
  auto results = (*worker).searcher->search(*query);
  if (!results) {
    // A shard that went away, a database being replaced under us: say so, plainly.
    return {503, kText, results.error().message + "\n", ""};
  }
  Reply reply = render(format, *query, *results, *worker);
  if (answers_) keep(key, reply, *query, *results, *worker);
  return reply;
}

Result<search::Query> SearchHandler::parse(Format format, const Params& params, Instant now) const {
  auto query =
      parse_query(params, QueryDefaults{now, service_.page_size, service_.utc_offset_minutes});
  if (!query) return query;
  search::Query& q = *query;
  q.facets = format == Format::html || q.facets;  // the page shows them; the API on request
  if (format == Format::atom) {
    q.sort = search::Query::Sort::newest;
    q.page = 1;
    q.page_size = 50;
  }
  return query;
}

std::optional<Reply> SearchHandler::kept(const std::string& key, Instant now) const {
  std::error_code ec;
  std::string live = fs::read_symlink(service_.index_dir / "live", ec).string();
  auto answer = answers_->find(key, live, now);
  if (!answer) return std::nullopt;
  return Reply{200, answer->content_type, answer->body, "hit"};
}

void SearchHandler::keep(const std::string& key, Reply& reply, const search::Query& q,
                         const search::Results& results, Worker& worker) {
  // Kept until the index changes or the clock changes what the answer shows; when it is
  // not known how long the answer holds, it is given, not kept.
  auto until = worker.searcher->next_state_change(q.now);
  if (!until) return;
  std::optional<Instant> good_until = earliest(*until, worker.pages->next_change(q, results));
  reply.cache = "miss";
  answers_->store(key, {reply.content_type, reply.body, worker.searcher->generation(), good_until});
}

Reply SearchHandler::render(Format format, const search::Query& q, const search::Results& results,
                            Worker& worker) const {
  switch (format) {
    case Format::html:
      return {200, "text/html; charset=utf-8", worker.pages->html(q, results, ""), ""};
    case Format::json:
      return {200, kJson, search::answer_json(q, results, service_.closing_soon_days), ""};
    case Format::atom:
      return {200, "application/atom+xml; charset=utf-8", worker.pages->atom(q, results), ""};
  }
  return {500, kText, "unknown format\n", ""};
}

Reply SearchHandler::refused(Format format, const std::string& why, const Params& params,
                             Instant now, Worker& worker) const {
  switch (format) {
    case Format::html: {
      // The page again, with the sentence and as much of the query as can be shown.
      search::Query q;
      q.now = now;
      auto text = params.find("q");
      if (text != params.end() && !find_invalid_utf8(text->second)) {
        q.text = text->second.substr(0, search::kMaxQueryBytes);
      }
      return {400, "text/html; charset=utf-8", worker.pages->html(q, {}, why), ""};
    }
    case Format::json:
      return {400, kJson, json_error(why), ""};
    case Format::atom:
      return {400, kText, why + "\n", ""};
  }
  return {400, kText, why + "\n", ""};
}

}  // namespace gazette::serve::detail
