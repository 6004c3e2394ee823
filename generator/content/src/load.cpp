// Finds the content files and reads them in parallel.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "gazette/content.hpp"
#include "gazette/text.hpp"
#include "proposals.hpp"

namespace gazette::content {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& p) {
  std::string name = p.filename().string();
  return name.empty() || name[0] == '.' || name[0] == '_' || name.back() == '~';
}

bool is_content_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".toml" || ext == ".csv";
}

// Warnings for text that is valid but defective: the ƣ of PDF extraction, non-NFC text.
void report_text_defects(const Document& doc, std::string_view raw, bool oi_is_defect,
                         Diagnostics& diags) {
  int last_line = 0;
  std::vector<std::size_t> oi = oi_is_defect ? text::find_oi(raw) : std::vector<std::size_t>{};
  std::optional<LineIndex> lines;
  if (!oi.empty()) lines.emplace(raw);
  for (std::size_t offset : oi) {
    SourceLoc at = lines->locate(offset);
    if (at.line == last_line) continue;  // one report per line
    last_line = at.line;
    diags.add({Severity::warning, doc.path, at,
               "`ƣ` (U+01A3, a PDF-extraction defect) where `ư` is meant",
               "run gazette check --fix to replace every ƣ/Ƣ with ư/Ư",
               std::string(lines->line(at.line))});
  }
  if (!text::is_nfc(raw)) {
    diags.add({Severity::warning,
               doc.path,
               {1, 1},
               "the text is not in Unicode NFC (letters and marks stored apart)",
               "gazette reads it as NFC; run gazette check --fix to store it so",
               {}});
  }
}

// The content files, sorted. A file or folder that is a symlink leading out of the site, or
// a content file that is a FIFO, a device or a socket, is left out (and reported to `diags`).
std::vector<fs::path> scan_content(const config::SiteConfig& config, Diagnostics* diags) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(config.content_dir, ec)) return files;
  fs::path real_root = resolved_path(config.root);
  auto refuse = [&](const fs::path& p, const UnsafeFile& why, const char* what) {
    if (diags)
      diags->error(display_path(p, config.root), {1, 1}, std::string(what) + why.problem, why.hint);
  };
  fs::recursive_directory_iterator it(config.content_dir,
                                      fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (is_hidden(p)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    bool link = it->is_symlink(ec);
    if (it->is_directory(ec)) {
      // Folders that are symlinks are not followed; one leading out of the site is an error.
      if (link) {
        if (auto why = check_readable(real_root, p)) refuse(p, *why, "the folder ");
      }
      continue;
    }
    if (!is_content_extension(p)) continue;
    if (auto why = check_readable(real_root, p)) {
      refuse(p, *why, "the file ");
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::vector<fs::path> list_content_files(const config::SiteConfig& config) {
  return scan_content(config, nullptr);
}

std::vector<Document> load_documents(const config::SiteConfig& config, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(config.content_dir, ec)) {
    diags.error(display_path(config.content_dir, config.root), {},
                "the content directory does not exist",
                "create it, or set [build] content in site.toml");
    return {};
  }
  std::vector<fs::path> all = scan_content(config, &diags);
  std::set<fs::path> present(all.begin(), all.end());
  // A CSV proposal list is read through its same-named .toml of metadata.
  std::vector<fs::path> files;
  for (const auto& f : all) {
    if (f.extension() == ".csv") {
      fs::path meta = fs::path(f).replace_extension(".toml");
      if (!present.count(meta)) {
        diags.error(display_path(f, config.root), {1, 1},
                    "a CSV proposal list needs its metadata in " + display_path(meta, config.root),
                    "create it with title, program, round, issuer and issued");
      }
      continue;
    }
    files.push_back(f);
  }

  std::vector<std::optional<Document>> loaded(files.size());
  parallel_for(files.size(), [&](std::size_t i) {
    const fs::path& file = files[i];
    std::string path = display_path(file, config.root);
    auto bytes = read_file(file);
    if (!bytes) {
      Diagnostic d = bytes.error();
      d.file = path;
      diags.add(d);
      return;
    }
    fs::path rel = file.lexically_relative(config.content_dir);
    std::optional<Kind> folder_kind = kind_of_folder(rel.begin()->string());
    loaded[i] = parse_document(*bytes, file, path, folder_kind, config, diags);
    if (loaded[i]) report_text_defects(*loaded[i], *bytes, oi_is_defect(config), diags);
    // A proposal list's tasks may be in a same-named CSV beside its .toml (csv.hpp).
    if (loaded[i] && !detail::read_task_csv(*loaded[i], config, diags)) loaded[i].reset();
  });

  std::vector<Document> docs;
  docs.reserve(files.size());
  for (auto& d : loaded) {
    if (d) docs.push_back(std::move(*d));
  }
  return docs;
}

}  // namespace gazette::content
