// gazette history: the public, verifiable history of every content file, read from git.
//
//   auto repo = history::inspect_repository(site_dir);           // Result<RepoInfo>
//   if (!repo) return repo.error();
//   if (repo->in_git) {
//     auto hist = history::read_history(*repo, "content/");      // one pass over the commits
//     const history::FileHistory& f = hist->files.at("content/notices/2023/a.md");
//     const history::Change* first = f.first_published();       // when it was published
//     const history::Change* amended = f.last_amended();        // nullptr: never amended
//   }
//   // after a build: commit public/ to the append-only branch "site", then check a mirror
//   auto published = history::publish_tree(*repo, "public", "site", repo->head, "Publish");
//   auto report = history::verify_tree(*repo, "site", "/srv/mirror");   // report->ok()
//
// Only this module talks to git (libgit2). Nothing here prints or exits: every failure is a
// Diagnostic naming the repository or file, with a hint.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/core.hpp"

namespace gazette::history {

// ---------------------------------------------------------------------------
// The repository

/// What git knows about the directory a site lives in.
struct RepoInfo {
  bool in_git = false;            ///< false: not inside a git work tree (no history to read)
  bool shallow = false;           ///< a shallow clone: history is cut off, publishing refused
  std::filesystem::path root;     ///< the work tree root; empty for a bare repository
  std::filesystem::path git_dir;  ///< the repository itself (".git", or a submodule's gitdir)
  std::string head;               ///< full hex id of the HEAD commit; "" if HEAD is unborn
  std::string branch;             ///< the checked-out branch ("main"); "" if HEAD is detached
  /// Paths relative to `root` ('/'-separated) of files modified, added (untracked or staged),
  /// deleted or renamed (both names) in the work tree or index against HEAD. Ignored files,
  /// submodules and nested repositories are not listed.
  std::set<std::string> uncommitted;
};

/// Finds the repository containing `dir` (searching upwards; inside a submodule's work tree
/// that is the submodule's own repository). Not in git is a success with `in_git` false.
/// `watch`: the files and directories whose uncommitted changes matter (empty: the whole work
/// tree).
Result<RepoInfo> inspect_repository(const std::filesystem::path& dir,
                                    const std::vector<std::filesystem::path>& watch = {});

// ---------------------------------------------------------------------------
// History of files

/// One commit's change to one file.
struct Change {
  /// How the commit changed the file.
  enum class Kind { added, modified, renamed, deleted };
  std::string commit;    ///< full hex id
  std::string short_id;  ///< the first 7 hex digits
  Instant when;          ///< committer time, in the committer's offset
  std::string author;    ///< author name
  std::string summary;   ///< first line of the message
  std::string note;      ///< the `Change-Note:` trailer, for readers; "" if none
  bool minor = false;    ///< trailer `Update-Type: minor`: not an amendment readers need to see
  Kind kind = Kind::modified;  ///< what this commit did to the file
  std::string path;            ///< the file's path in that commit, relative to the repository root
  std::string old_path;        ///< renames: the path before; otherwise ""
  bool moved_only = false;     ///< renamed with its bytes unchanged (not an amendment)
};

/// "added", "modified", "renamed", "deleted".
std::string_view kind_name(Change::Kind kind);

/// Every change to one file, following renames.
struct FileHistory {
  std::vector<Change> changes;  ///< oldest first
  /// The change that first added the file (the first change if none did); nullptr if empty.
  const Change* first_published() const;
  /// The newest change after first_published() that changed the text and is not minor (so
  /// not a deletion, nor a rename of identical bytes); nullptr if never amended.
  const Change* last_amended() const;
  /// Whether the newest change deleted the file (a published page that disappeared).
  bool deleted() const;
};

/// The history of every file under a directory, from one walk over the commits.
struct History {
  /// Keyed by the file's path at HEAD (relative to the repository root); a file deleted since
  /// is kept under the last path it had.
  std::map<std::string, FileHistory> files;
  std::size_t commits = 0;  ///< commits walked (the first-parent line from HEAD)
};

/// Reads the history of every file under directory `under` ("content/"; "" for all) in one
/// walk from HEAD, oldest first. The walk follows first parents only: a merge counts as one
/// commit whose changes are its difference from its first parent, so a branch's work appears
/// once, at the merge, with the merge's id, time, author and trailers (as `git log
/// --first-parent` shows it). Renames are followed (whole history under the current name); a
/// file moved into `under` from outside appears as added; a file deleted and later added at
/// the same path continues its history. In a shallow clone the oldest commit there (the cut)
/// is read as if it added every file it has. 10,000 files and 2,000 commits take under 1 s.
Result<History> read_history(const RepoInfo& repo, const std::string& under);

/// Reads files as they were at commits through one open repository (opening it once is most
/// of the cost of a read). Not shareable between threads: one per thread.
class BlobReader {
 public:
  explicit BlobReader(const RepoInfo& repo);
  ~BlobReader();
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;
  /// The bytes of `path` (relative to the repository root) in `commit`.
  Result<std::string> read(const std::string& commit, const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The bytes of `path` (relative to the repository root) in `commit` (an id, or anything
/// `git rev-parse` accepts).
Result<std::string> read_blob_at(const RepoInfo& repo, const std::string& commit,
                                 const std::string& path);

// ---------------------------------------------------------------------------
// Word diff, for readers (no git)

/// A run of text that both versions share, or that one of them alone has.
struct DiffPiece {
  /// Whether the text is in both versions, only the new one, or only the old one.
  enum class Op { same, added, removed };
  Op op = Op::same;  ///< which version has the text
  std::string text;  ///< never empty
};

/// The differences between two texts, word by word. Words are runs of ASCII letters and
/// digits and of any non-ASCII bytes (so Vietnamese letters), joined across single inner
/// punctuation ("25/4/2023", "1255/UBND-KGVX" are one word); spaces and other punctuation are
/// pieces of their own. Within a changed stretch the removed text comes before the added text.
/// Concatenating the same+removed pieces gives `before`, same+added gives `after`.
std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after);

// ---------------------------------------------------------------------------
// Publishing the built site, append-only

/// The name of the manifest publish_tree adds at the root of the published tree: one line
/// "<sha256 hex>  <path>\n" per other file, sorted by path.
inline constexpr std::string_view kManifestName = "MANIFEST.sha256";

/// What publish_tree did.
struct PublishResult {
  std::string commit;      ///< the new tip of the branch (or the old one when unchanged)
  std::size_t files = 0;   ///< files published, not counting the manifest
  bool unchanged = false;  ///< the tip already had exactly this tree: nothing was committed
};

/// Commits every file under `site_dir` plus kManifestName to `refs/heads/<branch>`, on top of
/// its current tip (never rewriting it). The message gets a `Source-Commit: <source_commit>`
/// trailer. Touches neither the work tree, the index nor HEAD. Refused in a shallow clone;
/// fails, moving nothing, if the branch moved while publishing.
Result<PublishResult> publish_tree(const RepoInfo& repo, const std::filesystem::path& site_dir,
                                   const std::string& branch, const std::string& source_commit,
                                   const std::string& message);

/// How a copy of a published site differs from what was published.
struct VerifyReport {
  std::string commit;  ///< the published commit checked against (full hex id)
  /// Files whose bytes differ from the manifest: in the copy, or in the commit itself
  /// (a tampered publish). Sorted.
  std::vector<std::string> differ;
  std::vector<std::string> missing;  ///< in the manifest, not in the copy; sorted
  std::vector<std::string> extra;    ///< in the copy, not in the manifest; sorted
  /// Whether the copy is exactly what was published.
  bool ok() const { return differ.empty() && missing.empty() && extra.empty(); }
};

/// Checks the files under `dir` against kManifestName in the commit `rev` names (an id or a
/// branch name such as "site").
Result<VerifyReport> verify_tree(const RepoInfo& repo, const std::string& rev,
                                 const std::filesystem::path& dir);

}  // namespace gazette::history
