#include "keystrokes.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <vector>

#include "gazette/text.hpp"

namespace gazette::search::detail {

namespace {

// What a keystroke adds to a letter: â ê ô, ă, ơ ư, đ.
enum class Mark : char { none, hat, breve, horn, stroke };

struct Letter {
  char base;
  Mark mark = Mark::none;
};

struct Typed {
  std::vector<Letter> letters;
  int tone = 0;  // 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
  bool marked = false;
};

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The vowels that a mark typed now applies to: those of the last vowel group, before any
// final consonants ("truong" + w: the "uo"). [first, last], or first > last when none.
std::pair<int, int> vowel_group(const std::vector<Letter>& ls) {
  int last = static_cast<int>(ls.size()) - 1;
  while (last >= 0 && !is_vowel(ls[static_cast<std::size_t>(last)].base)) --last;
  int first = last;
  while (first > 0 && is_vowel(ls[static_cast<std::size_t>(first - 1)].base)) --first;
  if (last < 0) return {0, -1};
  // The u of "qu" and the i of "gi" before another vowel belong to the consonant.
  if (first == 1 && last > first &&
      ((ls[0].base == 'q' && ls[1].base == 'u') || (ls[0].base == 'g' && ls[1].base == 'i'))) {
    ++first;
  }
  return {first, last};
}

bool has_vowel(const std::vector<Letter>& ls) {
  return std::any_of(ls.begin(), ls.end(), [](const Letter& l) { return is_vowel(l.base); });
}

// Telex w / VNI 7 (horn) and Telex w / VNI 8 (breve) on the vowel group: "uo" → ươ,
// u → ư (ưa, ưi, ưu), o → ơ, then (Telex only) a → ă.
bool add_horn(std::vector<Letter>& ls, bool or_breve) {
  // Plain ints, not a structured binding: clang 14 cannot capture those in the lambda below.
  const auto group = vowel_group(ls);
  const int first = group.first, last = group.second;
  for (int i = first; i < last; ++i) {
    auto& u = ls[static_cast<std::size_t>(i)];
    auto& o = ls[static_cast<std::size_t>(i) + 1];
    if (u.base == 'u' && o.base == 'o' && u.mark == Mark::none && o.mark == Mark::none) {
      u.mark = o.mark = Mark::horn;
      return true;
    }
  }
  // u first (ưa, ưi, ưu), then the a of "oa" (oă), then o (ơ, ơi), then a (ă).
  auto mark_first = [&](char target, bool after_o) {
    for (int i = first; i <= last; ++i) {
      auto& l = ls[static_cast<std::size_t>(i)];
      bool place = !after_o || (i > first && ls[static_cast<std::size_t>(i - 1)].base == 'o');
      if (l.base == target && l.mark == Mark::none && place) {
        l.mark = target == 'a' ? Mark::breve : Mark::horn;
        return true;
      }
    }
    return false;
  };
  if (mark_first('u', false)) return true;
  if (or_breve && mark_first('a', true)) return true;
  if (mark_first('o', false)) return true;
  return or_breve && mark_first('a', false);
}

// VNI 6 (â ê ô) and 8 (ă): the last a, e or o of the vowel group.
bool add_to_vowel(std::vector<Letter>& ls, Mark mark) {
  auto [first, last] = vowel_group(ls);
  for (int i = last; i >= first; --i) {
    auto& l = ls[static_cast<std::size_t>(i)];
    bool fits =
        mark == Mark::hat ? (l.base == 'a' || l.base == 'e' || l.base == 'o') : l.base == 'a';
    if (fits && l.mark == Mark::none) {
      l.mark = mark;
      return true;
    }
  }
  return false;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::optional<Typed> read_telex(std::string_view word) {
  Typed t;
  auto& ls = t.letters;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = lower(word[i]);
    if (c < 'a' || c > 'z') return std::nullopt;
    if (c == 'd' && ls.size() == 1 && ls[0].base == 'd' && ls[0].mark == Mark::none) {
      ls[0].mark = Mark::stroke;  // dd → đ
      t.marked = true;
      continue;
    }
    if ((c == 'a' || c == 'e' || c == 'o') && !ls.empty() && ls.back().base == c &&
        ls.back().mark == Mark::none) {
      ls.back().mark = Mark::hat;  // aa → â, ee → ê, oo → ô
      t.marked = true;
      continue;
    }
    if (c == 'w') {
      if (!add_horn(ls, true)) ls.push_back({'u', Mark::horn});  // a lone w is ư
      t.marked = true;
      continue;
    }
    constexpr std::string_view kTones = " sfrxj";
    std::size_t tone = kTones.find(c);
    // A tone key after the vowels: at the end of the word or before the final consonants
    // (s, r, x before any vowel are the consonants themselves).
    if (tone != std::string_view::npos && tone > 0 && has_vowel(ls) && t.tone == 0 &&
        std::none_of(word.begin() + static_cast<std::ptrdiff_t>(i) + 1, word.end(),
                     [](char r) { return is_vowel(lower(r)); })) {
      t.tone = static_cast<int>(tone);
      t.marked = true;
      continue;
    }
    ls.push_back({c});
  }
  return t;
}

std::optional<Typed> read_vni(std::string_view word) {
  Typed t;
  auto& ls = t.letters;
  for (char raw : word) {
    char c = lower(raw);
    if (c >= 'a' && c <= 'z') {
      ls.push_back({c});
      continue;
    }
    if (c < '0' || c > '9' || ls.empty()) return std::nullopt;
    int key = c - '0';
    bool applied = false;
    if (key >= 1 && key <= 5) {
      applied = has_vowel(ls) && t.tone == 0;
      if (applied) t.tone = key;
    } else if (key == 6) {
      applied = add_to_vowel(ls, Mark::hat);
    } else if (key == 7) {
      applied = add_horn(ls, false);
    } else if (key == 8) {
      applied = add_to_vowel(ls, Mark::breve);
    } else if (key == 9) {
      applied = ls[0].base == 'd' && ls[0].mark == Mark::none;
      if (applied) ls[0].mark = Mark::stroke;
    } else {
      applied = true;  // 0: no tone
      t.tone = 0;
    }
    if (!applied) return std::nullopt;
    t.marked = true;
  }
  return t;
}

constexpr std::array<std::string_view, 28> kInitials = {
    "",  "b",  "c",   "ch", "d", "đ",  "g",  "gh", "gi", "h", "k",  "kh", "l", "m",
    "n", "ng", "ngh", "nh", "p", "ph", "qu", "r",  "s",  "t", "th", "tr", "v", "x"};
constexpr std::array<std::string_view, 9> kFinals = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
// Vowel groups of Vietnamese syllables (after the consonant: the u of qu, i of gi apart).
constexpr std::string_view kVowelGroups[] = {
    "a",   "ă",   "â",   "e",   "ê",   "i",   "o",   "ô",   "ơ",   "u",   "ư",   "y",  "ai", "ao",
    "au",  "âu",  "ay",  "ây",  "eo",  "êu",  "ia",  "iê",  "iu",  "oa",  "oă",  "oe", "oi", "ôi",
    "ơi",  "oo",  "ua",  "uâ",  "uê",  "ui",  "uô",  "uơ",  "uy",  "ưa",  "ưi",  "ươ", "ưu", "yê",
    "iêu", "oai", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu"};

std::string letter_utf8(const Letter& l) {
  switch (l.mark) {
    case Mark::none:
      return std::string(1, l.base);
    case Mark::hat:
      return l.base == 'a' ? "â" : l.base == 'e' ? "ê" : l.base == 'o' ? "ô" : "";
    case Mark::breve:
      return l.base == 'a' ? "ă" : "";
    case Mark::horn:
      return l.base == 'o' ? "ơ" : l.base == 'u' ? "ư" : "";
    case Mark::stroke:
      return l.base == 'd' ? "đ" : "";
  }
  return "";
}

// The typed letters as a syllable (initial consonant, vowel group, final consonant, a tone
// a checked syllable can have), or none.
std::optional<std::string> syllable(const Typed& t) {
  if (!t.marked || t.letters.empty()) return std::nullopt;
  std::vector<std::string> parts;
  for (const auto& l : t.letters) {
    parts.push_back(letter_utf8(l));
    if (parts.back().empty()) return std::nullopt;
  }
  auto [first, last] = vowel_group(t.letters);
  if (first > last) return std::nullopt;
  auto join = [&](int from, int to) {
    std::string s;
    for (int i = from; i < to; ++i) s += parts[static_cast<std::size_t>(i)];
    return s;
  };
  std::string initial = join(0, first), group = join(first, last + 1),
              final = join(last + 1, static_cast<int>(parts.size()));
  if (std::find(kInitials.begin(), kInitials.end(), initial) == kInitials.end() ||
      std::find(kFinals.begin(), kFinals.end(), final) == kFinals.end() ||
      std::find(std::begin(kVowelGroups), std::end(kVowelGroups), group) ==
          std::end(kVowelGroups)) {
    return std::nullopt;
  }
  // Syllables closed by c, ch, p, t take only the sắc or the nặng tone.
  bool checked = final == "c" || final == "ch" || final == "p" || final == "t";
  if (checked && t.tone != 1 && t.tone != 5) return std::nullopt;
  constexpr std::array<std::string_view, 6> kToneMarks = {"",       "\u0301", "\u0300",
                                                          "\u0309", "\u0303", "\u0323"};
  return text::canonical_syllable(initial + group + final +
                                  std::string(kToneMarks[static_cast<std::size_t>(t.tone)]));
}

}  // namespace

std::optional<std::string> read_keystrokes(std::string_view word) {
  bool digits = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  auto typed = digits ? read_vni(word) : read_telex(word);
  if (!typed) return std::nullopt;
  return syllable(*typed);
}

}  // namespace gazette::search::detail
