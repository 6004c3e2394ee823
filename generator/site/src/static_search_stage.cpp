#include "static_search_stage.hpp"

#include <algorithm>

#include "gazette/search.hpp"

namespace gazette::site {

namespace {

// What the static index is made from: the live generation and the complete archives, by
// name (a generation's or an archive's folder is never rewritten under the same name).
std::string sources_key(const std::filesystem::path& live, const std::filesystem::path& index_dir,
                        std::size_t most_files) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(live, ec);
  std::string key = (ec ? live : real).filename().string() + "\n" + std::to_string(most_files);
  std::vector<std::string> archives;
  for (const auto& e : std::filesystem::directory_iterator(index_dir / "archive", ec)) {
    if (std::filesystem::exists(e.path() / "gazette-complete", ec)) {
      archives.push_back(e.path().filename().string());
    }
  }
  std::sort(archives.begin(), archives.end());
  for (const auto& a : archives) key += "\n" + a;
  return sha256_hex(key).substr(0, 16);
}

}  // namespace

Status place_static_search(const std::filesystem::path& live,
                           const std::filesystem::path& index_dir,
                           const std::filesystem::path& cache_dir, std::size_t most_files,
                           OutputSink& sink) {
  std::error_code ec;
  std::filesystem::path dir = cache_dir / sources_key(live, index_dir, most_files);
  std::vector<std::string> names;
  if (std::filesystem::exists(dir / "manifest.json", ec)) {
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      names.push_back(e.path().filename().string());
    }
  } else {
    // Written aside and renamed: a build cut short leaves no half index to reuse.
    std::filesystem::path partial = cache_dir / ("partial-" + dir.filename().string());
    std::filesystem::remove_all(partial, ec);
    auto written = search::write_static_index(live, index_dir, partial, most_files);
    if (!written) return written.error();
    names = *written;
    // The caches of other generations go: one is kept.
    for (const auto& e : std::filesystem::directory_iterator(cache_dir, ec)) {
      if (e.path() != partial) std::filesystem::remove_all(e.path(), ec);
    }
    std::filesystem::rename(partial, dir, ec);
    if (ec) {
      return Diagnostic{Severity::error,
                        dir.string(),
                        {},
                        "cannot keep the static search index: " + ec.message(),
                        {},
                        {}};
    }
  }
  for (const auto& name : names) {
    std::filesystem::path file = dir / name;
    // The names carry their content's hash; the manifest's identity is its file's.
    Origin origin{"static-search " + name + " " + file_identity(file), ""};
    std::string relative = "search/" + name;
    if (!sink.keep(relative, origin)) sink.copy(file, relative, origin);
  }
  return Ok{};
}

}  // namespace gazette::site
