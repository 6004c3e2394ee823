// The abbreviations notices use and the words they stand for ("KH&CN", "KHCN" and "khoa học
// và công nghệ"; "UBND" and "ủy ban nhân dân"; "TP.HCM", "TP. Hồ Chí Minh" and "thành phố Hồ
// Chí Minh"): each of these ways of writing one thing is indexed as the same concept term, so
// a query written either way finds the other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gazette::search::detail {

/// A concept found in a run of words: its key ("khcn") and the words it spans.
struct ConceptMatch {
  std::string_view key;
  std::size_t first = 0;  ///< index of its first word
  std::size_t count = 0;  ///< how many words
};

/// Finds concepts in words fed one at a time (folded: "kh", "cn"), as the indexer reads them.
class ConceptFinder {
 public:
  /// The ways of writing a concept that begin with a word.
  using Starts = std::vector<std::size_t>;
  /// Those that begin with `folded`, or null: a word's own, looked up once (the indexer keeps
  /// it with the word).
  static const Starts* starts(std::string_view folded);

  /// Feeds the word at `index`; appends to `found` every concept that ends with it.
  void next(std::string_view folded, std::size_t index, std::vector<ConceptMatch>& found) {
    next(folded, starts(folded), index, found);
  }
  /// The same, with starts(folded) already known.
  void next(std::string_view folded, const Starts* starts, std::size_t index,
            std::vector<ConceptMatch>& found);
  /// Forgets the concepts begun: the next word is the first of a new text.
  void clear() { partials_.clear(); }
  /// Whether a concept begun is still being read: a word that begins none can end one.
  bool pending() const { return !partials_.empty(); }

 private:
  struct Partial {
    std::size_t form;   // which way of writing it
    std::size_t first;  // where it started
    std::size_t matched;
  };
  std::vector<Partial> partials_, scratch_;
};

/// The longest concept that starts at `words[i]` (folded words), or count 0.
ConceptMatch concept_at(const std::vector<std::string>& words, std::size_t i);

}  // namespace gazette::search::detail
