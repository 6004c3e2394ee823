// How the words of a query are read before searching: keystrokes of Telex or VNI typed with
// the input method off ("nang suaats"), and misspellings (s/x, ch/tr, d/gi/r, l/n, n/ng,
// hỏi/ngã, two letters swapped), corrected from the words of the index and the words that
// stand beside each other in it ("khoi nhiep" → "khoi nghiep", "năng xuất" → "năng suất").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "query.hpp"
#include "terms.hpp"

namespace gazette::search::detail {

/// What the index knows of words as typed: which it has, how often, how often two stand side
/// by side.
class Lexicon {
 public:
  Lexicon(IndexWords& index, TermCache& cache) : index_(index), cache_(cache) {}
  /// Whether the index has the word as typed: its folded form, and its marks if it has any.
  bool has(const std::string& word);
  /// How many records have the word as typed.
  std::uint64_t frequency(const std::string& word);
  /// How often `a` stands right before `b` in titles and bodies: as typed when both have
  /// marks, folded otherwise.
  std::uint64_t together(const std::string& a, const std::string& b);
  /// The nearest known word to an unknown one (by edits, the most frequent), or "".
  std::string nearest(const std::string& word);
  TermCache& cache() { return cache_; }

 private:
  IndexWords& index_;
  TermCache& cache_;
  std::string key_;
};

/// A known word and how often titles and bodies write it.
struct KnownWord {
  std::string word;
  std::uint64_t count = 0;
};

/// The word of `known` nearest to `form` by edits (letters added, dropped, changed, or two
/// side by side swapped), at most two, for a word of three letters or more: the fewest edits, then
/// the most often written, then the first in byte order; "" when none is that near. `form` itself
/// is no suggestion. Both engines answer IndexWords::nearest with it.
std::string nearest_word(std::string_view form, const std::vector<KnownWord>& known);

/// A word of the query text replaced: its bytes [offset, offset + length) by `with`.
struct Change {
  std::size_t offset = 0, length = 0;
  std::string with;
};

/// Reads the plain words of `parsed` (not phrases, numbers or abbreviations) as meant,
/// replacing in place those that are keystrokes or misspellings; returns the changes.
std::vector<Change> read_words(ParsedText& parsed, Lexicon& lexicon);

/// For a query that found nothing: the nearest known word for each unknown one (phrases too).
std::vector<Change> suggest_words(const ParsedText& parsed, Lexicon& lexicon);

/// What the results say of the words as typed: the reading of `changes` (the hits are for
/// it), or, when nothing or only some words matched, the nearest known words.
void add_suggestion(std::string_view text, const std::vector<Change>& changes,
                    const ParsedText& parsed, Lexicon& lexicon, Results& results);

/// `text` with the changes made ("" when there are none).
std::string apply_changes(std::string_view text, std::vector<Change> changes);

/// The ways a Vietnamese writer may have meant to write `word` (lower case, as written):
/// initial consonants that sound alike in some regions, finals n/ng/nh/m and c/t/ch/p, i/y,
/// hỏi/ngã, two neighbouring letters swapped, a letter typed once too often.
std::vector<std::string> spelling_variants(std::string_view word);

}  // namespace gazette::search::detail
