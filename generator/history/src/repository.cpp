// The repository a site lives in: where it is, its HEAD, what is not committed; file bytes at
// a commit. Also the libgit2 helpers the other files share.
#include <system_error>

#include "git.hpp"

namespace gazette::history {

namespace fs = std::filesystem;

namespace detail {

Diagnostic failure(const std::string& file, const std::string& message, const std::string& hint) {
  return Diagnostic{Severity::error, file, {}, message, hint, {}};
}

Diagnostic git_failure(const std::string& file, const std::string& what, const std::string& hint) {
  const git_error* e = git_error_last();
  std::string message = what;
  if (e != nullptr && e->message != nullptr && *e->message != '\0') {
    message += ": ";
    message += e->message;
  }
  return failure(file, message, hint);
}

std::string repo_name(const RepoInfo& repo) {
  return repo.root.empty() ? repo.git_dir.generic_string() : repo.root.generic_string();
}

std::string to_hex(const git_oid& id) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &id);
  return hex;
}

Result<RepoPtr> open_repository(const RepoInfo& repo) {
  if (!repo.in_git) {
    return failure(repo_name(repo), "the site is not in a git repository",
                   "run `git init` and commit the site, or turn history off in site.toml "
                   "([history] enabled = false)");
  }
  const fs::path& where = repo.git_dir.empty() ? repo.root : repo.git_dir;
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, where.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
    return git_failure(repo_name(repo), "cannot open the git repository",
                       "check that it still exists and is readable");
  }
  return RepoPtr(raw);
}

Result<CommitPtr> resolve_commit(git_repository* repo, const RepoInfo& info,
                                 const std::string& rev) {
  git_object* raw = nullptr;
  if (rev.empty() || git_revparse_single(&raw, repo, rev.c_str()) < 0) {
    return failure(repo_name(info), "no commit `" + rev + "` in the repository",
                   "give a commit id or a branch name (git log --oneline lists them)");
  }
  ObjectPtr object(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) {
    return git_failure(repo_name(info), "`" + rev + "` does not name a commit");
  }
  return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

}  // namespace detail

using namespace detail;

namespace {

// The branch HEAD points at ("main"), also when it is unborn; "" when detached.
std::string head_branch(git_repository* repo) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo, "HEAD") < 0) return {};
  RefPtr head(raw);
  if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC) return {};
  std::string target = git_reference_symbolic_target(head.get());
  constexpr std::string_view kHeads = "refs/heads/";
  if (target.starts_with(kHeads)) return target.substr(kHeads.size());
  return {};
}

Status collect_uncommitted(git_repository* repo, const RepoInfo& info,
                           const std::vector<fs::path>& watch, std::set<std::string>& out) {
  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  // Only the paths asked about: a site directory also holds its build output (thousands of
  // untracked files) that git need not walk.
  std::vector<std::string> specs;
  std::error_code ec;
  for (const auto& w : watch) {
    std::string rel = fs::weakly_canonical(w, ec).lexically_relative(info.root).generic_string();
    if (rel.empty() || rel == ".") {
      specs.clear();
      break;
    }
    if (rel.rfind("..", 0) == 0) continue;
    specs.push_back(rel);
  }
  std::vector<char*> spec_ptrs;
  for (auto& sp : specs) spec_ptrs.push_back(sp.data());
  if (!spec_ptrs.empty()) {
    options.pathspec.strings = spec_ptrs.data();
    options.pathspec.count = spec_ptrs.size();
  }
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                  GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, repo, &options) < 0) {
    return git_failure(repo_name(info), "cannot read the status of the work tree");
  }
  StatusListPtr list(raw);
  auto add = [&out](const git_diff_delta* delta) {
    if (delta == nullptr) return;
    for (const char* path : {delta->old_file.path, delta->new_file.path}) {
      // A nested repository shows as an untracked directory "dir/": not a file of this one.
      if (path != nullptr && *path != '\0' && std::string_view(path).back() != '/') {
        out.insert(path);
      }
    }
  };
  std::size_t count = git_status_list_entrycount(list.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_status_entry* entry = git_status_byindex(list.get(), i);
    if (entry->status == GIT_STATUS_CURRENT || (entry->status & GIT_STATUS_IGNORED) != 0) continue;
    add(entry->head_to_index);
    add(entry->index_to_workdir);
  }
  return Ok{};
}

}  // namespace

Result<RepoInfo> inspect_repository(const fs::path& dir, const std::vector<fs::path>& watch) {
  LibGit2 session;
  RepoInfo info;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return failure(dir.generic_string(), "the directory does not exist",
                   "pass the site directory (the one with site.toml)");
  }
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, fs::absolute(dir, ec).c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return info;
  if (rc < 0) {
    return git_failure(dir.generic_string(), "cannot open the git repository around it",
                       "check the .git directory: `git status` there should work");
  }
  RepoPtr repo(raw);
  info.in_git = true;
  info.shallow = git_repository_is_shallow(repo.get()) == 1;
  info.git_dir = fs::weakly_canonical(git_repository_path(repo.get()), ec);
  if (const char* workdir = git_repository_workdir(repo.get()); workdir != nullptr) {
    info.root = fs::weakly_canonical(workdir, ec);
    if (!info.root.has_filename()) info.root = info.root.parent_path();  // drop a trailing '/'
  }
  if (!info.git_dir.has_filename()) info.git_dir = info.git_dir.parent_path();
  info.branch = head_branch(repo.get());
  if (git_repository_head_unborn(repo.get()) != 1) {
    git_oid head;
    if (git_reference_name_to_id(&head, repo.get(), "HEAD") < 0) {
      return git_failure(repo_name(info), "cannot resolve HEAD");
    }
    info.head = to_hex(head);
  }
  if (!info.root.empty()) {
    if (Status s = collect_uncommitted(repo.get(), info, watch, info.uncommitted); !s) {
      return s.error();
    }
  }
  return info;
}

struct BlobReader::Impl {
  LibGit2 session;
  RepoInfo repo;
  RepoPtr handle;
  Status opened = Ok{};
};

BlobReader::BlobReader(const RepoInfo& repo) : impl_(std::make_unique<Impl>()) {
  impl_->repo = repo;
  auto opened = open_repository(repo);
  if (opened) {
    impl_->handle = std::move(*opened);
  } else {
    impl_->opened = opened.error();
  }
}

BlobReader::~BlobReader() = default;

Result<std::string> BlobReader::read(const std::string& commit, const std::string& path) {
  if (!impl_->opened) return impl_->opened.error();
  const RepoInfo& repo = impl_->repo;
  git_repository* r = impl_->handle.get();
  auto resolved = resolve_commit(r, repo, commit);
  if (!resolved) return resolved.error();
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, resolved->get()) < 0) {
    return git_failure(repo_name(repo), "cannot read the tree of commit " + commit);
  }
  TreePtr tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  if (path.empty() || git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str()) < 0) {
    return failure(path, "not in commit " + commit.substr(0, 7),
                   "check the path: it is relative to the repository root");
  }
  TreeEntryPtr entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
    return failure(path, "is a directory in commit " + commit.substr(0, 7), "name a file");
  }
  git_blob* raw_blob = nullptr;
  if (git_blob_lookup(&raw_blob, r, git_tree_entry_id(entry.get())) < 0) {
    return git_failure(path, "cannot read the file's bytes in commit " + commit.substr(0, 7));
  }
  BlobPtr blob(raw_blob);
  const char* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(bytes, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

Result<std::string> read_blob_at(const RepoInfo& repo, const std::string& commit,
                                 const std::string& path) {
  return BlobReader(repo).read(commit, path);
}

}  // namespace gazette::history
