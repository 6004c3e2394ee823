#include "xapian_words.hpp"

namespace gazette::search::detail {

std::uint64_t XapianWords::pair_count(const std::string& key) {
  // Each part counts its own records' pairs: the archives are not merged into the live index.
  std::uint64_t sum = 0;
  for (const auto& part : parts_) {
    std::string count = part.get_metadata(key);
    if (!count.empty()) sum += std::stoull(count);
  }
  return sum;
}

std::vector<KnownWord> known_words(const Xapian::Database& db) {
  std::vector<KnownWord> known;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    known.push_back({*it, it.get_termfreq()});
  }
  return known;
}

}  // namespace gazette::search::detail
