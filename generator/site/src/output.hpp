// The only part of the build that writes to disk: a staging tree beside the output
// directory, swapped in whole when the build succeeds.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "gazette/core.hpp"

namespace gazette::site {

/// Where a build's files go: the output tree on disk, or memory in tests.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Writes `bytes` at `relative` (e.g. "notice/2023/a/index.html"); safe from any thread.
  virtual void write(const std::string& relative, std::string_view bytes) = 0;
  /// Copies a file into the tree (attachments); safe from any thread.
  virtual void copy(const std::filesystem::path& source, const std::string& relative) = 0;
};

/// The output directory, written through a staging tree swapped in whole by commit().
class OutputTree final : public OutputSink {
 public:
  /// Prepares a staging directory for `output_dir` (removing stale ones of dead builds).
  static Result<std::unique_ptr<OutputTree>> create(const std::filesystem::path& output_dir);
  ~OutputTree() override;

  void write(const std::string& relative, std::string_view bytes) override;
  void copy(const std::filesystem::path& source, const std::string& relative) override;
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
