// The only part of the build that writes to disk: a staging tree beside the output
// directory, swapped in whole when the build succeeds.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "gazette/core.hpp"

namespace gazette::site {

class OutputTree {
 public:
  /// Prepares a staging directory for `output_dir` (removing stale ones of dead builds).
  static Result<std::unique_ptr<OutputTree>> create(const std::filesystem::path& output_dir);
  ~OutputTree();

  /// Writes `bytes` at `relative` (e.g. "notice/2023/a/index.html"); safe from any thread.
  void write(const std::string& relative, std::string_view bytes);
  /// Copies a file into the tree (attachments).
  void copy(const std::filesystem::path& source, const std::string& relative);
  std::size_t files() const { return files_; }
  /// The first write error, if any.
  std::optional<Diagnostic> failure() const;
  /// Swaps the staging tree in place of the output directory in one step, then removes the
  /// old tree.
  Status commit();
  const std::filesystem::path& staging() const { return staging_; }

 private:
  OutputTree(std::filesystem::path output, std::filesystem::path staging)
      : output_(std::move(output)), staging_(std::move(staging)) {}
  void ensure_parent(const std::filesystem::path& file);
  void fail(const std::string& relative, const std::string& why);

  std::filesystem::path output_;
  std::filesystem::path staging_;
  bool committed_ = false;
  std::atomic<std::size_t> files_{0};
  mutable std::mutex mutex_;
  std::set<std::string> made_dirs_;
  std::optional<Diagnostic> failure_;
};

}  // namespace gazette::site
