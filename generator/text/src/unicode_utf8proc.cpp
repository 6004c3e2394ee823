#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "unicode.hpp"

namespace gazette::text::detail {

namespace {

utf8proc_category_t category(char32_t c) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(c));
}

struct FreeUtf8proc {
  void operator()(utf8proc_uint8_t* p) const {
    std::free(p);
  }  // utf8proc_map allocates with malloc
};

}  // namespace

char32_t Utf8procUnicode::to_lower(char32_t c) {
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
}

bool Utf8procUnicode::is_lower(char32_t c) { return category(c) == UTF8PROC_CATEGORY_LL; }

bool Utf8procUnicode::is_graph(char32_t c) {
  switch (category(c)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return false;
    default:
      return true;
  }
}

std::u32string Utf8procUnicode::decompose(char32_t c) {
  // The longest canonical decomposition is four code points (U+1F82 and its kin).
  std::array<utf8proc_int32_t, 8> buffer{};
  utf8proc_ssize_t n = utf8proc_decompose_char(
      static_cast<utf8proc_int32_t>(c), buffer.data(), static_cast<utf8proc_ssize_t>(buffer.size()),
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE), nullptr);
  if (n < 0 || n > static_cast<utf8proc_ssize_t>(buffer.size())) return std::u32string(1, c);
  std::u32string out;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    out += static_cast<char32_t>(buffer[static_cast<std::size_t>(i)]);
  }
  return out;
}

std::string Utf8procUnicode::nfc(std::string_view utf8) {
  utf8proc_uint8_t* raw = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &raw,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, FreeUtf8proc> owned(raw);
  if (n < 0) return std::string(utf8);
  return {reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n)};
}

bool Utf8procUnicode::is_nfc(std::string_view utf8) { return nfc(utf8) == utf8; }

}  // namespace gazette::text::detail
