#include <unicode/coll.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "gazette/core.hpp"
#include "gazette/text.hpp"
#include "text_ops.hpp"

namespace gazette::text {

namespace {

using Ops = detail::TextOps<detail::IcuUnicode>;

}  // namespace

bool is_nfc(std::string_view utf8) { return Ops::is_nfc(utf8); }

std::string nfc(std::string_view utf8) { return Ops::nfc(utf8); }

std::string lower(std::string_view utf8) { return Ops::lower(utf8); }

void append_folded(std::string& out, std::string_view utf8) { Ops::append_folded(out, utf8); }

std::string fold(std::string_view utf8) { return Ops::fold(utf8); }

std::string canonical_syllable(std::string_view utf8) { return Ops::canonical_syllable(utf8); }

bool has_visible(std::string_view utf8) { return Ops::has_visible(utf8); }

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
  auto local_ms =
      static_cast<UDate>((days * 86400 + int64_t{hour} * 3600 + int64_t{minute} * 60) * 1000);
  return offset_at(zone, local_ms, true);
}

std::optional<int> utc_offset_minutes(const std::string& zone, const Instant& at) {
  return offset_at(zone, static_cast<UDate>(at.epoch_seconds) * 1000, false);
}

}  // namespace gazette::text
