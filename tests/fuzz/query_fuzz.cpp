// The search query parser: words, "phrases", -exclusions, numbers, field:words, made into
// Xapian queries; and the snippet that marks the parsed words in a text.
#include "fuzz.hpp"
#include "gazette/search.hpp"
#include "query.hpp"
#include "snippet.hpp"

using namespace gazette;
using namespace gazette::search::detail;

void gazette::fuzz::run_one(const std::string& bytes) {
  (void)search::validate_query_text(bytes);
  TermCache cache;
  ParsedText parsed = parse_text(bytes, cache);
  (void)text_query(parsed, false, cache).get_description();
  (void)text_query(parsed, true, cache).get_description();
  (void)neighbour_pairs(parsed, cache);
  (void)make_snippet(bytes, parsed.exact, parsed.folded, cache);
}
