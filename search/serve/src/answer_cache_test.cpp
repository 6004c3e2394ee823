#include "answer_cache.hpp"

#include <doctest/doctest.h>

using gazette::Instant;
using gazette::serve::detail::Answer;
using gazette::serve::detail::AnswerCache;

namespace {

Answer answer(std::string body, std::string generation, std::optional<Instant> until = {}) {
  return Answer{"application/json", std::move(body), std::move(generation), until};
}

}  // namespace

TEST_CASE("answer cache: kept for its index, until its moment") {
  AnswerCache cache(10);
  cache.store("q=a", answer("A", "gen-1", Instant{1000, 0}));
  auto kept = cache.find("q=a", "gen-1", Instant{999, 0});
  REQUIRE(kept);
  CHECK(kept->body == "A");
  CHECK_FALSE(cache.find("q=b", "gen-1", Instant{999, 0}));
  CHECK_FALSE(cache.find("q=a", "gen-2", Instant{999, 0}));  // another index: dropped
  CHECK_FALSE(cache.find("q=a", "gen-1", Instant{999, 0}));
  cache.store("q=a", answer("A", "gen-1", Instant{1000, 0}));
  CHECK_FALSE(cache.find("q=a", "gen-1", Instant{1000, 0}));  // its moment has come
  cache.store("q=c", answer("C", "gen-1"));
  CHECK(cache.find("q=c", "gen-1", Instant{1'000'000'000, 0}));  // nothing will change it
}

TEST_CASE(
    "answer cache: the least recently used answer goes first, and none is kept without room") {
  AnswerCache cache(2);
  cache.store("a", answer("A", "g"));
  cache.store("b", answer("B", "g"));
  CHECK(cache.find("a", "g", Instant{}));  // a is now the most recent
  cache.store("c", answer("C", "g"));
  CHECK(cache.size() == 2);
  CHECK(cache.find("a", "g", Instant{}));
  CHECK_FALSE(cache.find("b", "g", Instant{}));
  CHECK(cache.find("c", "g", Instant{}));
  cache.store("c", answer("C2", "g"));  // replaced, not added
  CHECK(cache.size() == 2);
  CHECK(cache.find("c", "g", Instant{})->body == "C2");
  AnswerCache none(0);
  none.store("a", answer("A", "g"));
  CHECK_FALSE(none.find("a", "g", Instant{}));
}
