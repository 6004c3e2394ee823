#include "answer_cache.hpp"

namespace gazette::serve::detail {

std::shared_ptr<const Answer> AnswerCache::find(const std::string& key,
                                                const std::string& generation, Instant now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  const Answer& answer = *it->second.answer;
  if (answer.generation != generation || (answer.good_until && now >= *answer.good_until)) {
    order_.erase(it->second.position);
    entries_.erase(it);
    return nullptr;
  }
  order_.splice(order_.begin(), order_, it->second.position);
  return it->second.answer;
}

void AnswerCache::store(const std::string& key, Answer answer) {
  if (capacity_ == 0) return;
  auto shared = std::make_shared<const Answer>(std::move(answer));
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second.answer = std::move(shared);
    order_.splice(order_.begin(), order_, it->second.position);
    return;
  }
  order_.push_front(key);
  entries_.emplace(key, Entry{std::move(shared), order_.begin()});
  if (entries_.size() > capacity_) {
    entries_.erase(order_.back());
    order_.pop_back();
  }
}

std::size_t AnswerCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace gazette::serve::detail
