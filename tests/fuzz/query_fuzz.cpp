// The search query parser: words, "phrases", -exclusions, numbers, field:words, made into
// plans and Xapian queries; the ways a word may have been meant (keystrokes, misspellings); and the
// snippet that marks the parsed words in a text.
#include "fuzz.hpp"
#include "gazette/search.hpp"
#include "keystrokes.hpp"
#include "query.hpp"
#include "reading.hpp"
#include "snippet.hpp"
#include "xapian_plan.hpp"
#include "xapian_words.hpp"

using namespace gazette;
using namespace gazette::search::detail;

void gazette::fuzz::run_one(const std::string& bytes) {
  (void)search::validate_query_text(bytes);
  TermCache cache;
  ParsedText parsed = parse_text(bytes, cache);
  Xapian::Database empty;
  std::vector<Xapian::Database> no_parts;
  std::vector<KnownWord> known;
  XapianWords words(empty, nullptr, no_parts, known);
  QueryContext context{words, cache};
  Instant now{};
  (void)xapian_query(text_query(parsed, false, context).plan, nullptr, now).get_description();
  (void)xapian_query(text_query(parsed, true, context).plan, nullptr, now).get_description();
  (void)neighbour_pairs(parsed, cache);
  for (const auto& item : parsed.items) {
    for (const auto& word : item.words) {
      if (word.size() > kLongestWord) continue;  // never read as another (reading.cpp)
      (void)spelling_variants(word);
      (void)read_keystrokes(word);
    }
  }
  (void)make_snippet(bytes, parsed.exact, parsed.folded, cache);
}
