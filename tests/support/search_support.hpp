// Searching in tests: the results, which must come (a failed search fails the test).
#pragma once

#include <doctest/doctest.h>

#include "gazette/search.hpp"

inline gazette::search::Results must_search(gazette::search::Searcher& searcher,
                                            const gazette::search::Query& query) {
  auto results = searcher.search(query);
  REQUIRE_MESSAGE(results.ok(), results.error().message);
  return std::move(*results);
}
