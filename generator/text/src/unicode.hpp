// What the text functions need of Unicode's data, from two sources with one interface: ICU
// (the native build) and utf8proc (a small C library with no data files, for a build where
// ICU's 30 MB of data cannot go, such as the browser's search engine). text_ops.hpp is
// written against either; a test holds them equal on every code point of the Latin and
// Vietnamese blocks.
#pragma once

#include <string>
#include <string_view>

namespace gazette::text::detail {

/// ICU's answers.
struct IcuUnicode {
  /// Simple lower-case mapping (one code point to one).
  static char32_t to_lower(char32_t c);
  /// General category Ll.
  static bool is_lower(char32_t c);
  /// Not a control, format, surrogate, unassigned or space character.
  static bool is_graph(char32_t c);
  /// The canonical decomposition (NFD) of one code point.
  static std::u32string decompose(char32_t c);
  /// Whether valid UTF-8 is in NFC.
  static bool is_nfc(std::string_view utf8);
  /// NFC of valid UTF-8.
  static std::string nfc(std::string_view utf8);
};

/// utf8proc's answers to the same questions.
struct Utf8procUnicode {
  static char32_t to_lower(char32_t c);
  static bool is_lower(char32_t c);
  static bool is_graph(char32_t c);
  static std::u32string decompose(char32_t c);
  static bool is_nfc(std::string_view utf8);
  static std::string nfc(std::string_view utf8);
};

}  // namespace gazette::text::detail
