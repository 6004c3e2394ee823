// The search query parser: words, "phrases", -exclusions, numbers, field:words, made into
// Xapian queries; and the snippet that marks the parsed words in a text.
#include "fuzz_input.hpp"
#include "gazette/search.hpp"
#include "query.hpp"
#include "snippet.hpp"

using namespace gazette;
using namespace gazette::search::detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes = fuzz::input(data, size);
  (void)search::validate_query_text(bytes);
  TermCache cache;
  ParsedText parsed = parse_text(bytes, cache);
  (void)text_query(parsed, false, cache).get_description();
  (void)text_query(parsed, true, cache).get_description();
  (void)neighbour_pairs(parsed, cache);
  (void)make_snippet(bytes, parsed.exact, parsed.folded, cache);
  return 0;
}
