#include "reading.hpp"

#include <algorithm>
#include <array>

#include "keystrokes.hpp"

namespace gazette::search::detail {

namespace {

// A known word is read as another when its neighbours stand beside the other far more often:
// never beside it, or kRatio times more often than as typed. Words seen beside their
// neighbours kCommonPair times or more are taken as typed.
constexpr std::uint64_t kCommonPair = 50;
constexpr std::uint64_t kRatio = 20;

// The code points of a word, each as its UTF-8 bytes.
std::vector<std::string> letters_of(std::string_view word) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < word.size();) {
    auto b = static_cast<unsigned char>(word[i]);
    std::size_t len = b < 0x80         ? 1
                      : (b >> 5) == 6  ? 2
                      : (b >> 4) == 14 ? 3
                      : (b >> 3) == 30 ? 4
                                       : 1;
    len = std::min(len, word.size() - i);
    out.emplace_back(word.substr(i, len));
    i += len;
  }
  return out;
}

std::string join(const std::vector<std::string>& letters) {
  std::string s;
  for (const auto& l : letters) s += l;
  return s;
}

// Pairs of letters one is written for the other: hỏi and ngã; i and y ending a syllable.
constexpr std::array<std::array<std::string_view, 2>, 12> kHoiNga = {{{"ả", "ã"},
                                                                      {"ẳ", "ẵ"},
                                                                      {"ẩ", "ẫ"},
                                                                      {"ẻ", "ẽ"},
                                                                      {"ể", "ễ"},
                                                                      {"ỉ", "ĩ"},
                                                                      {"ỏ", "õ"},
                                                                      {"ổ", "ỗ"},
                                                                      {"ở", "ỡ"},
                                                                      {"ủ", "ũ"},
                                                                      {"ử", "ữ"},
                                                                      {"ỷ", "ỹ"}}};
constexpr std::array<std::array<std::string_view, 2>, 6> kIY = {
    {{"i", "y"}, {"í", "ý"}, {"ì", "ỳ"}, {"ỉ", "ỷ"}, {"ĩ", "ỹ"}, {"ị", "ỵ"}}};

// Initial consonants that sound alike in some regions or are easily mistyped, and finals.
const std::vector<std::vector<std::string_view>> kInitialGroups = {
    {"s", "x"}, {"ch", "tr"}, {"d", "gi", "r", "v"}, {"l", "n"}, {"g", "gh"}, {"ng", "ngh", "nh"},
    {"c", "k"}, {"d", "đ"}};
// Finals: "chỉnh chu" for "chỉn chu", "nhận chức" for "nhậm chức", "sát nhập" for "sáp nhập".
const std::vector<std::vector<std::string_view>> kFinalGroups = {{"n", "ng", "nh", "m"},
                                                                 {"c", "t", "ch", "p"}};
constexpr std::array<std::string_view, 12> kInitials = {"ngh", "ng", "nh", "ch", "tr", "gh",
                                                        "gi",  "kh", "ph", "th", "qu", "đ"};

bool is_vowel_letter(std::string_view l) {
  if (l.size() > 1) return l != "đ";  // letters with marks: vowels, but đ
  char c = l[0];
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The initial consonant of a lower-case word: the longest of kInitials or one ASCII
// consonant, leaving a letter after it.
std::string_view initial_of(std::string_view word) {
  for (auto i : kInitials) {
    if (word.size() > i.size() && word.substr(0, i.size()) == i) return i;
  }
  if (word.size() > 1 && !is_vowel_letter(word.substr(0, 1)) &&
      static_cast<unsigned char>(word[0]) < 0x80) {
    return word.substr(0, 1);
  }
  return {};
}

void add_unique(std::vector<std::string>& out, std::string s, std::string_view word) {
  if (s != word && !s.empty() && std::find(out.begin(), out.end(), s) == out.end()) {
    out.push_back(std::move(s));
  }
}

// Whether a word may be read as another: not a number, not an abbreviation ("tp", "ct",
// "kh": no vowel), no longer than the index keeps a word (its variants are many and long).
bool readable(const std::string& w) {
  if (w.size() < 2 || w.size() > kLongestWord || (w[0] >= '0' && w[0] <= '9')) return false;
  auto letters = letters_of(w);
  return std::any_of(letters.begin(), letters.end(),
                     [](const std::string& l) { return is_vowel_letter(l); });
}

// Initial consonants heard alike: "d", "gi", "r" for one another.
void vary_initial(const std::string& w, std::vector<std::string>& out) {
  std::string_view initial = initial_of(w);
  std::string rest = w.substr(initial.size());
  bool rest_starts_with_i = false;
  if (!rest.empty()) {
    std::string first = letters_of(rest)[0];
    for (std::string_view i : {"i", "ì", "í", "ỉ", "ĩ", "ị"}) rest_starts_with_i |= first == i;
  }
  for (const auto& group : kInitialGroups) {
    if (initial.empty() || std::find(group.begin(), group.end(), initial) == group.end()) continue;
    for (auto other : group) {
      add_unique(out, std::string(other) + rest, w);
      // The i of "gi" is heard in the vowel: "da", "dia" for "gia"; "gì" for "dì".
      if (initial == "gi") add_unique(out, std::string(other) + "i" + rest, w);
      if (other == "gi" && rest_starts_with_i) add_unique(out, "g" + rest, w);
    }
  }
}

// Final consonants heard alike, after a vowel.
void vary_final(const std::string& w, std::vector<std::string>& out) {
  for (const auto& group : kFinalGroups) {
    for (auto fin : group) {
      if (w.size() <= fin.size() || w.compare(w.size() - fin.size(), fin.size(), fin) != 0)
        continue;
      if (fin == "n" && (w.ends_with("ng") || w.ends_with("nh"))) continue;
      if (fin == "c" && w.ends_with("ch")) continue;
      std::string stem = w.substr(0, w.size() - fin.size());
      auto stem_letters = letters_of(stem);
      if (stem_letters.empty() || !is_vowel_letter(stem_letters.back())) continue;
      for (auto other : group) add_unique(out, stem + std::string(other), w);
    }
  }
}

// hỏi for ngã and back; i for y ending the word.
void vary_marks(const std::string& w, const std::vector<std::string>& letters,
                std::vector<std::string>& out) {
  for (std::size_t i = 0; i < letters.size(); ++i) {
    for (const auto& [a, b] : kHoiNga) {
      if (letters[i] == a || letters[i] == b) {
        auto copy = letters;
        copy[i] = std::string(letters[i] == a ? b : a);
        add_unique(out, join(copy), w);
      }
    }
  }
  if (letters.empty()) return;
  for (const auto& [a, b] : kIY) {
    if (letters.back() == a || letters.back() == b) {
      auto copy = letters;
      copy.back() = std::string(letters.back() == a ? b : a);
      add_unique(out, join(copy), w);
    }
  }
}

// Two neighbouring letters swapped; one letter too many.
void vary_typing(const std::string& w, const std::vector<std::string>& letters,
                 std::vector<std::string>& out) {
  for (std::size_t i = 0; i + 1 < letters.size(); ++i) {
    auto copy = letters;
    std::swap(copy[i], copy[i + 1]);
    add_unique(out, join(copy), w);
  }
  for (std::size_t i = 0; i < letters.size() && letters.size() > 2; ++i) {
    auto copy = letters;
    copy.erase(copy.begin() + static_cast<std::ptrdiff_t>(i));
    add_unique(out, join(copy), w);
  }
}

}  // namespace

std::vector<std::string> spelling_variants(std::string_view word) {
  std::vector<std::string> out;
  std::string w(word);
  vary_initial(w, out);
  vary_final(w, out);
  auto letters = letters_of(w);
  vary_marks(w, letters, out);
  vary_typing(w, letters, out);
  return out;
}

bool Lexicon::has(const std::string& word) {
  bool marked = has_marks(word);
  auto forms = cache_.forms(word, !marked);
  return index_.has_term(kFolded + forms.second) && (!marked || index_.has_term(forms.first));
}

std::uint64_t Lexicon::frequency(const std::string& word) {
  bool marked = has_marks(word);
  const auto& forms = cache_.forms(word, !marked);
  return static_cast<std::uint64_t>(index_.termfreq(marked ? forms.first : kFolded + forms.second));
}

std::uint64_t Lexicon::together(const std::string& a, const std::string& b) {
  bool exact = has_marks(a) && has_marks(b);
  auto fa = cache_.forms(a, !has_marks(a));
  const auto& fb = cache_.forms(b, !has_marks(b));
  key_.assign(exact ? kExactPairKey : kFoldedPairKey)
      .append(exact ? fa.first : fa.second)
      .append(1, ' ')
      .append(exact ? fb.first : fb.second);
  return index_.pair_count(key_);
}

std::string Lexicon::nearest(const std::string& word) {
  bool marked = has_marks(word);
  const auto& forms = cache_.forms(word, !marked);
  return index_.nearest(marked ? forms.first : forms.second);
}

namespace {

// The code points of UTF-8 text (a broken byte stands for itself).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (const auto& letter : letters_of(s)) {
    auto b = static_cast<unsigned char>(letter[0]);
    auto next = [&letter](std::size_t k) -> char32_t {
      return static_cast<unsigned char>(letter[k]) & 0x3Fu;
    };
    char32_t c = b;
    if (letter.size() == 2) c = ((b & 0x1Fu) << 6) | next(1);
    if (letter.size() == 3) c = ((b & 0x0Fu) << 12) | (next(1) << 6) | next(2);
    if (letter.size() == 4) c = ((b & 0x07u) << 18) | (next(1) << 12) | (next(2) << 6) | next(3);
    out.push_back(c);
  }
  return out;
}

// Edits from `a` to `b` (optimal string alignment), or more than `most` when there are more.
std::size_t edits_between(const std::u32string& a, const std::u32string& b, std::size_t most) {
  std::size_t longer = std::max(a.size(), b.size()), shorter = std::min(a.size(), b.size());
  if (longer - shorter > most) return most + 1;
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t row_best = most + 1;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
      row_best = std::min(row_best, d[i][j]);
    }
    if (row_best > most) return most + 1;  // every way on is already too far
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string nearest_word(std::string_view form, const std::vector<KnownWord>& known) {
  // Two edits at most; a word of one or two letters is too short to tell what was meant
  // (one edit makes "as" any of "an", "ai", "at").
  constexpr std::size_t kMostEdits = 2;
  std::u32string typed = code_points(form);
  if (typed.size() < 3) return {};
  const KnownWord* best = nullptr;
  std::size_t best_edits = kMostEdits + 1;
  for (const KnownWord& k : known) {
    if (k.word == form) continue;
    std::size_t edits = edits_between(typed, code_points(k.word), kMostEdits);
    if (edits > kMostEdits) continue;
    bool better = !best || edits < best_edits ||
                  (edits == best_edits &&
                   (k.count > best->count || (k.count == best->count && k.word < best->word)));
    if (better) {
      best = &k;
      best_edits = edits;
    }
  }
  return best ? best->word : std::string();
}

namespace {

// What `w` was meant to be, given the words before and after it (null when none), or "" if
// it is as meant.
std::string reading_of(const std::string& w, const std::string* prev, const std::string* next,
                       Lexicon& lexicon, TermCache& cache) {
  // A word typed with marks the index does not have is found by its letters ("sô": "số",
  // "sổ"): known, unless its neighbours say otherwise.
  bool known = lexicon.has(w) || (has_marks(w) && lexicon.has(cache.forms(w, false).second));
  std::uint64_t typed = 0;
  if (known) {
    if (!prev && !next) return {};
    typed = (prev ? lexicon.together(*prev, w) : 0) + (next ? lexicon.together(w, *next) : 0);
    if (typed >= kCommonPair) return {};
  } else if (w.size() < 3) {
    return {};  // "as", "ok": too short to tell what was meant
  } else if (!has_marks(w)) {
    // Keystrokes with the input method off: "suaats" is "suất" if the index has it.
    if (auto keys = read_keystrokes(w); keys && lexicon.has(*keys)) return *keys;
  }
  std::string lower = cache.forms(w, !has_marks(w)).first;
  auto candidates = spelling_variants(lower);
  if (!known) {
    if (std::string n = lexicon.nearest(w); !n.empty()) add_unique(candidates, n, lower);
  }
  std::string best;
  std::uint64_t best_score = 0;
  std::uint64_t best_frequency = 0;
  for (const auto& c : candidates) {
    if (!lexicon.has(c)) continue;
    std::uint64_t score =
        (prev ? lexicon.together(*prev, c) : 0) + (next ? lexicon.together(c, *next) : 0);
    if (score < best_score) continue;
    std::uint64_t frequency = known ? 0 : lexicon.frequency(c);
    if (score > best_score || frequency > best_frequency || best.empty()) {
      best = c;
      best_score = score;
      best_frequency = frequency;
    }
  }
  if (known) return best_score > 0 && best_score > kRatio * typed ? best : std::string();
  return best;  // an unknown word finds nothing: its best reading, even without neighbours
}

}  // namespace

std::vector<Change> read_words(ParsedText& parsed, Lexicon& lexicon) {
  std::vector<Change> changes;
  auto& items = parsed.items;
  auto word_at = [&](std::size_t k) -> const std::string* {
    if (k >= items.size() || items[k].type != QueryItem::Type::word) return nullptr;
    return readable(items[k].words[0]) ? &items[k].words[0] : nullptr;
  };
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (!word_at(k)) continue;
    std::string& w = items[k].words[0];
    std::string reading =
        reading_of(w, k > 0 ? word_at(k - 1) : nullptr, word_at(k + 1), lexicon, lexicon.cache());
    if (reading.empty()) continue;
    changes.push_back({items[k].offsets[0], w.size(), reading});
    w = reading;
  }
  return changes;
}

std::vector<Change> suggest_words(const ParsedText& parsed, Lexicon& lexicon) {
  std::vector<Change> changes;
  for (const auto& item : parsed.items) {
    for (std::size_t j = 0; j < item.words.size(); ++j) {
      const std::string& w = item.words[j];
      if (!readable(w) || lexicon.has(w)) continue;
      std::string s = lexicon.nearest(w);
      if (!s.empty()) changes.push_back({item.offsets[j], w.size(), s});
    }
  }
  return changes;
}

void add_suggestion(std::string_view text, const std::vector<Change>& changes,
                    const ParsedText& parsed, Lexicon& lexicon, Results& results) {
  if (!changes.empty()) {
    results.suggestion = apply_changes(text, changes);
    results.corrected = true;
  } else if (results.total == 0 || results.relaxed) {
    results.suggestion = apply_changes(text, suggest_words(parsed, lexicon));
  }
}

std::string apply_changes(std::string_view text, std::vector<Change> changes) {
  if (changes.empty()) return {};
  std::sort(changes.begin(), changes.end(),
            [](const Change& a, const Change& b) { return a.offset > b.offset; });
  std::string out(text);
  for (const auto& c : changes) {
    if (c.offset + c.length <= out.size()) out.replace(c.offset, c.length, c.with);
  }
  return out;
}

}  // namespace gazette::search::detail
