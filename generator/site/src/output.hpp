// The only part of the build that writes to disk: a staging tree beside the output
// directory, swapped in whole when the build succeeds. A file that would be what the previous
// build wrote is not written again: the previous file is linked into the new tree, so it keeps
// its date and nothing is copied, and the old tree still changes only by the swap.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gazette/core.hpp"

namespace gazette::site {

/// What made a file, so that a later build can tell whether it would make the same bytes.
struct Origin {
  std::string key;     ///< a page's view fingerprint, or a copied file's identity; "" if none
  std::string digest;  ///< SHA-256 of the bytes, when they were made in memory; "" if not
};

/// A file as a build left it: what made it and which file on disk it is.
struct MadeFile {
  Origin origin;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
};

/// The files a build left in its output (output-relative path → file), saved beside the site
/// for the next build.
class Manifest {
 public:
  /// The manifest in `file` if it describes `output_dir`; empty when it is missing, unreadable,
  /// or of another output folder (then every file is made again).
  static Manifest read(const std::filesystem::path& file, const std::filesystem::path& output_dir);
  /// Writes it to `file` (a new file renamed over the old one).
  Status write(const std::filesystem::path& file, const std::filesystem::path& output_dir) const;
  const MadeFile* find(const std::string& relative) const;
  void add(const std::string& relative, MadeFile made);

 private:
  std::unordered_map<std::string, MadeFile> files_;
};

/// "size:mtime:inode" of a file (not following a symlink), or "" when it cannot be read: what
/// says a copied file did not change.
std::string file_identity(const std::filesystem::path& file);

/// Where a build's files go: the output tree on disk, or memory in tests.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Writes `bytes` at `relative` (e.g. "notice/2023/a/index.html"); safe from any thread.
  virtual void write(const std::string& relative, std::string_view bytes, const Origin& origin) = 0;
  /// Copies a file into the tree (attachments); safe from any thread.
  virtual void copy(const std::filesystem::path& source, const std::string& relative,
                    const Origin& origin) = 0;
  /// Keeps the previous build's file at `relative` when it was made from origin.key or has
  /// origin.digest (whichever is not empty): true when kept, false when the caller must make
  /// the file. Safe from any thread.
  virtual bool keep(const std::string& relative, const Origin& origin) = 0;
};

/// The output directory, written through a staging tree swapped in whole by commit().
/// Moves `old`, a site a build replaced, into `dir` (made if missing); false if it could not.
bool move_old_site(const std::filesystem::path& old, const std::filesystem::path& dir);
/// Removes `old`, a site a build replaced, now.
void remove_replaced_site(const std::filesystem::path& old);

class OutputTree final : public OutputSink {
 public:
  /// Prepares a staging directory for `output_dir` (removing stale ones of dead builds).
  /// `manifest`: where the previous build's manifest is and this one's goes ("": none, every
  /// file is made); `previous`: that manifest, read, or nullptr (every file is made).
  static Result<std::unique_ptr<OutputTree>> create(const std::filesystem::path& output_dir,
                                                    std::filesystem::path manifest = {},
                                                    const Manifest* previous = nullptr);
  /// What commit() does with the old tree once swapped out (BuildOptions::remove_old_sites).
  void remove_old_tree_with(std::function<void(const std::filesystem::path&)> remover) {
    remover_ = std::move(remover);
  }
  ~OutputTree() override;

  void write(const std::string& relative, std::string_view bytes, const Origin& origin) override;
  void copy(const std::filesystem::path& source, const std::string& relative,
            const Origin& origin) override;
  bool keep(const std::string& relative, const Origin& origin) override;
  std::size_t files() const { return files_; }
  /// Of files(), those kept from the previous build.
  std::size_t kept() const { return kept_; }
  /// The first write error, if any.
  std::optional<Diagnostic> failure() const;
  /// Swaps the staging tree in place of the output directory in one step, saves the manifest,
  /// then removes the old tree (or hands it to the remover).
  Status commit();
  const std::filesystem::path& staging() const { return staging_; }

 private:
  OutputTree(std::filesystem::path output, std::filesystem::path staging)
      : output_(std::move(output)), staging_(std::move(staging)) {}
  void ensure_parent(const std::filesystem::path& file);
  void fail(const std::string& relative, const std::string& why);
  void record(const std::string& relative, MadeFile made);
  void save_manifest();

  std::filesystem::path output_;
  std::filesystem::path staging_;
  std::filesystem::path manifest_file_;
  const Manifest* previous_ = nullptr;
  std::function<void(const std::filesystem::path&)> remover_;
  Manifest made_;  ///< guarded by mutex_
  bool committed_ = false;
  std::atomic<std::size_t> files_{0};
  std::atomic<std::size_t> kept_{0};
  mutable std::mutex mutex_;
  std::set<std::string> made_dirs_;
  std::optional<Diagnostic> failure_;
};

}  // namespace gazette::site
