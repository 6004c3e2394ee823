// Where Vietnamese puts a syllable's tone mark: no Unicode data needed, so both builds share it.
#include <vector>

#include "text_ops.hpp"

namespace gazette::text::detail {

bool is_vowel(char32_t c) {
  switch (c) {
    case 'a':
    case 0x0103:
    case 0x00E2:  // a ă â
    case 'e':
    case 0x00EA:  // e ê
    case 'i':
    case 'y':
    case 'o':
    case 0x00F4:
    case 0x01A1:  // o ô ơ
    case 'u':
    case 0x01B0:  // u ư
      return true;
    default:
      return false;
  }
}

bool has_quality_mark(char32_t c) {
  return c == 0x0103 || c == 0x00E2 || c == 0x00EA || c == 0x00F4 || c == 0x01A1 || c == 0x01B0;
}

// Index (into `letters`) of the vowel that carries the tone, by the modern rule.
std::size_t tone_position(const std::vector<char32_t>& letters) {
  std::size_t first = letters.size(), last = letters.size();
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (!is_vowel(letters[i])) continue;
    // "qu" and "gi" before another vowel: the u / i belongs to the consonant.
    if (i == 1 &&
        ((letters[0] == 'q' && letters[1] == 'u') || (letters[0] == 'g' && letters[1] == 'i')) &&
        i + 1 < letters.size() && is_vowel(letters[i + 1])) {
      continue;
    }
    if (first == letters.size()) first = i;
    last = i;
  }
  if (first == letters.size()) return letters.size();
  for (std::size_t i = last + 1; i-- > first;) {
    if (has_quality_mark(letters[i])) return i;  // ươ: on ơ; ê, â, ô: there
  }
  std::size_t count = last - first + 1;
  if (count == 1) return first;
  if (count >= 3) return first + 1;
  bool closed = last + 1 < letters.size();
  if (closed) return last;
  char32_t a = letters[first], b = letters[last];
  if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) return last;  // hoà, thuỷ
  return first;
}

}  // namespace gazette::text::detail
