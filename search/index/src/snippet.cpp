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
  // The first letters a match can start with, when that is ASCII (most Vietnamese syllables
  // start with a consonant): most words are told apart without working out their forms.
  bool can_start[128] = {};
  for (const auto* forms : {&exact, &folded}) {
    for (const auto& f : *forms) {
      if (!f.empty() && static_cast<unsigned char>(f[0]) < 128) can_start[f[0] & 0x7f] = true;
    }
  }
  std::vector<Word> all;
  for_each_token(text, [&](const Token& t) {
    bool match = false;
    unsigned char first = static_cast<unsigned char>(t.text[0]);
    if (first < 128 && !can_start[(first >= 'A' && first <= 'Z') ? first + 32 : first]) {
      // Cannot be a match.
    } else if (!exact.empty() || !folded.empty()) {
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
