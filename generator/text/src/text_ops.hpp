// The text functions, written against a source of Unicode data (unicode.hpp): text.cpp
// instantiates them with ICU; a build without ICU (the browser's search engine) with
// utf8proc. Everything Vietnamese-specific lives here, once.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "unicode.hpp"

namespace gazette::text::detail {

inline constexpr char32_t kOiSmall = 0x01A3;  // ƣ
inline constexpr char32_t kOiCapital = 0x01A2;
inline constexpr char32_t kUHornSmall = 0x01B0;  // ư
inline constexpr char32_t kReplacement = 0xFFFD;

/// One code point read from UTF-8: an ill-formed sequence is read as U+FFFD, one for each
/// maximal subpart (as ICU's U8_NEXT, the WHATWG decoder and Unicode's advice read it).
struct Decoded {
  char32_t c = 0;
  std::size_t length = 1;
  bool valid = true;
};

inline Decoded decode_utf8(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t trail = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the first trail byte
  char32_t c = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    trail = 1;
    c = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    trail = 2;
    c = b0 & 0x0Fu;
    if (b0 == 0xE0) low = 0xA0;   // no overlong forms
    if (b0 == 0xED) high = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    trail = 3;
    c = b0 & 0x07u;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;  // nothing beyond U+10FFFF
  } else {
    return {kReplacement, 1, false};
  }
  for (std::size_t k = 1; k <= trail; ++k) {
    if (i + k >= s.size()) return {kReplacement, k, false};
    unsigned char b = byte(i + k);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return {kReplacement, k, false};
    c = (c << 6) | (b & 0x3Fu);
  }
  return {c, trail + 1, true};
}

/// Appends c as UTF-8; surrogates and values beyond U+10FFFF are left out.
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    if (c >= 0xD800 && c <= 0xDFFF) return;
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c <= 0x10FFFF) {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

inline std::string to_utf8(std::u32string_view code_points) {
  std::string out;
  for (char32_t c : code_points) append_utf8(out, c);
  return out;
}

// Calls fn(code point) for each code point; ill-formed bytes are passed as U+FFFD.
template <typename Fn>
void for_each_code_point(std::string_view s, Fn&& fn) {
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_utf8(s, i);
    fn(d.c);
    i += d.length;
  }
}

// The five Vietnamese tone marks as combining characters; index + 1 is the tone id.
inline constexpr std::array<char32_t, 5> kToneMarks = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323};

inline int tone_of_mark(char32_t c) {
  for (std::size_t i = 0; i < kToneMarks.size(); ++i) {
    if (kToneMarks[i] == c) return static_cast<int>(i) + 1;
  }
  return 0;
}

inline bool is_combining_mark(char32_t c) { return c >= 0x0300 && c <= 0x036F; }

inline char32_t ascii_lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool is_vowel(char32_t c);
bool has_quality_mark(char32_t c);
/// Index (into `letters`) of the vowel that carries the tone, by the modern rule.
std::size_t tone_position(const std::vector<char32_t>& letters);

/// The text functions of text.hpp over the Unicode data of U (IcuUnicode, Utf8procUnicode).
template <class U>
class TextOps {
 public:
  // Tables for the Latin letters Vietnamese uses, computed once from U's data.
  struct Tables {
    // U+0080..U+024F and U+1E00..U+1EFF: the folded form (lower case, no marks, đ → d).
    std::unordered_map<char32_t, std::string> fold;
    // Letter → (lower-case letter without its tone mark, tone id 0..5).
    std::unordered_map<char32_t, std::pair<char32_t, int>> split;
    // (toneless lower-case letter << 3 | tone) → composed letter.
    std::unordered_map<std::int64_t, char32_t> compose;

    Tables() {
      for (char32_t c = 0x80; c <= 0x24F; ++c) add(c);
      for (char32_t c = 0x1E00; c <= 0x1EFF; ++c) add(c);
      for (char32_t c = 'a'; c <= 'z'; ++c) {
        split.emplace(c, std::make_pair(c, 0));
        compose.emplace((std::int64_t{c} << 3), c);
      }
    }

   private:
    void add(char32_t c) {
      std::u32string bare, toneless;
      int tone = 0;
      for (char32_t d : U::decompose(U::to_lower(c))) {
        if (int t = tone_of_mark(d)) {
          tone = t;
        } else {
          toneless += d;
        }
        if (!is_combining_mark(d)) bare += d;
      }
      if (c == 0x0110 || c == 0x0111) bare = U"d";
      if (c == kOiSmall || c == kOiCapital) {
        bare = U"u";
        toneless = std::u32string(1, kUHornSmall);
        tone = 0;
      }
      fold.emplace(c, to_utf8(bare));
      std::u32string composed;
      for_each_code_point(U::nfc(to_utf8(toneless)), [&](char32_t x) { composed += x; });
      if (composed.size() != 1) return;
      char32_t base = composed[0];
      split.emplace(c, std::make_pair(base, tone));
      if (U::is_lower(c) || c == base) compose.emplace((std::int64_t{base} << 3) | tone, c);
    }
  };

  static const Tables& tables() {
    static const Tables kTables;  // immutable once built; safe to read from any thread
    return kTables;
  }

  static bool is_nfc(std::string_view utf8) {
    // ASCII is always NFC; this covers most of the bytes of real text quickly.
    if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return (c & 0x80) == 0; })) {
      return true;
    }
    return U::is_nfc(utf8);
  }

  static std::string nfc(std::string_view utf8) {
    if (is_nfc(utf8)) return std::string(utf8);
    return U::nfc(utf8);
  }

  static std::string lower(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for_each_code_point(utf8, [&](char32_t c) {
      if (c < 0x80) {
        out += static_cast<char>(ascii_lower(c));
      } else {
        append_utf8(out, c == kOiCapital ? kOiSmall : U::to_lower(c));
      }
    });
    return nfc(out);
  }

  static void append_folded(std::string& out, std::string_view utf8) {
    const Tables& t = tables();
    for_each_code_point(utf8, [&](char32_t c) {
      if (c < 0x80) {
        out += static_cast<char>(ascii_lower(c));
      } else if (is_combining_mark(c)) {
        // decomposed input: drop the mark
      } else if (auto it = t.fold.find(c); it != t.fold.end()) {
        out += it->second;
      } else {
        append_utf8(out, U::to_lower(c));
      }
    });
  }

  static std::string fold(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    append_folded(out, utf8);
    return out;
  }

  static std::string canonical_syllable(std::string_view utf8) {
    const Tables& t = tables();
    std::vector<char32_t> letters;
    int tone = 0;
    bool simple = true;  // ASCII letters only: nothing to move
    std::string composed = nfc(utf8);
    for_each_code_point(composed, [&](char32_t c) {
      if (c >= 0x80) simple = false;
      if (auto it = t.split.find(c); it != t.split.end()) {
        letters.push_back(it->second.first);
        if (it->second.second != 0) tone = it->second.second;
      } else if (int mark = tone_of_mark(c)) {
        tone = mark;
      } else {
        letters.push_back(c < 0x80 ? ascii_lower(c) : U::to_lower(c));
      }
    });
    if (simple) return lower(utf8);
    std::size_t target = tone == 0 ? letters.size() : tone_position(letters);
    std::string out;
    out.reserve(composed.size());
    for (std::size_t i = 0; i < letters.size(); ++i) {
      char32_t c = letters[i];
      if (i == target) {
        if (auto it = t.compose.find((std::int64_t{c} << 3) | tone); it != t.compose.end()) {
          c = it->second;
        }
      }
      append_utf8(out, c);
    }
    return out;
  }

  static bool has_visible(std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size();) {
      Decoded d = decode_utf8(utf8, i);
      if (d.valid && U::is_graph(d.c)) return true;  // not Cc, Cf, Cs, Cn or a space (Z*)
      i += d.length;
    }
    return false;
  }
};

}  // namespace gazette::text::detail
