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

void Vocabulary::add(const std::string& word, TermCache& cache) {
  bool ascii = std::all_of(word.begin(), word.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  by_folded_[cache.forms(word, ascii).second].push_back(word);
  ++words_;
}

const std::vector<std::string>& Vocabulary::variants(const std::string& folded) const {
  static const std::vector<std::string> kNone;
  auto it = by_folded_.find(folded);
  return it == by_folded_.end() ? kNone : it->second;
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
