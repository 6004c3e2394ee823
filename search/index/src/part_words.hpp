// The words of one part of the index as it is written: each token resolved once to its forms
// and their terms, each form kept once (its address stands for it), and what the part's titles
// and bodies say about them for spelling suggestions: how often each form is written and each
// two words side by side. One per part (per thread).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "concepts.hpp"
#include "terms.hpp"

namespace gazette::search::detail {

/// A word as written (lower case, canonical tone placement) or folded.
struct WordForm {
  std::string text;
  Xapian::termcount count = 0;  ///< times written in titles and bodies
  // In the document being indexed (MarkedWords), which `document` numbers: a folded form's
  // one way of being written with marks, or null for several; a form as written, its wdf
  // there when it goes without positions.
  std::size_t document = 0;
  const WordForm* written = nullptr;
  std::size_t plain_in = 0;  ///< a folded form: the last document that writes it without marks
  std::size_t summed_in = 0;
  Xapian::termcount wdf = 0;
};

/// A token of the text, as it appears ("Năng", "năng" and "NĂNG" are three).
struct WordEntry {
  WordForm* exact = nullptr;
  WordForm* folded = nullptr;
  std::string folded_term;                          ///< kFolded + folded
  std::string title_term;                           ///< kTitle + folded
  const ConceptFinder::Starts* concepts = nullptr;  ///< concept forms it begins, or null
  bool marked = false;                              ///< exact != folded: written with marks
  bool counted = false;  ///< counted for spelling: longer than one byte, not a number
};

class PartWords {
 public:
  /// The entry of `token` (found once per part, kept where it is).
  WordEntry& entry(std::string_view token, bool ascii);

  using Pair = std::pair<const WordForm*, const WordForm*>;
  struct PairHash {
    std::size_t operator()(const Pair& p) const {
      auto a = reinterpret_cast<std::uintptr_t>(p.first),
           b = reinterpret_cast<std::uintptr_t>(p.second);
      return std::hash<std::uintptr_t>{}(a * 0x9E3779B97F4A7C15ull ^ b);
    }
  };
  using PairCounts = std::unordered_map<Pair, Xapian::termcount, PairHash>;
  PairCounts folded_pairs, exact_pairs;

  /// For the indexer's texts: a concept finder and what it finds, kept to reuse their memory.
  ConceptFinder concepts;
  std::vector<ConceptMatch> found;

  /// The forms counted and the pairs, into the part's database: spellings, and metadata
  /// "pair:nang suat" → "12".
  void write_to(Xapian::WritableDatabase& db) const;

 private:
  // Looked up by string_view without making a string (C++20 heterogeneous lookup).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  WordForm* form(const std::string& text);

  TermCache cache_;
  std::unordered_map<std::string, WordEntry, Hash, std::equal_to<>> entries_;
  std::unordered_map<std::string, WordForm, Hash, std::equal_to<>> forms_;
};

/// The words of a document written with marks, kept until the whole document is read: their
/// positions are indexed only where the document writes one folded word in two ways ("năng",
/// "nâng", or "năng" and "nang"); elsewhere the folded word's positions are theirs (half the
/// position table).
class MarkedWords {
 public:
  void add(const WordEntry& word, Xapian::termpos pos, Xapian::termcount wdf) {
    occurrences_.push_back({&word, pos, wdf});
  }
  /// Notes that the document being read writes `word` without marks ("nang" beside "năng"):
  /// then it writes that folded word in two ways.
  void add_plain(const WordEntry& word) { word.folded->plain_in = document_ + 1; }
  /// Adds the document's marked words to `doc`, and forgets them.
  void add_to(Xapian::Document& doc);

 private:
  struct Occurrence {
    const WordEntry* word;  // PartWords's: stable
    Xapian::termpos pos;
    Xapian::termcount wdf;
  };
  std::vector<Occurrence> occurrences_;
  std::vector<WordForm*> unpositioned_;
  std::size_t document_ = 0;
};

}  // namespace gazette::search::detail
