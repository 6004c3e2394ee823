#include "terms.hpp"

#include <algorithm>

#include "gazette/text.hpp"

namespace gazette::search::detail {

const std::pair<std::string, std::string>& TermCache::forms(std::string_view word, bool ascii) {
  if (ascii) {
    scratch_.first.assign(word);
    for (char& c : scratch_.first) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    scratch_.second = scratch_.first;
    return scratch_;
  }
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  auto [inserted, added] = cache_.emplace(
      std::string(word), std::make_pair(text::canonical_syllable(word), text::fold(word)));
  return inserted->second;
}

std::string filter_key(std::string_view value) { return text::slugify(value); }

std::string number_key(std::string_view number) {
  std::string folded = text::fold(number);
  folded.erase(
      std::remove_if(folded.begin(), folded.end(), [](char c) { return c == ' ' || c == '\t'; }),
      folded.end());
  return folded;
}

bool looks_like_number(std::string_view chunk) {
  bool digit = std::any_of(chunk.begin(), chunk.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digit && chunk.find('/') != std::string_view::npos && chunk.size() >= 3;
}

}  // namespace gazette::search::detail
