// What the server checks about a file before sending it: that it is really inside the
// site, and whether the client's copy is still the same (ETag, Last-Modified).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gazette::serve::detail {

/// True when `file`, with every symlink on its way resolved, is `root` (itself resolved)
/// or under it; a symlink pointing out of the site is not.
bool inside_root(const std::filesystem::path& root, const std::filesystem::path& file);

/// What identifies a version of a file for caches.
struct Stamp {
  std::string etag;           ///< "size-mtime", quoted
  std::string last_modified;  ///< an HTTP date
  std::int64_t modified = 0;  ///< seconds since 1970
};

/// The stamp of a regular file; none when it cannot be read.
std::optional<Stamp> stamp_of(const std::filesystem::path& file);

/// True when the client's copy (If-None-Match, else If-Modified-Since) is this version.
bool not_modified(const Stamp& stamp, std::string_view if_none_match,
                  std::string_view if_modified_since);

/// "Sun, 06 Nov 1994 08:49:37 GMT" for seconds since 1970, and back (none if not one).
std::string http_date(std::int64_t seconds);
std::optional<std::int64_t> parse_http_date(std::string_view text);

}  // namespace gazette::serve::detail
