// For the search tests: records, and a real index built from them in a temporary directory.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "gazette/search.hpp"
#include "temp_dir.hpp"

namespace gazette::search::testing {

inline Record record(std::string url, std::string title, std::string body,
                     std::string kind = "notice") {
  Record r;
  r.listing.url = std::move(url);
  r.listing.kind = std::move(kind);
  r.listing.title = std::move(title);
  r.body = std::move(body);
  r.listing.issued = {2023, 4, 12};
  return r;
}

inline Instant at(const char* when) { return *parse_rfc3339(when); }

struct Index {
  TempDir dir;
  std::unique_ptr<Searcher> searcher;
  explicit Index(const std::vector<Record>& records, const std::vector<Archive>& archives = {},
                 const std::vector<std::string>& shards = {}) {
    auto built = build_index(records, archives, dir.path() / "index", 2);
    if (!built.ok()) FAIL(built.error().message);
    auto opened = Searcher::open(dir.path() / "index", shards);
    if (!opened.ok()) FAIL(opened.error().message);
    searcher = std::move(*opened);
  }
  // The results, which must come.
  Results search(const Query& q) {
    auto results = searcher->search(q);
    if (!results.ok()) FAIL(results.error().message);  // error() only when there is one
    return std::move(*results);
  }
  Results find(const std::string& text, bool facets = false) {
    Query q;
    q.text = text;
    q.now = at("2023-04-20T09:00:00+07:00");
    q.facets = facets;
    return search(q);
  }
  std::vector<std::string> urls(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& h : find(text).hits) out.push_back(h.listing.url);
    return out;
  }
  bool finds(const std::string& text, const std::string& url) {
    auto found = urls(text);
    return std::find(found.begin(), found.end(), url) != found.end();
  }
};

}  // namespace gazette::search::testing
