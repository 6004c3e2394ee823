// Answers to /search, /api/search and /search.atom: the request's parameters read into a
// query, answered from the cache of answers or searched, and rendered.
#pragma once

#include <memory>
#include <string>

#include "answer_cache.hpp"
#include "gazette/serve.hpp"
#include "params.hpp"

namespace gazette::serve::detail {

enum class Format { html, json, atom };

/// What the server sends back.
struct Reply {
  int status = 200;
  std::string content_type;
  std::string body;
  std::string cache;  ///< "hit" or "miss" when answers are kept; "" otherwise
};

class WorkerPool;

class SearchHandler {
 public:
  /// `cache_entries`: answers kept for repeated queries (0: none; never with shards, which
  /// may change on their own).
  SearchHandler(SearchService service, std::size_t cache_entries);
  ~SearchHandler();
  /// The answer to a request for `format` with these parameters, at `now`.
  Reply answer(Format format, const Params& params, Instant now);

 private:
  Result<search::Query> parse(Format format, const Params& params, Instant now) const;
  std::optional<Reply> kept(const std::string& key, Instant now) const;
  void keep(const std::string& key, Reply& reply, const search::Query& q,
            const search::Results& results, struct Worker& worker);
  Reply render(Format format, const search::Query& q, const search::Results& results,
               Worker& worker) const;
  Reply refused(Format format, const std::string& why, const Params& params, Instant now,
                Worker& worker) const;

  SearchService service_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<AnswerCache> answers_;  // null when not kept
};

}  // namespace gazette::serve::detail
