// Tests only: a real git repository in a temporary directory, driven through libgit2.
//
//   TestRepo repo;
//   repo.write("content/a.md", "một");
//   std::string c1 = repo.commit("Thêm a");               // stages every change, commits
//   repo.rename("content/a.md", "content/b.md");
//   std::string c2 = repo.commit("Đổi tên", {"Lan", "lan@example.vn"}, 1'700'000'000, 420);
//
// libgit2 1.5 cannot make shallow clones: make_shallow() writes .git/shallow, which is all
// git_repository_is_shallow() looks at (and what a shallow clone has).
#pragma once

#include <git2.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "temp_dir.hpp"

namespace gazette::history::test {

/// Throws (failing the test with libgit2's message) when a libgit2 call fails.
inline void check_git(int rc, const char* what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  throw std::runtime_error(std::string(what) + ": " + (e != nullptr ? e->message : "?"));
}

/// Who makes a commit.
struct Who {
  std::string name = "Vũ Xuân Linh";
  std::string email = "linh@skhcn.example";
};

class TestRepo {
 public:
  /// A new repository (branch "main", nothing committed) at `root` (created if missing, e.g.
  /// inside another repository), or by default in its own temporary directory.
  explicit TestRepo(const std::filesystem::path& root = {})
      : root_(root.empty() ? temp_.path() : root) {
    git_libgit2_init();
    isolate_from_user_config();
    std::filesystem::create_directories(root_);
    git_repository_init_options options;
    git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = "main";
    check_git(git_repository_init_ext(&repo_, root_.c_str(), &options), "init");
  }

  /// A new repository with its work tree at `root` and its git directory elsewhere, joined by
  /// a ".git" gitlink file: how a submodule's work tree is laid out.
  TestRepo(const std::filesystem::path& root, const std::filesystem::path& git_dir) : root_(root) {
    git_libgit2_init();
    isolate_from_user_config();
    git_repository_init_options options;
    git_repository_init_options_init(&options, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
    options.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_DOTGIT_DIR;
    options.initial_head = "main";
    options.workdir_path = root_.c_str();
    check_git(git_repository_init_ext(&repo_, git_dir.c_str(), &options), "init");
  }

  ~TestRepo() {
    git_repository_free(repo_);
    git_libgit2_shutdown();
  }
  TestRepo(const TestRepo&) = delete;
  TestRepo& operator=(const TestRepo&) = delete;

  const std::filesystem::path& root() const { return root_; }
  git_repository* get() const { return repo_; }

  /// Writes a file of the work tree, creating its directories.
  void write(const std::string& path, std::string_view text) const {
    std::filesystem::path file = root_ / path;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }

  void remove(const std::string& path) const { std::filesystem::remove(root_ / path); }

  void rename(const std::string& from, const std::string& to) const {
    std::filesystem::create_directories((root_ / to).parent_path());
    std::filesystem::rename(root_ / from, root_ / to);
  }

  /// Records `path` as a submodule at commit `id` in the index (a gitlink entry).
  void stage_gitlink(const std::string& path, const std::string& id) const {
    git_index* index = nullptr;
    check_git(git_repository_index(&index, repo_), "index");
    git_index_entry entry{};
    entry.mode = GIT_FILEMODE_COMMIT;
    entry.path = path.c_str();
    check_git(git_oid_fromstr(&entry.id, id.c_str()), "oid");
    check_git(git_index_add(index, &entry), "add gitlink");
    check_git(git_index_write(index), "write index");
    git_index_free(index);
  }

  /// Stages one path (git_index_add_bypath, or a removal if it is gone) without committing.
  void stage(const std::string& path) const {
    git_index* index = nullptr;
    check_git(git_repository_index(&index, repo_), "index");
    if (std::filesystem::exists(root_ / path)) {
      check_git(git_index_add_bypath(index, path.c_str()), "add");
    } else {
      check_git(git_index_remove_bypath(index, path.c_str()), "remove");
    }
    check_git(git_index_write(index), "write index");
    git_index_free(index);
  }

  /// Stages every change of the work tree and commits it on HEAD; returns the commit id.
  /// `when` 0: one minute after the previous commit of this helper.
  std::string commit(const std::string& message, const Who& who = {}, std::int64_t when = 0,
                     int offset_minutes = 420) {
    for (const std::string& path : changed_paths()) stage(path);
    return commit_index(message, who, when, offset_minutes, {});
  }

  /// The full id HEAD points at.
  std::string head() const {
    git_oid id;
    check_git(git_reference_name_to_id(&id, repo_, "HEAD"), "HEAD");
    return hex(id);
  }

  /// A branch at HEAD.
  void branch(const std::string& name) const {
    git_commit* head_commit = lookup(head());
    git_reference* ref = nullptr;
    check_git(git_branch_create(&ref, repo_, name.c_str(), head_commit, 0), "branch");
    git_reference_free(ref);
    git_commit_free(head_commit);
  }

  /// Switches HEAD and the work tree to a branch.
  void checkout(const std::string& name) const {
    check_git(git_repository_set_head(repo_, ("refs/heads/" + name).c_str()), "set head");
    git_checkout_options options;
    git_checkout_options_init(&options, GIT_CHECKOUT_OPTIONS_VERSION);
    options.checkout_strategy = GIT_CHECKOUT_FORCE;
    check_git(git_checkout_head(repo_, &options), "checkout");
  }

  /// Merges `branch` into HEAD with a two-parent commit (no conflicts expected).
  std::string merge(const std::string& branch, const std::string& message) {
    git_oid theirs_id;
    check_git(git_reference_name_to_id(&theirs_id, repo_, ("refs/heads/" + branch).c_str()),
              "branch");
    git_commit* ours = lookup(head());
    git_commit* theirs = lookup(hex(theirs_id));
    git_index* merged = nullptr;
    check_git(git_merge_commits(&merged, repo_, ours, theirs, nullptr), "merge");
    if (git_index_has_conflicts(merged)) throw std::runtime_error("merge conflict");
    git_oid tree_id;
    check_git(git_index_write_tree_to(&tree_id, merged, repo_), "merge tree");
    git_index_free(merged);
    std::string id = commit_tree(message, Who{}, 0, 420, tree_id, {ours, theirs});
    git_commit_free(ours);
    git_commit_free(theirs);
    git_checkout_options options;
    git_checkout_options_init(&options, GIT_CHECKOUT_OPTIONS_VERSION);
    options.checkout_strategy = GIT_CHECKOUT_FORCE;
    check_git(git_checkout_head(repo_, &options), "checkout");
    return id;
  }

  /// Marks the repository shallow at `commit`, as `git clone --depth` would.
  void make_shallow(const std::string& commit) const {
    std::ofstream(root_ / ".git" / "shallow") << commit << "\n";
  }

  /// Sets a key of the repository's own config.
  void set_config(const std::string& key, const std::string& value) const {
    git_config* config = nullptr;
    check_git(git_repository_config(&config, repo_), "config");
    check_git(git_config_set_string(config, key.c_str(), value.c_str()), "config set");
    git_config_free(config);
  }

  git_commit* lookup(const std::string& id) const {
    git_oid oid;
    check_git(git_oid_fromstr(&oid, id.c_str()), "oid");
    git_commit* commit = nullptr;
    check_git(git_commit_lookup(&commit, repo_, &oid), "lookup");
    return commit;
  }

  static std::string hex(const git_oid& id) {
    char text[GIT_OID_HEXSZ + 1];
    git_oid_tostr(text, sizeof text, &id);
    return text;
  }

 private:
  // Global, XDG and system configs point at an empty directory: a developer's ~/.gitconfig
  // (user.name, core.autocrlf...) must not change what the tests see.
  static void isolate_from_user_config() {
    static const std::filesystem::path kEmpty = [] {
      auto dir = std::filesystem::temp_directory_path() / "gazette-history-test-no-config";
      std::filesystem::create_directories(dir);
      return dir;
    }();
    for (git_config_level_t level : {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG,
                                     GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA}) {
      check_git(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, kEmpty.c_str()), "search path");
    }
  }

  std::vector<std::string> changed_paths() const {
    git_status_options options;
    git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    git_status_list* list = nullptr;
    check_git(git_status_list_new(&list, repo_, &options), "status");
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < git_status_list_entrycount(list); ++i) {
      const git_status_entry* e = git_status_byindex(list, i);
      const git_diff_delta* d =
          e->index_to_workdir != nullptr ? e->index_to_workdir : e->head_to_index;
      std::string path = d->new_file.path != nullptr ? d->new_file.path : d->old_file.path;
      if (!path.empty() && path.back() != '/') paths.push_back(path);  // not nested repos
    }
    git_status_list_free(list);
    return paths;
  }

  std::string commit_index(const std::string& message, const Who& who, std::int64_t when,
                           int offset, std::vector<const git_commit*> parents) {
    git_index* index = nullptr;
    check_git(git_repository_index(&index, repo_), "index");
    git_oid tree_id;
    check_git(git_index_write_tree(&tree_id, index), "write tree");
    git_index_free(index);
    git_commit* head_commit = nullptr;
    if (git_repository_head_unborn(repo_) != 1) {
      head_commit = lookup(head());
      parents.push_back(head_commit);
    }
    std::string id = commit_tree(message, who, when, offset, tree_id, parents);
    git_commit_free(head_commit);
    return id;
  }

  std::string commit_tree(const std::string& message, const Who& who, std::int64_t when, int offset,
                          const git_oid& tree_id, std::vector<const git_commit*> parents) {
    clock_ = when != 0 ? when : clock_ + 60;
    git_signature* sig = nullptr;
    check_git(git_signature_new(&sig, who.name.c_str(), who.email.c_str(), clock_, offset),
              "signature");
    git_tree* tree = nullptr;
    check_git(git_tree_lookup(&tree, repo_, &tree_id), "tree");
    git_oid id;
    check_git(git_commit_create(&id, repo_, "HEAD", sig, sig, nullptr, message.c_str(), tree,
                                parents.size(), parents.data()),
              "commit");
    git_tree_free(tree);
    git_signature_free(sig);
    return hex(id);
  }

  TempDir temp_;
  std::filesystem::path root_;
  git_repository* repo_ = nullptr;
  std::int64_t clock_ = 1'680'307'200;  // 2023-04-01T00:00:00Z
};

}  // namespace gazette::history::test
