#include "snippet.hpp"

#include <vector>

#include "gazette/core.hpp"

namespace gazette::search::detail {

std::string make_snippet(std::string_view text, const std::set<std::string>& exact,
                         const std::set<std::string>& folded, TermCache& cache, std::size_t words) {
  struct Word {
    std::size_t begin, end;
    bool match;
  };
  std::vector<Word> all;
  for_each_token(text, [&](const Token& t) {
    bool match = false;
    if (!exact.empty() || !folded.empty()) {
      const auto& forms = cache.forms(t.text, t.ascii);
      match = exact.count(forms.first) > 0 || folded.count(forms.second) > 0;
    }
    all.push_back({t.offset, t.offset + t.text.size(), match});
  });
  if (all.empty()) return {};
  // The window with the most matches; the earliest of equals.
  std::size_t best = 0, best_count = 0, count = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    count += all[i].match;
    if (i >= words) count -= all[i - words].match;
    if (count > best_count) {
      best_count = count;
      best = i + 1 >= words ? i + 1 - words : 0;
    }
  }
  std::size_t last = std::min(all.size(), best + words) - 1;
  std::string out;
  if (best > 0) out += "… ";
  std::size_t cursor = all[best].begin;
  for (std::size_t i = best; i <= last; ++i) {
    append_html_escaped(out, text.substr(cursor, all[i].begin - cursor));
    if (all[i].match) out += "<mark>";
    append_html_escaped(out, text.substr(all[i].begin, all[i].end - all[i].begin));
    if (all[i].match) out += "</mark>";
    cursor = all[i].end;
  }
  // Keep the punctuation that ends the last word's sentence, if it is close.
  if (last + 1 < all.size()) {
    out += " …";
  } else {
    append_html_escaped(out, text.substr(cursor, std::min<std::size_t>(2, text.size() - cursor)));
  }
  // Line breaks of the source text read as spaces in a snippet.
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace gazette::search::detail
