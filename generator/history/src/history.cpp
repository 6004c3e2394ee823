// The history of every file: one walk over the first-parent line from HEAD, one small tree
// diff per commit, renames followed.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "git.hpp"
#include "tree_diff.hpp"

namespace gazette::history {

using namespace detail;

std::string_view kind_name(Change::Kind kind) {
  switch (kind) {
    case Change::Kind::added:
      return "added";
    case Change::Kind::modified:
      return "modified";
    case Change::Kind::renamed:
      return "renamed";
    case Change::Kind::deleted:
      return "deleted";
  }
  return "modified";
}

const Change* FileHistory::first_published() const {
  if (changes.empty()) return nullptr;
  for (const Change& c : changes) {
    if (c.kind == Change::Kind::added) return &c;
  }
  return &changes.front();
}

const Change* FileHistory::last_amended() const {
  const Change* first = first_published();
  if (first == nullptr) return nullptr;
  for (auto it = changes.rbegin(); it != changes.rend() && &*it != first; ++it) {
    if (!it->minor && !it->moved_only && it->kind != Change::Kind::deleted) return &*it;
  }
  return nullptr;
}

bool FileHistory::deleted() const {
  return !changes.empty() && changes.back().kind == Change::Kind::deleted;
}

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

// The fields every Change of one commit shares: id, time, author, summary, trailers.
Change describe_commit(const git_commit* commit) {
  Change c;
  c.commit = to_hex(*git_commit_id(commit));
  c.short_id = c.commit.substr(0, 7);
  c.when =
      Instant{static_cast<std::int64_t>(git_commit_time(commit)), git_commit_time_offset(commit)};
  const git_signature* author = git_commit_author(commit);
  if (author != nullptr && author->name != nullptr) c.author = author->name;
  const char* raw = git_commit_message(commit);
  std::string_view message = raw != nullptr ? raw : "";
  std::size_t start = message.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos) {
    std::string_view rest = message.substr(start);
    c.summary = std::string(trim(rest.substr(0, rest.find('\n'))));
  }
  git_message_trailer_array trailers{};
  if (raw == nullptr || git_message_trailers(&trailers, raw) < 0) {
    git_error_clear();
    return c;
  }
  for (std::size_t i = 0; i < trailers.count; ++i) {
    std::string_view key = trailers.trailers[i].key;
    std::string_view value = trim(trailers.trailers[i].value);
    if (equals_ignoring_case(key, "Change-Note")) {
      if (!c.note.empty()) c.note += '\n';
      c.note += value;
    } else if (equals_ignoring_case(key, "Update-Type")) {
      c.minor = equals_ignoring_case(value, "minor");
    }
  }
  git_message_trailer_array_free(&trailers);
  return c;
}

// Follows files through the commits: each lineage is one file's history, owned by the path
// it has now (or had when it was deleted).
class Tracker {
 public:
  void apply(const Change& base, const std::vector<TreeDelta>& deltas) {
    // Find every source first, then free the paths renames leave, then claim new paths:
    // one commit may rename a→b and add a new a, or swap two names.
    std::vector<std::optional<std::size_t>> sources;
    sources.reserve(deltas.size());
    for (const TreeDelta& d : deltas) {
      const std::string& from = d.kind == Change::Kind::renamed ? d.old_path : d.path;
      auto it = owner_.find(from);
      bool has = d.kind != Change::Kind::added && it != owner_.end();
      sources.push_back(has ? std::optional<std::size_t>(it->second) : std::nullopt);
    }
    for (std::size_t i = 0; i < deltas.size(); ++i) {
      if (deltas[i].kind == Change::Kind::renamed && sources[i]) owner_.erase(deltas[i].old_path);
    }
    for (std::size_t i = 0; i < deltas.size(); ++i) {
      const TreeDelta& d = deltas[i];
      std::size_t lineage = sources[i] ? *sources[i] : claim(d.path);
      if (d.kind == Change::Kind::renamed && sources[i]) place(lineage, d.path);
      Change change = base;
      change.kind = d.kind;
      change.path = d.path;
      change.old_path = d.old_path;
      change.moved_only = d.moved_only;
      lineages_[lineage].changes.push_back(std::move(change));
      lineages_[lineage].order.push_back(next_++);
    }
  }

  std::map<std::string, FileHistory> finish() {
    std::map<std::string, FileHistory> files;
    for (auto& [path, lineage] : owner_) {
      files[path].changes = std::move(lineages_[lineage].changes);
    }
    return files;
  }

 private:
  struct Lineage {
    std::vector<Change> changes;
    std::vector<std::size_t> order;  // when each change was seen, to merge two lineages
  };

  // The lineage owning `path`: the one there (a file deleted and now added again continues
  // its history), or a new one.
  std::size_t claim(const std::string& path) {
    auto [it, inserted] = owner_.try_emplace(path, lineages_.size());
    if (inserted) lineages_.emplace_back();
    return it->second;
  }

  // Moves `lineage` to `path`. A deleted file's lineage already there is merged in: the
  // history of a path stays in one place.
  void place(std::size_t lineage, const std::string& path) {
    auto [it, inserted] = owner_.try_emplace(path, lineage);
    if (inserted || it->second == lineage) return;
    Lineage& into = lineages_[lineage];
    Lineage& from = lineages_[it->second];
    Lineage merged;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < into.changes.size() || j < from.changes.size()) {
      bool take_into =
          j == from.changes.size() || (i < into.changes.size() && into.order[i] < from.order[j]);
      Lineage& src = take_into ? into : from;
      std::size_t& k = take_into ? i : j;
      merged.changes.push_back(std::move(src.changes[k]));
      merged.order.push_back(src.order[k]);
      ++k;
    }
    into = std::move(merged);
    from = Lineage{};
    it->second = lineage;
  }

  std::vector<Lineage> lineages_;
  std::unordered_map<std::string, std::size_t> owner_;
  std::size_t next_ = 0;
};

// The commits a shallow clone was cut at (listed in <git dir>/shallow): read as roots.
std::unordered_set<std::string> shallow_roots(const RepoInfo& repo) {
  std::unordered_set<std::string> roots;
  std::ifstream in(repo.git_dir / "shallow");
  std::string line;
  while (std::getline(in, line)) {
    std::string_view id = trim(line);
    if (!id.empty()) roots.emplace(id);
  }
  return roots;
}

// The first-parent line from HEAD, oldest first. A shallow clone's cut commits lack their
// parents, which libgit2 1.5's revwalk cannot pass, so there the line is followed by hand.
Result<std::vector<git_oid>> list_commits(git_repository* r, const RepoInfo& repo,
                                          const std::unordered_set<std::string>& roots) {
  std::vector<git_oid> ids;
  if (repo.shallow) {
    git_oid id;
    if (git_reference_name_to_id(&id, r, "HEAD") < 0) {
      return git_failure(repo_name(repo), "cannot resolve HEAD");
    }
    while (true) {
      ids.push_back(id);
      git_commit* raw = nullptr;
      if (git_commit_lookup(&raw, r, &id) < 0) {
        return git_failure(repo_name(repo), "cannot read commit " + to_hex(id));
      }
      CommitPtr commit(raw);
      if (roots.count(to_hex(id)) != 0 || git_commit_parentcount(commit.get()) == 0) break;
      id = *git_commit_parent_id(commit.get(), 0);
    }
    std::reverse(ids.begin(), ids.end());
    return ids;
  }
  git_revwalk* raw = nullptr;
  if (git_revwalk_new(&raw, r) < 0) return git_failure(repo_name(repo), "cannot walk the commits");
  RevwalkPtr walk(raw);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);
  git_revwalk_simplify_first_parent(walk.get());
  if (git_revwalk_push_head(walk.get()) < 0) {
    return git_failure(repo_name(repo), "cannot walk the commits from HEAD");
  }
  git_oid id;
  int rc = 0;
  while ((rc = git_revwalk_next(&id, walk.get())) == 0) ids.push_back(id);
  if (rc != GIT_ITEROVER) {
    return git_failure(repo_name(repo), "cannot walk the commits from HEAD",
                       "the repository may be damaged: try `git fsck`");
  }
  return ids;
}

}  // namespace

Result<History> read_history(const RepoInfo& repo, const std::string& under) {
  LibGit2 session;
  auto opened = open_repository(repo);
  if (!opened) return opened.error();
  git_repository* r = opened->get();
  History history;
  if (git_repository_head_unborn(r) == 1) return history;
  std::unordered_set<std::string> roots;
  if (repo.shallow) roots = shallow_roots(repo);
  auto ids = list_commits(r, repo, roots);
  if (!ids) return ids.error();
  Tracker tracker;
  std::vector<TreeDelta> deltas;
  for (const git_oid& id : *ids) {
    git_commit* raw_commit = nullptr;
    git_tree* raw_tree = nullptr;
    if (git_commit_lookup(&raw_commit, r, &id) < 0) {
      return git_failure(repo_name(repo), "cannot read commit " + to_hex(id));
    }
    CommitPtr commit(raw_commit);
    if (git_commit_tree(&raw_tree, commit.get()) < 0) {
      return git_failure(repo_name(repo), "cannot read the tree of commit " + to_hex(id));
    }
    TreePtr tree(raw_tree);
    TreePtr parent_tree;
    bool cut = !roots.empty() && roots.count(to_hex(id)) != 0;
    if (git_commit_parentcount(commit.get()) > 0 && !cut) {
      git_commit* raw_parent = nullptr;
      if (git_commit_parent(&raw_parent, commit.get(), 0) < 0) {
        return git_failure(repo_name(repo), "cannot read the parent of commit " + to_hex(id));
      }
      CommitPtr parent(raw_parent);
      if (git_commit_tree(&raw_tree, parent.get()) < 0) {
        return git_failure(repo_name(repo), "cannot read the tree of commit " + to_hex(id));
      }
      parent_tree.reset(raw_tree);
    }
    deltas.clear();
    if (diff_trees(r, parent_tree.get(), tree.get(), under, deltas) < 0) {
      return git_failure(repo_name(repo),
                         "cannot compare commit " + to_hex(id) + " with its parent");
    }
    ++history.commits;
    if (!deltas.empty()) tracker.apply(describe_commit(commit.get()), deltas);
  }
  history.files = tracker.finish();
  return history;
}

}  // namespace gazette::history
