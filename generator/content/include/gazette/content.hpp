// gazette content: the documents of a site, read from content/.
//
//   gazette::Diagnostics diags;
//   std::vector<content::Document> docs = content::load_documents(config, diags);
//   // every broken file is in diags, each with file:line and a hint
//
// A document is a Markdown file with TOML front matter between +++ lines, or a proposal
// list (TOML with [[tasks]] rows, or CSV beside a same-named .toml of metadata).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gazette/config.hpp"
#include "gazette/core.hpp"

namespace gazette::content {

enum class Kind { notice, guidance, proposal_list, program, page };

/// "notice", "guidance", "proposal-list", "program", "page".
std::string_view kind_name(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);
/// The kind implied by a top-level folder of content/ ("notices" → notice), if any.
std::optional<Kind> kind_of_folder(std::string_view folder);

struct Signer {
  std::string name;
  std::string title;
};

struct Contact {
  std::string office;
  std::string phone;
  std::string email;
  std::string address;
};

struct Attachment {
  std::string title;
  std::string file;                    ///< as written in the front matter
  std::filesystem::path source;        ///< the file on disk
  std::string output_path;             ///< where it is published, relative to the site root
  std::optional<std::uintmax_t> size;  ///< bytes, when the file was found
  SourceLoc loc;
};

/// One row of a proposal list (the appendix form of the 2025 guidance letter).
struct Task {
  int stt = 0;  ///< priority, 1 first
  std::string name;
  std::string lead;
  std::vector<std::string> partners;
  std::string objectives;
  std::string content;
  std::string results;
  std::string duration;
  Money total;        ///< in the list's unit (million VND), exact
  Money state;        ///< state budget (NSNN)
  Money counterpart;  ///< counterpart funds (đối ứng)
  std::string notes;
  SourceLoc loc;
};

/// A change of deadline announced after publication (an extension).
struct DeadlineChange {
  Instant from;
  Date on;
  std::string note;
};

struct Document {
  std::filesystem::path source;  ///< the file on disk
  std::string path;              ///< as the user sees it: "content/notices/2023/a.md"
  Kind kind = Kind::notice;
  std::string slug;
  std::string url;  ///< its stable address: "/notice/2023/<slug>/"
  std::string title;
  std::string number;  ///< "1255/UBND-KGVX"; may be empty
  std::string issuer;
  std::string province;
  Date issued;
  std::optional<Instant> opens;
  std::optional<Instant> deadline;
  std::vector<DeadlineChange> deadline_changes;
  std::optional<Date> results_date;
  std::string results;  ///< number or slug of the results document
  std::string program;  ///< programme id, "1322"
  std::optional<int> round;
  std::optional<Signer> signer;
  std::vector<std::string> recipients;
  std::vector<std::string> references;
  std::vector<Attachment> attachments;
  std::optional<Contact> contact;
  std::vector<std::string> tags;
  std::string summary;
  std::vector<std::string> amends, replaces, guides, based_on;  ///< numbers or slugs
  std::string withdrawn;    ///< non-empty: why the document was withdrawn
  bool draft = false;       ///< `draft = true`: not published (only `build --drafts` shows it)
  std::string body;         ///< Markdown, NFC
  int body_line = 1;        ///< line in the file where the body starts
  std::vector<Task> tasks;  ///< proposal lists
  std::string submitter;    ///< proposal lists: the body that submits the list
  std::string unit = "triệu đồng";
  std::string tasks_path;  ///< proposal lists read from CSV: the CSV, as the user sees it
  std::map<std::string, SourceLoc> locs;  ///< where each front-matter key was written
  std::string source_text;                ///< the file as read, NFC (for checks that quote lines)

  /// Where a key was written, or the top of the file.
  SourceLoc loc_of(const std::string& key) const;
  /// What its call's state is read from (no deadline: not a call).
  CallTimes call() const {
    return CallTimes{opens, deadline, results_date, !results.empty(), !withdrawn.empty()};
  }
};

/// The address of a document: /<kind>/<year>/<slug>/, /program/<id>/ or /<slug>/ for pages.
std::string document_url(Kind kind, const Date& issued, const std::string& slug,
                         const std::string& program);

/// Reads every document under config.content_dir, in parallel. Problems go to `diags`
/// (every broken file is reported); broken documents are left out.
std::vector<Document> load_documents(const config::SiteConfig& config, Diagnostics& diags);

/// Whether ƣ/Ƣ (U+01A3/U+01A2) in the site's text are the PDF-extraction defect for ư/Ư: on a
/// Vietnamese site (`language` or one of `languages` is vi), where they are no letter. Elsewhere
/// they are letters of their own, kept, neither reported nor repaired.
bool oi_is_defect(const config::SiteConfig& config);

/// Parses one document from its bytes. `path` is shown in diagnostics; `folder_kind` is the
/// kind implied by its folder. Returns nullopt after reporting to `diags`. On a site where ƣ is
/// the defect (oi_is_defect), every field, the body and the tasks read it as ư, so all that is
/// made from the document shows the text as meant; `source_text` keeps the file as it is.
std::optional<Document> parse_document(std::string_view bytes, const std::filesystem::path& source,
                                       const std::string& path, std::optional<Kind> folder_kind,
                                       const config::SiteConfig& config, Diagnostics& diags);

/// Checks across documents: duplicate URLs and numbers, unknown programmes.
void check_documents(const std::vector<Document>& docs, const config::SiteConfig& config,
                     Diagnostics& diags);

/// The documents a public build publishes: `docs` without the drafts. A published document
/// that names a draft (references, amends, replaces, guides, based_on) is warned about at that
/// line: the name is shown, not linked, until the draft is published.
std::vector<Document> without_drafts(std::vector<Document> docs, Diagnostics& diags);

/// Finds documents by what other documents call them: a number (any case, with or without
/// marks or spaces: "1322/QĐ-TTg", "1322/qd-ttg") or a slug. The documents must outlive it.
class DocumentIndex {
 public:
  explicit DocumentIndex(const std::vector<Document>& docs);
  /// The one document with that number or slug; nullptr when none or several.
  const Document* find(std::string_view reference) const;
  /// The one document with that number; nullptr when none or several.
  const Document* find_number(std::string_view number) const;

 private:
  std::map<std::string, std::vector<const Document*>> by_number_;
  std::map<std::string, std::vector<const Document*>> by_slug_;
};

/// A relationship field of a document and the documents it names.
struct Relation {
  const char* key;  ///< "amends", "replaces", "guides", "based_on"
  const std::vector<std::string>* targets;
};
std::vector<Relation> relations_of(const Document& doc);

/// Deadlines named in the text that differ from the `deadline` field; a notice's deadline
/// after that of the document it implements in the same round; relationships to documents
/// not on the site, to itself, or in a cycle.
void check_consistency(const std::vector<Document>& docs, Diagnostics& diags);

/// What `gazette check --fix` changed in one file.
struct FixReport {
  int oi_repaired = 0;  ///< ƣ/Ƣ replaced by ư/Ư
  bool bom_removed = false;
  bool normalized = false;  ///< rewritten in NFC
  bool changed() const { return oi_repaired > 0 || bom_removed || normalized; }
};

/// The repaired bytes of a file: ƣ → ư (when `oi_is_defect`), no BOM, NFC. Pure; fix_file
/// writes them.
std::string repair_text(std::string_view bytes, FixReport& report, bool oi_is_defect = true);
/// Repairs a content file in place with an atomic rewrite (only when something changes).
Result<FixReport> fix_file(const std::filesystem::path& file, bool oi_is_defect = true);

/// The content files a site has (Markdown, TOML and CSV under content/), sorted.
std::vector<std::filesystem::path> list_content_files(const config::SiteConfig& config);

}  // namespace gazette::content
