// Documents parsed from strings for unit tests: no disk is read.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/content.hpp"

/// `files`: content paths ("content/notices/a.md") → their bytes; the kind comes from the
/// folder as when a site is loaded. Any error fails the test.
inline std::vector<gazette::content::Document> parse_documents(
    const std::map<std::string, std::string>& files, const gazette::config::SiteConfig& config) {
  std::vector<gazette::content::Document> docs;
  gazette::Diagnostics diags;
  for (const auto& [path, bytes] : files) {
    std::filesystem::path relative(path);
    auto part = relative.begin();
    std::string folder = part != relative.end() && *part == "content" && ++part != relative.end()
                             ? part->string()
                             : "";
    auto doc = gazette::content::parse_document(
        bytes, config.root / path, path, gazette::content::kind_of_folder(folder), config, diags);
    if (doc) docs.push_back(std::move(*doc));
  }
  for (const auto& d : diags.sorted()) {
    if (d.severity == gazette::Severity::error) FAIL(gazette::format_diagnostic(d));
  }
  return docs;
}
