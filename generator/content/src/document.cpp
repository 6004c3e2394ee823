// One document from its bytes: front matter, body, slug, address, attachments.
#include <toml++/toml.h>

#include <algorithm>

#include "field_reader.hpp"
#include "gazette/content.hpp"
#include "gazette/text.hpp"
#include "proposals.hpp"

namespace gazette::content {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct Split {
  std::string_view front_matter;
  std::string_view body;
  int front_line = 2;  ///< line of the first front-matter line
  int body_line = 1;
};

bool is_fence(std::string_view line, std::string_view fence) { return trim(line) == fence; }

// Splits "+++\n<toml>\n+++\n<body>"; reports what is wrong with the fences.
std::optional<Split> split_front_matter(std::string_view text, const std::string& path,
                                        Diagnostics& diags) {
  std::size_t first_end = text.find('\n');
  std::string_view first = text.substr(0, first_end);
  if (is_fence(first, "---")) {
    diags.add({Severity::error,
               path,
               {1, 1},
               "front matter between --- lines (YAML) is not supported",
               "write it as TOML between +++ lines: title = \"…\"",
               std::string(first)});
    return std::nullopt;
  }
  if (!is_fence(first, "+++")) {
    diags.add({Severity::error,
               path,
               {1, 1},
               "the file does not start with +++ front matter",
               "begin with a line +++, then title = \"…\", kind = \"notice\", issued = 2023-04-12, "
               "then a closing +++ line",
               std::string(first)});
    return std::nullopt;
  }
  if (first_end == std::string_view::npos) first_end = text.size();
  std::size_t pos = first_end + 1;
  int line = 2;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view current =
        text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
    if (is_fence(current, "+++")) {
      Split s;
      s.front_matter = text.substr(first_end + 1, pos - first_end - 1);
      s.body = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      s.body_line = line + 1;
      return s;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
    ++line;
  }
  diags.add({Severity::error,
             path,
             {1, 1},
             "the front matter opened on line 1 is never closed",
             "add a line +++ after the last front-matter key",
             std::string(first)});
  return std::nullopt;
}

bool is_valid_slug(std::string_view slug) {
  return !slug.empty() && slug.front() != '-' && slug.back() != '-' &&
         std::all_of(slug.begin(), slug.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

// The slug from the file name: "index.md" in a folder takes the folder's name.
std::string slug_from_file(const fs::path& source) {
  std::string stem = source.stem().string();
  if (stem == "index" || stem == "_index") stem = source.parent_path().filename().string();
  return text::slugify(stem);
}

void resolve_attachments(Document& doc, const config::SiteConfig& config,
                         detail::FieldReader& reader) {
  std::string files_prefix = display_path(config.files_dir, config.root) + "/";
  fs::path real_root = resolved_path(config.root);
  for (Attachment& a : doc.attachments) {
    if (!is_safe_relative_path(a.file)) {
      reader.error(a.loc, "attachment path `" + a.file + "` leaves the site",
                   "write a path inside " + files_prefix +
                       " or beside the document, without .. or a "
                       "leading /");
      continue;
    }
    std::error_code ec;
    if (a.file.rfind(files_prefix, 0) == 0) {
      a.source = config.files_dir / a.file.substr(files_prefix.size());
      a.output_path = "files/" + a.file.substr(files_prefix.size());
    } else {
      a.source = doc.source.parent_path() / a.file;
      a.output_path = doc.url.substr(1) + a.file;
    }
    if (auto why = check_readable(real_root, a.source)) {
      reader.error(a.loc, "attachment `" + a.file + "` " + why->problem, why->hint);
    } else if (!fs::is_regular_file(a.source, ec)) {
      reader.error(a.loc, "attachment `" + a.file + "` not found",
                   "put the file at " + display_path(a.source, config.root) +
                       " or correct the path (shared files go in " + files_prefix + ")");
    } else if (auto size = fs::file_size(a.source, ec); !ec) {
      a.size = size;
    }
  }
}

void check_required(Document& doc, const toml::table& table, detail::FieldReader& reader) {
  SourceLoc top{1, 1};
  const toml::node* title = table.get("title");
  if (!title) {
    reader.error(top, "the document has no `title`", "add title = \"…\" to the front matter");
  } else if (title->is_string() && doc.title.empty()) {
    // Other types are reported by the reader, and so is a title of only invisible characters
    // (no-break, wide or zero-width spaces).
    reader.error(doc.loc_of("title"), "`title` is empty",
                 "write the document's title: title = \"Thông báo …\"");
  }
  if (!table.contains("issued")) {
    reader.error(top, "the document has no `issued` date",
                 "add the date it was issued: issued = 2023-04-12");
  }
  if (doc.kind == Kind::program && doc.program.empty()) {
    reader.error(top, "a programme page needs its `program` id",
                 "add program = \"1322\" (the id other documents use)");
  }
  if (doc.opens && doc.deadline && !(*doc.opens < *doc.deadline)) {
    reader.error(doc.loc_of("opens"),
                 "`opens` (" + format_rfc3339(*doc.opens) + ") is not before the `deadline` (" +
                     format_rfc3339(*doc.deadline) + ")",
                 "a call opens before it closes: check the dates of `opens` and `deadline`");
  }
  if (doc.deadline && doc.issued.year != 0 && local_time(*doc.deadline).date < doc.issued) {
    reader.error(doc.loc_of("deadline"), "the deadline is before the `issued` date",
                 "check the year of both dates");
  }
}

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::notice:
      return "notice";
    case Kind::guidance:
      return "guidance";
    case Kind::proposal_list:
      return "proposal-list";
    case Kind::program:
      return "program";
    case Kind::page:
      return "page";
  }
  return "page";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (Kind k : {Kind::notice, Kind::guidance, Kind::proposal_list, Kind::program, Kind::page}) {
    if (kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::optional<Kind> kind_of_folder(std::string_view folder) {
  if (folder == "notices" || folder == "notice") return Kind::notice;
  if (folder == "guidance") return Kind::guidance;
  if (folder == "proposals" || folder == "proposal-lists" || folder == "proposal-list") {
    return Kind::proposal_list;
  }
  if (folder == "programs" || folder == "program" || folder == "programmes") return Kind::program;
  if (folder == "pages" || folder == "page") return Kind::page;
  return std::nullopt;
}

std::string document_url(Kind kind, const Date& issued, const std::string& slug,
                         const std::string& program) {
  switch (kind) {
    case Kind::program:
      return "/program/" + text::slugify(program) + "/";
    case Kind::page:
      return "/" + slug + "/";
    default:
      return "/" + std::string(kind_name(kind)) + "/" + std::to_string(issued.year) + "/" + slug +
             "/";
  }
}

SourceLoc Document::loc_of(const std::string& key) const {
  auto it = locs.find(key);
  return it == locs.end() ? SourceLoc{1, 1} : it->second;
}

bool oi_is_defect(const config::SiteConfig& config) {
  return config.language == "vi" || std::find(config.languages.begin(), config.languages.end(),
                                              "vi") != config.languages.end();
}

std::optional<Document> parse_document(std::string_view bytes, const fs::path& source,
                                       const std::string& path, std::optional<Kind> folder_kind,
                                       const config::SiteConfig& config, Diagnostics& diags) {
  if (trim(bytes).empty()) {
    diags.add({Severity::error,
               path,
               {1, 1},
               "the file is empty",
               "a document needs +++ front matter with title, kind and issued, then its text; "
               "delete the file if it is not needed",
               {}});
    return std::nullopt;
  }
  if (bytes.substr(0, 3) == kBom) {
    diags.add({Severity::error,
               path,
               {1, 1},
               "the file starts with a byte order mark (BOM)",
               "save it as UTF-8 without BOM, or run gazette check --fix",
               {}});
    return std::nullopt;
  }
  if (auto bad = find_invalid_utf8(bytes)) {
    SourceLoc at = locate(bytes, *bad);
    diags.add(
        {Severity::error, path, at, "the file is not valid UTF-8 (a byte that is not text)",
         "save it as UTF-8; a legacy encoding such as TCVN3 or Windows-1258 must be converted",
         std::string(line_at(bytes, at.line))});
    return std::nullopt;
  }

  Document doc;
  doc.source = source;
  doc.path = path;
  doc.source_text = text::nfc(bytes);
  // The text is read with ƣ repaired, here where every reader of a document (the build, and
  // the history pages for old versions) passes: pages, feeds, exports and the index are all
  // made from what this returns. Same length, so every place in it is a place in the file.
  std::string repaired;
  std::string_view text = doc.source_text;
  if (oi_is_defect(config) && !text::find_oi(text).empty()) {
    repaired = text::repair_oi(text);
    text = repaired;
  }
  bool data_file = source.extension() == ".toml";

  Split split;
  if (data_file) {
    split.front_matter = text;
    split.front_line = 1;
  } else {
    auto s = split_front_matter(text, path, diags);
    if (!s) return std::nullopt;
    split = *s;
  }
  doc.body = std::string(split.body);
  doc.body_line = split.body_line;

  detail::FieldReader reader(path, doc.source_text, split.front_line - 1, config, diags);
  auto parsed = config::detail::parse_toml(
      split.front_matter, path,
      data_file ? "the file must be valid TOML (https://toml.io)"
                : "the front matter must be valid TOML: key = \"text\", dates as 2023-04-12",
      doc.source_text, split.front_line - 1);
  if (!parsed) {
    diags.add(parsed.error());
    return std::nullopt;
  }
  const toml::table& table = *parsed;

  reader.check_keys(table, detail::metadata_keys(), "the front matter");
  detail::read_metadata(table, reader, doc);

  std::optional<Kind> kind = folder_kind;
  if (const toml::node* k = table.get("kind")) {
    auto name = k->value<std::string>();
    kind = name ? parse_kind(*name) : std::nullopt;
    if (!kind) {
      reader.error(*k, "unknown kind `" + name.value_or("?") + "`",
                   "kind is one of notice, guidance, proposal-list, program, page");
    }
  } else if (!kind) {
    reader.error(SourceLoc{1, 1}, "the document has no `kind` and its folder does not imply one",
                 "add kind = \"notice\" (or guidance, proposal-list, program, page), or move it to "
                 "content/notices/, content/guidance/, content/proposals/, content/programs/ or "
                 "content/pages/");
  }
  if (kind) doc.kind = *kind;
  if (data_file || table.contains("tasks")) detail::read_tasks(table, reader, doc);

  if (const toml::node* s = table.get("slug")) {
    doc.slug = s->value<std::string>().value_or("");
    if (!is_valid_slug(doc.slug)) {
      reader.error(*s, "slug `" + doc.slug + "` may only hold a-z, 0-9 and inner hyphens",
                   "for example slug = \"" +
                       text::slugify(doc.slug.empty() ? doc.title : doc.slug) +
                       "\"; a slug cannot contain / or ..");
    }
  } else {
    doc.slug = slug_from_file(source);
    if (doc.slug.empty()) {
      reader.error(SourceLoc{1, 1}, "cannot make an address from the file name",
                   "rename the file with letters or digits, or add slug = \"…\"");
    }
  }
  check_required(doc, table, reader);
  if (reader.failed()) return std::nullopt;
  doc.url = document_url(doc.kind, doc.issued, doc.slug, doc.program);
  resolve_attachments(doc, config, reader);
  if (reader.failed()) return std::nullopt;
  return doc;
}

}  // namespace gazette::content
