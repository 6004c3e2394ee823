#include <unicode/brkiter.h>
#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "gazette/core.hpp"
#include "gazette/text.hpp"

namespace gazette::text {

namespace {

constexpr UChar32 kOiSmall = 0x01A3;  // ƣ
constexpr UChar32 kOiCapital = 0x01A2;
constexpr UChar32 kUHornSmall = 0x01B0;  // ư

// The five Vietnamese tone marks as combining characters; index + 1 is the tone id.
constexpr std::array<UChar32, 5> kToneMarks = {0x0300, 0x0301, 0x0303, 0x0309, 0x0323};

int tone_of_mark(UChar32 c) {
  for (std::size_t i = 0; i < kToneMarks.size(); ++i) {
    if (kToneMarks[i] == c) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool is_combining_mark(UChar32 c) { return c >= 0x0300 && c <= 0x036F; }

void append_utf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out.append(buf, static_cast<std::size_t>(len));
}

// Tables for the Latin letters Vietnamese uses, computed once from ICU's data.
struct Tables {
  // U+0080..U+024F and U+1E00..U+1EFF: the folded form (lower case, no marks, đ → d).
  std::unordered_map<UChar32, std::string> fold;
  // Letter → (lower-case letter without its tone mark, tone id 0..5).
  std::unordered_map<UChar32, std::pair<UChar32, int>> split;
  // (toneless lower-case letter << 3 | tone) → composed letter.
  std::unordered_map<std::int64_t, UChar32> compose;

  Tables() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    auto add = [&](UChar32 c) {
      UErrorCode st = U_ZERO_ERROR;
      icu::UnicodeString lowered(c);
      lowered.toLower(icu::Locale::getRoot());
      icu::UnicodeString decomposed = nfd->normalize(lowered, st);
      if (U_FAILURE(st)) return;
      icu::UnicodeString bare, toneless;
      int tone = 0;
      for (int32_t i = 0; i < decomposed.length();) {
        UChar32 d = decomposed.char32At(i);
        i += U16_LENGTH(d);
        if (int t = tone_of_mark(d)) {
          tone = t;
        } else {
          toneless.append(d);
        }
        if (!is_combining_mark(d)) bare.append(d);
      }
      if (c == 0x0110 || c == 0x0111) bare = icu::UnicodeString(static_cast<UChar32>('d'));
      if (c == kOiSmall || c == kOiCapital) {
        bare = icu::UnicodeString(static_cast<UChar32>('u'));
        toneless = icu::UnicodeString(kUHornSmall);
        tone = 0;
      }
      std::string folded;
      bare.toUTF8String(folded);
      fold.emplace(c, folded);
      icu::UnicodeString toneless_nfc = nfc->normalize(toneless, st);
      if (U_FAILURE(st) || toneless_nfc.countChar32() != 1) return;
      UChar32 base = toneless_nfc.char32At(0);
      split.emplace(c, std::make_pair(base, tone));
      if (u_islower(c) || c == base) compose.emplace((std::int64_t{base} << 3) | tone, c);
    };
    for (UChar32 c = 0x80; c <= 0x24F; ++c) add(c);
    for (UChar32 c = 0x1E00; c <= 0x1EFF; ++c) add(c);
    for (UChar32 c = 'a'; c <= 'z'; ++c) {
      split.emplace(c, std::make_pair(c, 0));
      compose.emplace((std::int64_t{c} << 3), c);
    }
  }
};

const Tables& tables() {
  static const Tables instance;  // immutable once built; safe to read from any thread
  return instance;
}

// Calls fn(code point, byte offset, byte length) for each code point; invalid bytes are
// passed as U+FFFD.
template <typename Fn>
void for_each_code_point(std::string_view s, Fn&& fn) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    fn(c, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
}

bool is_vowel(UChar32 c) {
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

bool has_quality_mark(UChar32 c) {
  return c == 0x0103 || c == 0x00E2 || c == 0x00EA || c == 0x00F4 || c == 0x01A1 || c == 0x01B0;
}

// Index (into `letters`) of the vowel that carries the tone, by the modern rule.
std::size_t tone_position(const std::vector<UChar32>& letters) {
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
  UChar32 a = letters[first], b = letters[last];
  if ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) return last;  // hoà, thuỷ
  return first;
}

}  // namespace

bool is_nfc(std::string_view utf8) {
  // ASCII is always NFC; this covers most of the bytes of real text quickly.
  if (std::all_of(utf8.begin(), utf8.end(), [](char c) { return (c & 0x80) == 0; })) return true;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  bool normalized =
      n->isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return normalized && U_SUCCESS(status);
}

std::string nfc(std::string_view utf8) {
  if (is_nfc(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString normalized = n->normalize(u, status);
  if (U_FAILURE(status)) return std::string(utf8);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string lower(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for_each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else {
      append_utf8(out, c == kOiCapital ? kOiSmall : u_tolower(c));
    }
  });
  return nfc(out);
}

void append_folded(std::string& out, std::string_view utf8) {
  const Tables& t = tables();
  for_each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (is_combining_mark(c)) {
      // decomposed input: drop the mark
    } else if (auto it = t.fold.find(c); it != t.fold.end()) {
      out += it->second;
    } else {
      append_utf8(out, u_tolower(c));
    }
  });
}

std::string fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  append_folded(out, utf8);
  return out;
}

std::string canonical_syllable(std::string_view utf8) {
  const Tables& t = tables();
  std::vector<UChar32> letters;
  int tone = 0;
  bool simple = true;  // ASCII letters only: nothing to move
  std::string composed = nfc(utf8);
  for_each_code_point(composed, [&](UChar32 c, std::size_t, std::size_t) {
    if (c >= 0x80) simple = false;
    if (auto it = t.split.find(c); it != t.split.end()) {
      letters.push_back(it->second.first);
      if (it->second.second != 0) tone = it->second.second;
    } else if (int mark = tone_of_mark(c)) {
      tone = mark;
    } else {
      letters.push_back(c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : u_tolower(c));
    }
  });
  if (simple) return lower(utf8);
  std::size_t target = tone == 0 ? letters.size() : tone_position(letters);
  std::string out;
  out.reserve(composed.size());
  for (std::size_t i = 0; i < letters.size(); ++i) {
    UChar32 c = letters[i];
    if (i == target) {
      if (auto it = t.compose.find((std::int64_t{c} << 3) | tone); it != t.compose.end()) {
        c = it->second;
      }
    }
    append_utf8(out, c);
  }
  return out;
}

std::string slugify(std::string_view utf8) {
  std::string folded = fold(utf8);
  std::string slug;
  slug.reserve(folded.size());
  bool pending_hyphen = false;
  for (char c : folded) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      slug += c;
    } else {
      pending_hyphen = true;
    }
  }
  return slug;
}

std::vector<std::size_t> find_oi(std::string_view utf8) {
  std::vector<std::size_t> offsets;
  // ƣ is C6 A3 and Ƣ is C6 A2 in UTF-8: a byte search is enough.
  for (std::size_t pos = utf8.find('\xC6'); pos != std::string_view::npos;
       pos = utf8.find('\xC6', pos + 1)) {
    if (pos + 1 < utf8.size() && (utf8[pos + 1] == '\xA3' || utf8[pos + 1] == '\xA2')) {
      offsets.push_back(pos);
    }
  }
  return offsets;
}

std::string repair_oi(std::string_view utf8) {
  std::string out(utf8);
  for (std::size_t pos : find_oi(utf8)) {
    // ư is C6 B0 and Ư is C6 AF: same length, so replace in place.
    out[pos + 1] = utf8[pos + 1] == '\xA3' ? '\xB0' : '\xAF';
  }
  return out;
}

struct Collator::Impl {
  std::unique_ptr<icu::Collator> collator;
};

Collator::Collator(const std::string& locale) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->collator.reset(icu::Collator::createInstance(icu::Locale(locale.c_str()), status));
  if (U_FAILURE(status) || !impl_->collator) {
    status = U_ZERO_ERROR;
    impl_->collator.reset(icu::Collator::createInstance(icu::Locale::getRoot(), status));
  }
}

Collator::~Collator() = default;
Collator::Collator(Collator&&) noexcept = default;
Collator& Collator::operator=(Collator&&) noexcept = default;

std::string Collator::sort_key(std::string_view utf8) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  int32_t size = impl_->collator->getSortKey(u, nullptr, 0);
  std::string key(static_cast<std::size_t>(size), '\0');
  impl_->collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), size);
  if (!key.empty() && key.back() == '\0') key.pop_back();
  return key;
}

bool Collator::less(std::string_view a, std::string_view b) const {
  return sort_key(a) < sort_key(b);
}

void sort_names(std::vector<std::string>& names, const std::string& locale) {
  Collator collator(locale);
  std::vector<std::pair<std::string, std::string>> keyed;
  keyed.reserve(names.size());
  for (auto& n : names) keyed.emplace_back(collator.sort_key(n), std::move(n));
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = std::move(keyed[i].second);
}

bool has_visible(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && u_isgraph(c)) return true;  // not Cc, Cf, Cs, Cn or a space (Z*)
  }
  return false;
}

namespace {

// The zone, or null when ICU does not know it (ICU answers an unknown id with "Etc/Unknown").
std::unique_ptr<icu::TimeZone> find_zone(const std::string& zone) {
  std::unique_ptr<icu::TimeZone> tz(
      icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  icu::UnicodeString id;
  tz->getID(id);
  if (id == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID)) return nullptr;
  return tz;
}

std::optional<int> offset_at(const std::string& zone, double ms, bool local) {
  auto tz = find_zone(zone);
  if (!tz) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  tz->getOffset(ms, local, raw, dst, status);
  if (U_FAILURE(status)) return std::nullopt;
  return (raw + dst) / 60000;
}

}  // namespace

bool is_known_timezone(const std::string& zone) { return find_zone(zone) != nullptr; }

std::optional<int> utc_offset_minutes(const std::string& zone, int year, int month, int day,
                                      int hour, int minute) {
  // Local wall-clock milliseconds, as if UTC; ask the zone for its offset at that local time.
  int64_t days = days_from_civil(Date{year, month, day});
  auto local_ms = static_cast<UDate>((days * 86400 + hour * 3600 + minute * 60) * 1000);
  return offset_at(zone, local_ms, true);
}

std::optional<int> utc_offset_minutes(const std::string& zone, const Instant& at) {
  return offset_at(zone, static_cast<UDate>(at.epoch_seconds) * 1000, false);
}

}  // namespace gazette::text
