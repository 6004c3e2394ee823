#include "terms.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "gazette/text.hpp"

namespace gazette::search::detail {

const std::pair<std::string, std::string>& TermCache::forms(std::string_view word, bool ascii) {
  if (ascii) {
    scratch_.first.assign(word);
    for (char& c : scratch_.first) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    scratch_.second = scratch_.first;
    return scratch_;
  }
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  auto [inserted, added] = cache_.emplace(
      std::string(word), std::make_pair(text::canonical_syllable(word), text::fold(word)));
  return inserted->second;
}

std::string filter_key(std::string_view value) { return text::slugify(value); }

std::string number_key(std::string_view number) {
  std::string folded = text::fold(number);
  folded.erase(
      std::remove_if(folded.begin(), folded.end(), [](char c) { return c == ' ' || c == '\t'; }),
      folded.end());
  return folded;
}

bool looks_like_number(std::string_view chunk) {
  bool digit = std::any_of(chunk.begin(), chunk.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digit && chunk.find('/') != std::string_view::npos && chunk.size() >= 3;
}

namespace {

// Seconds as 8 bytes that compare as the numbers do.
void append_seconds(std::string& out, std::int64_t seconds) {
  auto u = static_cast<std::uint64_t>(seconds) ^ (std::uint64_t{1} << 63);
  for (int shift = 56; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((u >> shift) & 0xff));
}

std::int64_t read_seconds(std::string_view in) {
  std::uint64_t u = 0;
  for (int i = 0; i < 8; ++i)
    u = (u << 8) | static_cast<unsigned char>(in[static_cast<std::size_t>(i)]);
  return static_cast<std::int64_t>(u ^ (std::uint64_t{1} << 63));
}

}  // namespace

std::string call_state_value(Instant deadline, std::optional<Instant> opens, bool withdrawn) {
  std::string v;
  append_seconds(v, deadline.epoch_seconds);
  v.push_back(withdrawn ? 'w' : '-');
  if (opens) append_seconds(v, opens->epoch_seconds);
  return v;
}

bool open_at(std::string_view value, std::int64_t now) {
  if (value.size() < 9 || value[8] == 'w' || read_seconds(value) <= now) return false;
  return value.size() < 17 || read_seconds(value.substr(9)) <= now;
}

// Closed once the deadline has passed, or withdrawn (or replaced) whatever its dates.
bool closed_at(std::string_view value, std::int64_t now) {
  return value.size() >= 9 && (value[8] == 'w' || read_seconds(value) <= now);
}

std::string day_key(const Date& date) { return format_iso_date(date); }

std::string month_day_key(int month, int day) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d-%02d", month % 100, day % 100);
  return buf;
}

}  // namespace gazette::search::detail
