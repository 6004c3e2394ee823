// Publishing a built site to an append-only branch, with a SHA-256 manifest, and checking a
// copy of it against that manifest.
#include <algorithm>
#include <map>
#include <system_error>

#include "git.hpp"

namespace gazette::history {

namespace fs = std::filesystem;
using namespace detail;

namespace {

// Every regular file under `dir`, as sorted '/'-separated paths relative to it.
Result<std::vector<std::string>> list_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return failure(dir.generic_string(), "the directory does not exist",
                   "build the site first (gazette build)");
  }
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(dir, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string path = it->path().lexically_relative(dir).generic_string();
    if (path == kOwnedMark) continue;  // gazette's own mark, not a page of the site
    if (it->is_symlink(ec)) {
      // gazette writes no symlinks: one here would publish what it points at.
      return failure(it->path().generic_string(), "a symlink in the site",
                     "gazette writes no symlinks, and one would publish what it points at: "
                     "remove it (gazette build makes the site afresh)");
    }
    if (it->is_regular_file(ec)) files.push_back(path);
  }
  if (ec) return failure(dir.generic_string(), "cannot list the directory: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

// A tree of the site's files plus the manifest, written to the object database only.
struct BuiltTree {
  git_oid id{};
  std::size_t files = 0;
};

Result<BuiltTree> build_tree(git_repository* r, const fs::path& site_dir) {
  auto files = list_files(site_dir);
  if (!files) return files.error();
  git_index* raw = nullptr;
  if (git_index_new(&raw) < 0) {
    return git_failure(site_dir.generic_string(), "cannot make an index");
  }
  IndexPtr index(raw);
  auto add = [&](const std::string& path, std::string_view bytes) -> Status {
    git_index_entry entry{};
    entry.mode = GIT_FILEMODE_BLOB;
    entry.path = path.c_str();
    if (git_blob_create_from_buffer(&entry.id, r, bytes.data(), bytes.size()) < 0 ||
        git_index_add(index.get(), &entry) < 0) {
      return git_failure((site_dir / path).generic_string(), "cannot store the file in git");
    }
    return Ok{};
  };
  std::string manifest;
  for (const std::string& path : *files) {
    if (path == kManifestName) {
      return failure((site_dir / path).generic_string(),
                     "the site has its own " + std::string(kManifestName),
                     "publishing adds this file itself: rename yours");
    }
    auto bytes = read_file(site_dir / path);
    if (!bytes) return bytes.error();
    if (Status s = add(path, *bytes); !s) return s.error();
    manifest += sha256_hex(*bytes) + "  " + path + "\n";
  }
  if (Status s = add(std::string(kManifestName), manifest); !s) return s.error();
  BuiltTree tree;
  tree.files = files->size();
  if (git_index_write_tree_to(&tree.id, index.get(), r) < 0) {
    return git_failure(site_dir.generic_string(), "cannot write the site's tree to git");
  }
  return tree;
}

// The message, then the Source-Commit trailer (in the message's trailer block if it has one).
std::string publish_message(const std::string& message, const std::string& source_commit) {
  std::string text(trim(message));
  if (text.empty()) text = "Publish the site";
  git_message_trailer_array trailers{};
  bool has_trailers =
      git_message_trailers(&trailers, (text + "\n").c_str()) == 0 && trailers.count > 0;
  git_message_trailer_array_free(&trailers);
  git_error_clear();
  return text + (has_trailers ? "\n" : "\n\n") + "Source-Commit: " + source_commit + "\n";
}

SignaturePtr signature(git_repository* r) {
  git_signature* raw = nullptr;
  if (git_signature_default(&raw, r) < 0) {
    git_error_clear();
    if (git_signature_now(&raw, "gazette", "gazette@localhost") < 0) return nullptr;
  }
  return SignaturePtr(raw);
}

Status check_can_publish(const RepoInfo& repo, git_repository* r, const std::string& branch,
                         const std::string& source_commit) {
  if (repo.shallow || git_repository_is_shallow(r) == 1) {
    return failure(repo_name(repo), "cannot publish from a shallow clone",
                   "the published branch only grows, on top of its full history: fetch it all "
                   "first (git fetch --unshallow)");
  }
  int valid = 0;
  if (git_branch_name_is_valid(&valid, branch.c_str()) < 0 || valid == 0) {
    return failure(repo_name(repo), "`" + branch + "` is not a valid branch name",
                   "use a plain name such as \"site\" ([history] publish_branch in site.toml)");
  }
  if (source_commit.empty()) {
    return failure(
        repo_name(repo), "no source commit to publish from",
        "commit the site first: the published commit names the commit it was built from");
  }
  return Ok{};
}

// Commits `tree` on top of `tip` (null: a first commit) without moving any reference.
Result<git_oid> make_commit(const RepoInfo& repo, git_repository* r, const git_oid& tree_id,
                            const git_commit* tip, const std::string& message) {
  git_tree* raw_tree = nullptr;
  if (git_tree_lookup(&raw_tree, r, &tree_id) < 0) {
    return git_failure(repo_name(repo), "cannot read back the site's tree");
  }
  TreePtr tree(raw_tree);
  SignaturePtr who = signature(r);
  if (!who) return git_failure(repo_name(repo), "cannot make a commit signature");
  const git_commit* parents[] = {tip};
  git_oid id{};
  if (git_commit_create(&id, r, nullptr, who.get(), who.get(), nullptr, message.c_str(), tree.get(),
                        tip != nullptr ? 1 : 0, parents) < 0) {
    return git_failure(repo_name(repo), "cannot create the publish commit");
  }
  return id;
}

// Points the branch at `id`, only if it still is where we built from (`tip`, or absent).
Status move_branch(const RepoInfo& repo, git_repository* r, const std::string& branch,
                   const git_oid& id, const git_oid* tip, const std::string& log) {
  const std::string ref_name = "refs/heads/" + branch;
  git_reference* raw = nullptr;
  int rc = tip != nullptr
               ? git_reference_create_matching(&raw, r, ref_name.c_str(), &id, 1, tip, log.c_str())
               : git_reference_create(&raw, r, ref_name.c_str(), &id, 0, log.c_str());
  RefPtr ref(raw);
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
    return git_failure(repo_name(repo), "the branch `" + branch + "` moved while publishing",
                       "another publish ran at the same time; publish again");
  }
  if (rc < 0) return git_failure(repo_name(repo), "cannot move the branch `" + branch + "`");
  return Ok{};
}

}  // namespace

Result<PublishResult> publish_tree(const RepoInfo& repo, const fs::path& site_dir,
                                   const std::string& branch, const std::string& source_commit,
                                   const std::string& message) {
  LibGit2 session;
  auto opened = open_repository(repo);
  if (!opened) return opened.error();
  git_repository* r = opened->get();
  if (Status s = check_can_publish(repo, r, branch, source_commit); !s) return s.error();
  auto tree = build_tree(r, site_dir);
  if (!tree) return tree.error();
  PublishResult result;
  result.files = tree->files;

  git_oid tip{};
  bool has_tip = git_reference_name_to_id(&tip, r, ("refs/heads/" + branch).c_str()) == 0;
  git_error_clear();
  CommitPtr tip_commit;
  if (has_tip) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, r, &tip) < 0) {
      return git_failure(repo_name(repo), "the branch `" + branch + "` does not point at a commit");
    }
    tip_commit.reset(raw);
    if (git_oid_equal(git_commit_tree_id(tip_commit.get()), &tree->id) != 0) {
      result.commit = to_hex(tip);
      result.unchanged = true;
      return result;
    }
  }
  auto id =
      make_commit(repo, r, tree->id, tip_commit.get(), publish_message(message, source_commit));
  if (!id) return id.error();
  Status moved = move_branch(repo, r, branch, *id, has_tip ? &tip : nullptr,
                             "gazette publish: " + source_commit);
  if (!moved) return moved.error();
  result.commit = to_hex(*id);
  return result;
}

namespace {

// The manifest's lines: path → hash. Errors name the line.
Result<std::map<std::string, std::string>> parse_manifest(std::string_view text,
                                                          const std::string& name) {
  std::map<std::string, std::string> entries;
  int line_number = 0;
  for (std::string_view line : split(text, '\n')) {
    ++line_number;
    if (line.empty()) continue;
    bool hex = line.size() > 66 && std::all_of(line.begin(), line.begin() + 64, [](char c) {
                 return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
               });
    std::string path(hex ? line.substr(66) : std::string_view{});
    if (!hex || line.substr(64, 2) != "  " || !is_safe_relative_path(path)) {
      return Diagnostic{Severity::error,
                        name,
                        {line_number, 1},
                        "not a manifest line (\"<sha256 hex>  <path>\" with a relative path)",
                        "the published commit was altered; publish the site again",
                        std::string(line)};
    }
    entries[path] = std::string(line.substr(0, 64));
  }
  return entries;
}

// The SHA-256 of the blob at `path` in `tree`, or nullopt if there is no such file.
std::optional<std::string> blob_hash(git_repository* r, git_tree* tree, const std::string& path) {
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree, path.c_str()) < 0) {
    git_error_clear();
    return std::nullopt;
  }
  TreeEntryPtr entry(raw_entry);
  git_blob* raw_blob = nullptr;
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB ||
      git_blob_lookup(&raw_blob, r, git_tree_entry_id(entry.get())) < 0) {
    git_error_clear();
    return std::nullopt;
  }
  BlobPtr blob(raw_blob);
  return sha256_hex(std::string_view(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                     static_cast<std::size_t>(git_blob_rawsize(blob.get()))));
}

std::optional<std::string> blob_text(git_repository* r, git_tree* tree, const std::string& path) {
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree, path.c_str()) < 0) return std::nullopt;
  TreeEntryPtr entry(raw_entry);
  git_blob* raw_blob = nullptr;
  if (git_blob_lookup(&raw_blob, r, git_tree_entry_id(entry.get())) < 0) return std::nullopt;
  BlobPtr blob(raw_blob);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace

Result<VerifyReport> verify_tree(const RepoInfo& repo, const std::string& rev,
                                 const fs::path& dir) {
  LibGit2 session;
  auto opened = open_repository(repo);
  if (!opened) return opened.error();
  git_repository* r = opened->get();
  auto commit = resolve_commit(r, repo, rev);
  if (!commit) return commit.error();
  VerifyReport report;
  report.commit = to_hex(*git_commit_id(commit->get()));
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit->get()) < 0) {
    return git_failure(repo_name(repo), "cannot read the tree of " + rev);
  }
  TreePtr tree(raw_tree);
  const std::string manifest_name = std::string(kManifestName);
  auto text = blob_text(r, tree.get(), manifest_name);
  git_error_clear();
  if (!text) {
    return failure(repo_name(repo), "`" + rev + "` has no " + manifest_name,
                   "name a commit made by publishing (the publish branch, e.g. \"site\")");
  }
  auto manifest = parse_manifest(*text, manifest_name + " in " + report.commit.substr(0, 7));
  if (!manifest) return manifest.error();
  auto present = list_files(dir);
  if (!present) return present.error();

  std::set<std::string> differ;
  for (const auto& [path, hash] : *manifest) {
    if (blob_hash(r, tree.get(), path) != hash) differ.insert(path);  // a tampered publish
    std::error_code ec;
    fs::path file = dir / path;
    if (!fs::is_regular_file(file, ec)) {
      report.missing.push_back(path);
    } else if (sha256_file(file) != hash) {
      differ.insert(path);
    }
  }
  for (const std::string& path : *present) {
    if (path != kManifestName && manifest->count(path) == 0) report.extra.push_back(path);
  }
  report.differ.assign(differ.begin(), differ.end());
  return report;
}

}  // namespace gazette::history
