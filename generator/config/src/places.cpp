#include "places.hpp"

namespace gazette::config::detail {

namespace fs = std::filesystem;

namespace {

// "`output` = \"public\"", with " (the default)" when site.toml does not say it.
std::string named(const Place& p) {
  return "`" + p.key + "` = \"" + p.written + "\"" + (p.loc.line > 0 ? "" : " (the default)");
}

Diagnostic error_at(SourceLoc loc, std::string message, std::string hint,
                    std::string_view site_toml) {
  return Diagnostic{Severity::error,    "site.toml",     loc,
                    std::move(message), std::move(hint), std::string(line_at(site_toml, loc.line))};
}

bool has_mark(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(dir / kOwnedMark, ec));
}

// The output of a gazette from before the mark: the exports only gazette writes.
bool is_old_output(const fs::path& dir) {
  std::error_code ec;
  for (const char* file : {"index.html", "sitemap.xml", "data/documents.json", "data/documents.csv",
                           "open-data/index.html"}) {
    if (!fs::is_regular_file(fs::symlink_status(dir / file, ec))) return false;
  }
  return true;
}

// The index of a gazette from before the mark: `live` links to a generation "gen-…".
bool is_old_index(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(dir / "live", ec))) return false;
  return fs::read_symlink(dir / "live", ec).generic_string().rfind("gen-", 0) == 0;
}

// Where `owned` stands to `other`: "is", "is inside", "holds" + what it is; "" if apart.
std::string relation(const fs::path& owned, const fs::path& other, const std::string& what) {
  if (owned == other) return "is " + what;
  if (is_within(owned, other)) return "is inside " + what;
  if (is_within(other, owned)) return "holds " + what;
  return {};
}

// What a folder that a build replaces (output) or clears (index) may not be.
std::optional<Diagnostic> check_owned(const SitePlaces& places, const Place& owned,
                                      const fs::path& real_root, std::string_view site_toml) {
  bool output = &owned == &places.output;
  std::string consequence = output ? ": a build replaces that folder whole"
                                   : ": a build writes and deletes search databases there";
  std::string hint = output ? "use a folder of its own inside the site, such as output = \"public\""
                            : "use a folder of its own inside the site, such as index = "
                              "\".gazette/search\"";
  auto refuse = [&](SourceLoc loc, const std::string& what) {
    return error_at(loc, named(owned) + " " + what + consequence, hint, site_toml);
  };
  fs::path real = resolved_path(owned.path);
  if (real == real_root) return refuse(owned.loc, "is the site's own folder");
  if (!is_within(real, real_root)) {
    return refuse(owned.loc, "leads outside the site (to " + real.generic_string() + ")");
  }
  std::error_code ec;
  auto status = fs::symlink_status(owned.path, ec);
  if (fs::is_symlink(status)) {
    return refuse(owned.loc, "is a symlink (to " + real.generic_string() + ")");
  }
  for (const Place& p : places.guarded) {
    std::string how = relation(real, resolved_path(p.path), p.what);
    if (!how.empty()) return refuse(owned.loc.line > 0 ? owned.loc : p.loc, how);
  }
  if (!output) {
    std::string how = relation(real, resolved_path(places.output.path), places.output.what);
    if (!how.empty()) {
      return error_at(owned.loc.line > 0 ? owned.loc : places.output.loc,
                      named(owned) + " " + how + ": the search database would be published", hint,
                      site_toml);
    }
  }
  if (fs::exists(status) && !fs::is_directory(status)) {
    return error_at(owned.loc,
                    named(owned) +
                        " is a file, not a folder: a build would put a "
                        "folder in its place",
                    hint, site_toml);
  }
  if (fs::is_directory(status) && !fs::is_empty(owned.path, ec) && !has_mark(owned.path) &&
      !(output ? is_old_output(owned.path) : is_old_index(owned.path))) {
    return error_at(owned.loc,
                    named(owned) + " is a folder gazette did not make (it holds files and no " +
                        std::string(kOwnedMark) + ")" + consequence,
                    "name a new or empty folder; if gazette did build this one, delete it and "
                    "build again",
                    site_toml);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Diagnostic> check_places(const SitePlaces& places, std::string_view site_toml) {
  fs::path real_root = resolved_path(places.root);
  for (const Place& p : places.read) {
    fs::path real = resolved_path(p.path);
    if (!is_within(real, real_root)) {
      return error_at(p.loc,
                      named(p) + " leads outside the site (to " + real.generic_string() +
                          "): gazette reads only inside the site's folder",
                      "keep it inside the site (a symlink must point inside it too)", site_toml);
    }
  }
  // The output first: the index is then checked against a sound output.
  if (auto problem = check_owned(places, places.output, real_root, site_toml)) return problem;
  return check_owned(places, places.index, real_root, site_toml);
}

}  // namespace gazette::config::detail
