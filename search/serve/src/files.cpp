#include "files.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iterator>

#include "gazette/core.hpp"

namespace gazette::serve::detail {

namespace fs = std::filesystem;

bool inside_root(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) return false;
  fs::path real = fs::weakly_canonical(file, ec);  // a missing file: its existing part
  if (ec) return false;
  auto [at_root, at_file] =
      std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
  return at_root == real_root.end();
}

std::optional<Stamp> stamp_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  Stamp stamp;
  stamp.modified = st.st_mtim.tv_sec;
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx%09ld\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec);
  stamp.etag = tag;
  stamp.last_modified = http_date(stamp.modified);
  return stamp;
}

bool not_modified(const Stamp& stamp, std::string_view if_none_match,
                  std::string_view if_modified_since) {
  if (!if_none_match.empty()) {
    // A list of tags, weak ones (W/"…") compared as strong for a GET (RFC 9110 13.1.2).
    for (std::string_view tag : split(if_none_match, ',')) {
      tag = trim(tag);
      if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
      if (tag == "*" || tag == stamp.etag) return true;
    }
    return false;  // If-Modified-Since is ignored when If-None-Match is sent
  }
  auto since = parse_http_date(if_modified_since);
  return since && stamp.modified <= *since;
}

// Day and month names in English whatever the locale (HTTP dates are not localised).
constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string http_date(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return text;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  // IMF-fixdate only; the obsolete forms are rare and get the whole file.
  std::string s(trim(text));
  char day[4] = "";
  char month[4] = "";
  std::tm tm{};
  int used = 0;
  if (std::sscanf(s.c_str(), "%3s, %2d %3s %4d %2d:%2d:%2d GMT%n", day, &tm.tm_mday, month,
                  &tm.tm_year, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &used) != 7 ||
      static_cast<std::size_t>(used) != s.size()) {
    return std::nullopt;
  }
  auto m = std::find_if(std::begin(kMonths), std::end(kMonths),
                        [&](const char* name) { return std::string_view(name) == month; });
  if (m == std::end(kMonths)) return std::nullopt;
  tm.tm_mon = static_cast<int>(m - std::begin(kMonths));
  tm.tm_year -= 1900;
  return static_cast<std::int64_t>(::timegm(&tm));
}

}  // namespace gazette::serve::detail
