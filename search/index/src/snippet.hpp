// A short passage of a result's text around the words that matched, marked.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "terms.hpp"

namespace gazette::search::detail {

/// The passage of about `words` words with the most matches (exact forms in `exact`, folded
/// forms in `folded`), HTML-escaped, matches in <mark>, "…" where text was cut.
std::string make_snippet(std::string_view text, const std::set<std::string>& exact,
                         const std::set<std::string>& folded, TermCache& cache,
                         std::size_t words = 32);

}  // namespace gazette::search::detail
