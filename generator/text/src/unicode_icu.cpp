#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "unicode.hpp"

namespace gazette::text::detail {

namespace {

const icu::Normalizer2& normalizer(bool compose) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n =
      compose ? icu::Normalizer2::getNFCInstance(status) : icu::Normalizer2::getNFDInstance(status);
  return *n;  // ICU's own data, linked in: present whenever ICU is
}

icu::StringPiece piece(std::string_view utf8) {
  return {utf8.data(), static_cast<int32_t>(utf8.size())};
}

}  // namespace

char32_t IcuUnicode::to_lower(char32_t c) {
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

bool IcuUnicode::is_lower(char32_t c) { return u_islower(static_cast<UChar32>(c)) != 0; }

bool IcuUnicode::is_graph(char32_t c) { return u_isgraph(static_cast<UChar32>(c)) != 0; }

std::u32string IcuUnicode::decompose(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed =
      normalizer(false).normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  std::u32string out;
  if (U_FAILURE(status)) return std::u32string(1, c);
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    out += static_cast<char32_t>(d);
  }
  return out;
}

bool IcuUnicode::is_nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  bool normalized = normalizer(true).isNormalizedUTF8(piece(utf8), status);
  return normalized && U_SUCCESS(status);
}

std::string IcuUnicode::nfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString normalized =
      normalizer(true).normalize(icu::UnicodeString::fromUTF8(piece(utf8)), status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

}  // namespace gazette::text::detail
