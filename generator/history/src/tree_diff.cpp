// File-level tree diff that skips identical subtrees; renames paired by libgit2.
#include "tree_diff.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

namespace gazette::history::detail {

namespace {

bool is_tree(const git_tree_entry* e) { return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE; }

bool is_file(const git_tree_entry* e) {
  git_filemode_t mode = git_tree_entry_filemode(e);
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE ||
         mode == GIT_FILEMODE_LINK;
}

// Git's order of the entries of a tree: by name, a directory's name as if it ended in '/'.
int compare_entries(const git_tree_entry* a, const git_tree_entry* b) {
  const char* name_a = git_tree_entry_name(a);
  const char* name_b = git_tree_entry_name(b);
  std::size_t len_a = std::strlen(name_a);
  std::size_t len_b = std::strlen(name_b);
  std::size_t common = std::min(len_a, len_b);
  if (int c = std::memcmp(name_a, name_b, common); c != 0) return c;
  auto next = [common](const char* name, std::size_t len, bool tree) -> unsigned char {
    if (len > common) return static_cast<unsigned char>(name[common]);
    return tree ? '/' : '\0';
  };
  unsigned char ca = next(name_a, len_a, is_tree(a));
  unsigned char cb = next(name_b, len_b, is_tree(b));
  return ca < cb ? -1 : (ca > cb ? 1 : 0);
}

// Walks two trees side by side, appending one TreeDelta per changed file.
class Walker {
 public:
  Walker(git_repository* repo, std::vector<TreeDelta>& out) : repo_(repo), out_(out) {}

  // Compares two entries (either may be null) at path_.
  int entries(const git_tree_entry* a, const git_tree_entry* b) {
    if (a != nullptr && b != nullptr) {
      bool same_id = git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) != 0;
      if (is_tree(a) && is_tree(b)) {
        if (same_id) return 0;
        return both_trees(a, b);
      }
      if (is_file(a) && is_file(b)) {
        if (!same_id) push(Change::Kind::modified, b);
        return 0;
      }
    }
    if (a != nullptr) {
      if (int rc = all(a, Change::Kind::deleted); rc < 0) return rc;
    }
    if (b != nullptr) return all(b, Change::Kind::added);
    return 0;
  }

  // Compares two trees (either may be null) whose entries are at path_ + name.
  int trees(const git_tree* a, const git_tree* b) {
    std::size_t count_a = a != nullptr ? git_tree_entrycount(a) : 0;
    std::size_t count_b = b != nullptr ? git_tree_entrycount(b) : 0;
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t prefix = path_.size();
    while (i < count_a || j < count_b) {
      const git_tree_entry* ea = i < count_a ? git_tree_entry_byindex(a, i) : nullptr;
      const git_tree_entry* eb = j < count_b ? git_tree_entry_byindex(b, j) : nullptr;
      int c = ea == nullptr ? 1 : (eb == nullptr ? -1 : compare_entries(ea, eb));
      if (c <= 0) ++i;
      if (c >= 0) ++j;
      if (c > 0) ea = nullptr;
      if (c < 0) eb = nullptr;
      path_ += git_tree_entry_name(ea != nullptr ? ea : eb);
      int rc = entries(ea, eb);
      path_.resize(prefix);
      if (rc < 0) return rc;
    }
    return 0;
  }

  std::string& path() { return path_; }

 private:
  void push(Change::Kind kind, const git_tree_entry* e) {
    TreeDelta d;
    d.kind = kind;
    d.path = path_;
    git_oid_cpy(&d.id, git_tree_entry_id(e));
    out_.push_back(std::move(d));
  }

  int lookup(git_tree** out, const git_tree_entry* e) {
    return git_tree_lookup(out, repo_, git_tree_entry_id(e));
  }

  int both_trees(const git_tree_entry* a, const git_tree_entry* b) {
    git_tree* raw_a = nullptr;
    git_tree* raw_b = nullptr;
    if (int rc = lookup(&raw_a, a); rc < 0) return rc;
    TreePtr tree_a(raw_a);
    if (int rc = lookup(&raw_b, b); rc < 0) return rc;
    TreePtr tree_b(raw_b);
    path_ += '/';
    int rc = trees(tree_a.get(), tree_b.get());
    path_.pop_back();
    return rc;
  }

  // Every file of entry `e` (a file, or a whole directory) as added or deleted.
  int all(const git_tree_entry* e, Change::Kind kind) {
    if (is_file(e)) {
      push(kind, e);
      return 0;
    }
    if (!is_tree(e)) return 0;  // a submodule: not a file of this repository
    git_tree* raw = nullptr;
    if (int rc = lookup(&raw, e); rc < 0) return rc;
    TreePtr tree(raw);
    path_ += '/';
    std::size_t prefix = path_.size();
    int rc = 0;
    for (std::size_t i = 0, n = git_tree_entrycount(tree.get()); i < n && rc >= 0; ++i) {
      const git_tree_entry* child = git_tree_entry_byindex(tree.get(), i);
      path_ += git_tree_entry_name(child);
      rc = all(child, kind);
      path_.resize(prefix);
    }
    path_.pop_back();
    return rc;
  }

  git_repository* repo_;
  std::vector<TreeDelta>& out_;
  std::string path_;
};

// The entry at `path` in `tree`, or null.
TreeEntryPtr entry_at(git_tree* tree, const std::string& path) {
  git_tree_entry* raw = nullptr;
  if (tree == nullptr || git_tree_entry_bypath(&raw, tree, path.c_str()) < 0) {
    git_error_clear();
    return nullptr;
  }
  return TreeEntryPtr(raw);
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Renames: an added path takes a deleted path's lineage. Identical bytes pair by blob id
// (the same file name first), then libgit2 pairs what is similar enough.
class RenamePairer {
 public:
  explicit RenamePairer(std::vector<TreeDelta>& deltas) : deltas_(deltas) {}

  void pair_exact() {
    std::map<std::string, std::vector<std::size_t>> deleted;  // raw blob id -> deltas
    for (std::size_t i = 0; i < deltas_.size(); ++i) {
      if (deltas_[i].kind == Change::Kind::deleted) deleted[raw(deltas_[i].id)].push_back(i);
    }
    for (TreeDelta& d : deltas_) {
      if (d.kind != Change::Kind::added) continue;
      auto it = deleted.find(raw(d.id));
      if (it == deleted.end() || it->second.empty()) continue;
      std::vector<std::size_t>& sources = it->second;
      auto pick = std::find_if(sources.begin(), sources.end(), [&](std::size_t s) {
        return base_name(deltas_[s].path) == base_name(d.path);
      });
      if (pick == sources.end()) pick = sources.begin();
      rename(d, *pick, true);
      sources.erase(pick);
    }
  }

  int pair_similar(git_repository* repo, git_tree* old_tree, git_tree* new_tree) {
    std::vector<char*> paths;
    std::map<std::string, std::size_t> deleted;  // path -> delta
    bool added = false;
    for (std::size_t i = 0; i < deltas_.size(); ++i) {
      TreeDelta& d = deltas_[i];
      if (d.kind == Change::Kind::deleted && !consumed(i)) {
        deleted[d.path] = i;
        paths.push_back(d.path.data());
      } else if (d.kind == Change::Kind::added) {
        added = true;
        paths.push_back(d.path.data());
      }
    }
    if (!added || deleted.empty()) return 0;
    git_diff_options options;
    git_diff_options_init(&options, GIT_DIFF_OPTIONS_VERSION);
    options.flags =
        GIT_DIFF_DISABLE_PATHSPEC_MATCH | GIT_DIFF_SKIP_BINARY_CHECK | GIT_DIFF_IGNORE_SUBMODULES;
    options.pathspec.strings = paths.data();
    options.pathspec.count = paths.size();
    git_diff* raw_diff = nullptr;
    if (int rc = git_diff_tree_to_tree(&raw_diff, repo, old_tree, new_tree, &options); rc < 0) {
      return rc;
    }
    DiffPtr diff(raw_diff);
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (int rc = git_diff_find_similar(diff.get(), &find); rc < 0) return rc;
    std::map<std::string, std::size_t> renamed;  // new path -> deleted delta
    for (std::size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
      if (d->status != GIT_DELTA_RENAMED) continue;
      if (auto it = deleted.find(d->old_file.path); it != deleted.end()) {
        renamed[d->new_file.path] = it->second;
      }
    }
    for (TreeDelta& d : deltas_) {
      if (d.kind != Change::Kind::added) continue;
      if (auto it = renamed.find(d.path); it != renamed.end()) rename(d, it->second, false);
    }
    return 0;
  }

  // The deltas with every deleted path that became a rename source dropped.
  std::vector<TreeDelta> result() {
    std::vector<TreeDelta> out;
    out.reserve(deltas_.size());
    for (std::size_t i = 0; i < deltas_.size(); ++i) {
      if (!consumed(i)) out.push_back(std::move(deltas_[i]));
    }
    return out;
  }

 private:
  static std::string raw(const git_oid& id) {
    return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
  }

  bool consumed(std::size_t i) const { return consumed_.count(i) != 0; }

  void rename(TreeDelta& added, std::size_t source, bool moved_only) {
    added.kind = Change::Kind::renamed;
    added.old_path = deltas_[source].path;
    added.moved_only = moved_only;
    consumed_.insert(source);
  }

  std::vector<TreeDelta>& deltas_;
  std::set<std::size_t> consumed_;
};

std::string normalize_under(std::string under) {
  while (under.starts_with("./")) under.erase(0, 2);
  while (!under.empty() && under.front() == '/') under.erase(0, 1);
  while (!under.empty() && under.back() == '/') under.pop_back();
  return under;
}

}  // namespace

int diff_trees(git_repository* repo, git_tree* old_tree, git_tree* new_tree,
               const std::string& under, std::vector<TreeDelta>& out) {
  std::vector<TreeDelta> deltas;
  Walker walker(repo, deltas);
  std::string prefix = normalize_under(under);
  int rc = 0;
  if (prefix.empty()) {
    rc = walker.trees(old_tree, new_tree);
  } else {
    TreeEntryPtr a = entry_at(old_tree, prefix);
    TreeEntryPtr b = entry_at(new_tree, prefix);
    walker.path() = prefix;
    rc = walker.entries(a.get(), b.get());
  }
  if (rc < 0) return rc;
  bool added = false;
  bool deleted = false;
  for (const TreeDelta& d : deltas) {
    added = added || d.kind == Change::Kind::added;
    deleted = deleted || d.kind == Change::Kind::deleted;
  }
  if (added && deleted) {
    RenamePairer pairer(deltas);
    pairer.pair_exact();
    if (rc = pairer.pair_similar(repo, old_tree, new_tree); rc < 0) return rc;
    deltas = pairer.result();
  }
  std::sort(deltas.begin(), deltas.end(),
            [](const TreeDelta& x, const TreeDelta& y) { return x.path < y.path; });
  out.insert(out.end(), std::make_move_iterator(deltas.begin()),
             std::make_move_iterator(deltas.end()));
  return 0;
}

}  // namespace gazette::history::detail
