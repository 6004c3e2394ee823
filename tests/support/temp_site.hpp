// A site written into a temporary directory from inline files, built with the real pipeline
// (Hugo's txtar tests, Zola's site tests); build_site() builds any site directory the same way.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/site.hpp"
#include "temp_dir.hpp"

/// The clock tests build at unless they say otherwise.
inline constexpr const char* kTestClock = "2023-04-20T09:00:00+07:00";

/// What a build reported, and its diagnostics in order.
struct BuiltSite {
  gazette::site::BuildReport report;
  std::vector<gazette::Diagnostic> diags;
  std::string messages() const {
    std::string all;
    for (const auto& d : diags) all += gazette::format_diagnostic(d);
    return all;
  }
  std::size_t error_count() const {
    std::size_t n = 0;
    for (const auto& d : diags) n += d.severity == gazette::Severity::error;
    return n;
  }
};

/// Builds the site in `dir` as `gazette build` does, as of `now` (RFC 3339); into
/// `output_dir` instead of the configured folder when one is given. A site.toml that does not
/// load is the one diagnostic (report.ok stays false).
inline BuiltSite build_site(const std::filesystem::path& dir, const std::string& now = kTestClock,
                            const std::filesystem::path& output_dir = {}, bool write = true) {
  BuiltSite built;
  auto config = gazette::config::load_site(dir);
  if (!config) {
    built.diags.push_back(config.error());
    return built;
  }
  if (!output_dir.empty()) config->output_dir = output_dir;
  gazette::Diagnostics diags;
  gazette::site::BuildOptions options;
  options.now = *gazette::parse_rfc3339(now);
  options.write = write;
  built.report = gazette::site::build(*config, options, diags);
  built.diags = diags.sorted();
  return built;
}

class TempSite : public TempDir {
 public:
  /// `files`: relative path → content; a site.toml is added when missing.
  explicit TempSite(const std::map<std::string, std::string>& files = {}) {
    if (!files.count("site.toml")) write("site.toml", "title = \"Cổng thử\"\n");
    for (const auto& [path, text] : files) write(path, text);
  }

  using Built = BuiltSite;

  /// Builds the site as of `now` (RFC 3339).
  Built build(const std::string& now = kTestClock, bool write = true) const {
    return build_site(path(), now, {}, write);
  }

  /// A file of the built site ("" when missing).
  std::string page(const std::string& relative) const { return read("public/" + relative); }
};

/// A notice's source with the given front-matter lines added.
inline std::string notice(const std::string& title, const std::string& extra = "",
                          const std::string& body = "Nội dung.\n") {
  return "+++\ntitle = \"" + title + "\"\nkind = \"notice\"\nissued = 2023-04-12\n" + extra +
         "+++\n" + body;
}

/// The document of programme 1322, which the lists and notices of test sites name.
inline constexpr const char* kProgram1322 =
    "+++\ntitle = \"Chương trình 1322\"\nkind = \"program\"\nissued = 2020-08-31\n"
    "program = \"1322\"\n+++\nVề chương trình.\n";

/// A proposal list's metadata (a .toml) for programme 1322, round 2026, issued 2025-08-12:
/// `extra` lines come after the issuer; [[tasks]] rows may follow.
inline std::string proposal_list_toml(const std::string& title, const std::string& issuer,
                                      const std::string& extra = "") {
  return "title = \"" + title + "\"\nkind = \"proposal-list\"\nissuer = \"" + issuer + "\"\n" +
         extra + "issued = 2025-08-12\nprogram = \"1322\"\nround = 2026\n";
}

/// True when `text` contains `part`.
inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Lists of addresses and names print as such when a check on them fails.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& item : items) out += (out.size() > 1 ? ", \"" : "\"") + item + "\"";
    return (out + "}").c_str();
  }
};
