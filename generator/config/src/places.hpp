// The folders site.toml names, checked before a build touches anything: what gazette reads
// stays inside the site, and what it replaces or clears is its own.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::config::detail {

/// A folder (or file) named in site.toml.
struct Place {
  std::filesystem::path path;  ///< absolute, as configured
  std::string key;             ///< "output", "content", …; "" for places with no key
  std::string written;         ///< the value as written, or the default
  SourceLoc loc;               ///< where the value is written; line 0: not written (the default)
  std::string what;            ///< "the content folder", "the git repository", …
};

struct SitePlaces {
  std::filesystem::path root;
  std::vector<Place> read;     ///< what a build reads: content, files, the theme
  std::vector<Place> guarded;  ///< what must never be written over (read places, .git, …)
  Place output;                ///< replaced whole by each build
  Place index;                 ///< search databases written and deleted by each build
};

/// The first problem with the places, as an error at the value in site.toml
/// (`site_toml` is its text, for the quoted line).
std::optional<Diagnostic> check_places(const SitePlaces& places, std::string_view site_toml);

}  // namespace gazette::config::detail
