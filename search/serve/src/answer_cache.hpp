// Search answers kept for the next person who asks the same: most searches on a ministry's
// site are the same few ("1322", "nang suat", open calls of a programme). An answer is kept
// for one index (the `live` generation) and until the clock changes what it shows (a call
// opening or closing, a time left) — never served stale.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "gazette/core.hpp"

namespace gazette::serve::detail {

struct Answer {
  std::string content_type;
  std::string body;
  std::string generation;             ///< the index it came from
  std::optional<Instant> good_until;  ///< the clock's first moment it is wrong; none: never
};

/// A bounded map of answers, least recently used dropped first. Shared between threads.
class AnswerCache {
 public:
  explicit AnswerCache(std::size_t capacity) : capacity_(capacity) {}
  /// The answer for `key` if it came from `generation` and still holds at `now`.
  std::shared_ptr<const Answer> find(const std::string& key, const std::string& generation,
                                     Instant now);
  void store(const std::string& key, Answer answer);
  std::size_t size() const;

 private:
  using Order = std::list<std::string>;  // keys, most recently used first
  struct Entry {
    std::shared_ptr<const Answer> answer;
    Order::iterator position;
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  Order order_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace gazette::serve::detail
