// Internal: owning handles for libgit2 objects and the conversion of libgit2 errors.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

#include "gazette/history.hpp"

namespace gazette::history::detail {

/// Keeps libgit2 initialised while alive (libgit2 counts these; nothing global is left over).
class LibGit2 {
 public:
  LibGit2() { git_libgit2_init(); }
  ~LibGit2() { git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

/// A unique_ptr deleter calling a libgit2 free function.
template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

using RepoPtr = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, Deleter<git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry_free>>;
using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object_free>>;
using RefPtr = std::unique_ptr<git_reference, Deleter<git_reference_free>>;
using DiffPtr = std::unique_ptr<git_diff, Deleter<git_diff_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, Deleter<git_revwalk_free>>;
using StatusListPtr = std::unique_ptr<git_status_list, Deleter<git_status_list_free>>;
using IndexPtr = std::unique_ptr<git_index, Deleter<git_index_free>>;
using SignaturePtr = std::unique_ptr<git_signature, Deleter<git_signature_free>>;

/// An error Diagnostic about `file`: "<what>: <libgit2's last message>".
Diagnostic git_failure(const std::string& file, const std::string& what,
                       const std::string& hint = {});

/// A plain error Diagnostic about `file`.
Diagnostic failure(const std::string& file, const std::string& message,
                   const std::string& hint = {});

/// The repository a RepoInfo from inspect_repository describes; an error if not in git.
Result<RepoPtr> open_repository(const RepoInfo& repo);

/// How diagnostics name the repository: its work tree, or its git directory if bare.
std::string repo_name(const RepoInfo& repo);

/// Full hex id.
std::string to_hex(const git_oid& id);

/// The commit `rev` names (an id, branch, tag, "HEAD~2"...), peeled to a commit.
Result<CommitPtr> resolve_commit(git_repository* repo, const RepoInfo& info,
                                 const std::string& rev);

}  // namespace gazette::history::detail
