#include <doctest/doctest.h>

#include "gazette/history.hpp"
#include "test_repo.hpp"

using namespace gazette;
using namespace gazette::history;
using gazette::history::test::TestRepo;
using gazette::history::test::Who;

namespace fs = std::filesystem;

namespace {

RepoInfo inspect(const fs::path& dir) {
  auto info = inspect_repository(dir);
  REQUIRE_MESSAGE(info.ok(), (info.ok() ? "" : info.error().message));
  return *info;
}

History history_of(const fs::path& dir, const std::string& under = "content/") {
  auto history = read_history(inspect(dir), under);
  REQUIRE_MESSAGE(history.ok(), (history.ok() ? "" : history.error().message));
  return *history;
}

fs::path real_path(const fs::path& p) { return fs::weakly_canonical(p); }

}  // namespace

TEST_CASE("history: inspect finds the work tree root, HEAD and branch from deep inside") {
  TestRepo repo;
  repo.write("content/notices/2023/a.md", "Thông báo");
  std::string c1 = repo.commit("Thêm thông báo");
  RepoInfo info = inspect(repo.root() / "content" / "notices");
  CHECK(info.in_git);
  CHECK_FALSE(info.shallow);
  CHECK(info.root == real_path(repo.root()));
  CHECK(info.git_dir == real_path(repo.root() / ".git"));
  CHECK(info.head == c1);
  CHECK(info.branch == "main");
  CHECK(info.uncommitted.empty());
}

TEST_CASE("history: a directory outside git is not an error, but has no history") {
  TempDir dir;
  auto info = inspect_repository(dir.path());
  REQUIRE(info.ok());
  CHECK_FALSE(info->in_git);
  CHECK(info->head.empty());
  auto history = read_history(*info, "content/");
  REQUIRE_FALSE(history.ok());
  CHECK(history.error().message.find("not in a git repository") != std::string::npos);
  CHECK_FALSE(history.error().hint.empty());

  auto missing = inspect_repository(dir.path() / "nowhere");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "the directory does not exist");
}

TEST_CASE("history: an unborn HEAD has a branch, no head and no history") {
  TestRepo repo;
  repo.write("content/a.md", "a");
  RepoInfo info = inspect(repo.root());
  CHECK(info.head.empty());
  CHECK(info.branch == "main");
  CHECK(info.uncommitted == std::set<std::string>{"content/a.md"});
  auto history = read_history(info, "");
  REQUIRE(history.ok());
  CHECK(history->commits == 0);
  CHECK(history->files.empty());
}

TEST_CASE("history: uncommitted lists modified, untracked, staged, deleted and renamed files") {
  TestRepo repo;
  repo.write("content/edited.md", "v1");
  repo.write("content/deleted.md", "x");
  repo.write("content/moved.md", "moved");
  repo.write("content/clean.md", "clean");
  repo.write(".gitignore", "public/\n");
  repo.commit("Khởi tạo");
  repo.write("content/edited.md", "v2");
  repo.write("content/new.md", "new");
  repo.write("content/staged.md", "staged");
  repo.stage("content/staged.md");
  repo.remove("content/deleted.md");
  repo.rename("content/moved.md", "content/2023/moved.md");
  repo.write("public/index.html", "ignored");
  RepoInfo info = inspect(repo.root());
  CHECK(info.uncommitted == std::set<std::string>{"content/2023/moved.md", "content/deleted.md",
                                                  "content/edited.md", "content/moved.md",
                                                  "content/new.md", "content/staged.md"});
}

TEST_CASE("history: a nested repository opened from inside is the nested one") {
  TestRepo outer;
  outer.write("site.toml", "title = 'x'");
  outer.commit("Trang");
  TestRepo nested(outer.root() / "vendor" / "notices");
  nested.write("content/a.md", "a");
  std::string nested_head = nested.commit("Nested");
  RepoInfo info = inspect(nested.root() / "content");
  CHECK(info.root == real_path(nested.root()));
  CHECK(info.head == nested_head);
  RepoInfo outer_info = inspect(outer.root());
  CHECK(outer_info.root == real_path(outer.root()));
  CHECK(outer_info.head != nested_head);
  CHECK(outer_info.uncommitted.empty());  // the nested repository is not a file of the outer
}

TEST_CASE("history: inside a real submodule, its own repository is used") {
  TestRepo site;
  site.write("site.toml", "title = 'x'");
  site.commit("Trang");
  // A registered submodule as `git submodule add` leaves it: .gitmodules, a gitlink entry, and
  // its repository in .git/modules joined to its work tree by a ".git" file. (Made by hand:
  // libgit2 1.5's git_submodule_add_setup leaks pcre2 match data when it creates the remote.)
  TestRepo library(site.root() / "vendor" / "lib",
                   site.root() / ".git" / "modules" / "vendor" / "lib");
  library.write("content/a.md", "một");
  std::string library_head = library.commit("Thư viện");
  site.write(
      ".gitmodules",
      "[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = https://example.gov.vn/lib.git\n");
  site.stage_gitlink("vendor/lib", library_head);
  site.commit("Thêm submodule");
  CHECK(fs::is_regular_file(site.root() / "vendor" / "lib" / ".git"));
  {
    git_commit* head = site.lookup(site.head());
    git_tree* tree = nullptr;
    test::check_git(git_commit_tree(&tree, head), "tree");
    git_tree_entry* link = nullptr;
    test::check_git(git_tree_entry_bypath(&link, tree, "vendor/lib"), "gitlink");
    CHECK(git_tree_entry_filemode(link) == GIT_FILEMODE_COMMIT);
    git_tree_entry_free(link);
    git_tree_free(tree);
    git_commit_free(head);
  }

  RepoInfo inner = inspect(site.root() / "vendor" / "lib" / "content");
  CHECK(inner.root == real_path(site.root() / "vendor" / "lib"));
  CHECK(inner.git_dir == real_path(site.root() / ".git" / "modules" / "vendor" / "lib"));
  CHECK(inner.head == library_head);
  History h = history_of(site.root() / "vendor" / "lib");
  CHECK(h.files.count("content/a.md") == 1);

  site.write("vendor/lib/content/a.md", "hai");
  CHECK(inspect(site.root()).uncommitted.empty());
  CHECK(inspect(site.root() / "vendor" / "lib").uncommitted ==
        std::set<std::string>{"content/a.md"});
  // The outer history has the gitlink, not a file.
  History outer = history_of(site.root(), "");
  CHECK(outer.files.count("vendor/lib") == 0);
  CHECK(outer.files.count(".gitmodules") == 1);
}

TEST_CASE("history: adds and edits with their commit, time, author, summary and trailers") {
  TestRepo repo;
  repo.write("site.toml", "title = 'x'");
  repo.write("content/a.md", "Hạn nộp 25/4/2023");
  repo.write("content/b.md", "b");
  std::string c1 =
      repo.commit("Đăng thông báo\n\nChi tiết.\n", {"Vũ Xuân Linh", "l@x.vn"}, 1'681'286'400, 420);
  repo.write("content/a.md", "Hạn nộp 30/4/2023");
  std::string c2 = repo.commit(
      "Gia hạn nộp hồ sơ\n\nGia hạn theo đề nghị.\n\nChange-Note: Gia hạn đến 30/4/2023\n",
      {"Nguyễn Thị Hoa", "h@x.vn"}, 1'681'977'600, 420);
  repo.write("content/a.md", "Hạn nộp: 30/4/2023");
  std::string c3 = repo.commit("Sửa dấu câu\n\nUpdate-Type: minor\n");

  History h = history_of(repo.root());
  CHECK(h.commits == 3);
  CHECK(h.files.size() == 2);  // site.toml is outside content/
  const FileHistory& a = h.files.at("content/a.md");
  REQUIRE(a.changes.size() == 3);
  CHECK(a.changes[0].kind == Change::Kind::added);
  CHECK(a.changes[1].kind == Change::Kind::modified);
  CHECK(a.changes[0].commit == c1);
  CHECK(a.changes[0].short_id == c1.substr(0, 7));
  CHECK(a.changes[0].when.epoch_seconds == 1'681'286'400);
  CHECK(a.changes[0].when.offset_minutes == 420);
  CHECK(format_rfc3339(a.changes[0].when) == "2023-04-12T15:00:00+07:00");
  CHECK(a.changes[0].author == "Vũ Xuân Linh");
  CHECK(a.changes[0].summary == "Đăng thông báo");
  CHECK(a.changes[0].note.empty());
  CHECK(a.changes[1].note == "Gia hạn đến 30/4/2023");
  CHECK(a.changes[1].author == "Nguyễn Thị Hoa");
  CHECK_FALSE(a.changes[1].minor);
  CHECK(a.changes[2].minor);
  CHECK(a.changes[2].commit == c3);
  REQUIRE(a.first_published() != nullptr);
  CHECK(a.first_published()->commit == c1);
  REQUIRE(a.last_amended() != nullptr);
  CHECK(a.last_amended()->commit == c2);  // the minor fix after it does not count

  const FileHistory& b = h.files.at("content/b.md");
  REQUIRE(b.changes.size() == 1);
  CHECK(b.first_published()->commit == c1);
  CHECK(b.last_amended() == nullptr);

  History all = history_of(repo.root(), "");
  CHECK(all.files.count("site.toml") == 1);
}

TEST_CASE("history: a renamed file keeps its whole history under its current name") {
  TestRepo repo;
  std::string body = "Thông báo về việc đề xuất nhiệm vụ khoa học và công nghệ cấp quốc gia.\n";
  repo.write("content/old-name.md", body);
  std::string c1 = repo.commit("Đăng");
  repo.write("content/old-name.md", body + "Bổ sung.\n");
  repo.commit("Bổ sung");
  repo.rename("content/old-name.md", "content/2023/new-name.md");
  std::string c3 = repo.commit("Chuyển thư mục");
  repo.rename("content/2023/new-name.md", "content/2023/final.md");
  repo.write("content/2023/final.md", body + "Bổ sung.\nSửa một dòng.\n");
  std::string c4 = repo.commit("Đổi tên và sửa");
  repo.write("content/old-name.md", "A different notice that took the old name.\n");
  std::string c5 = repo.commit("Thông báo khác");

  History h = history_of(repo.root());
  const FileHistory& f = h.files.at("content/2023/final.md");
  REQUIRE(f.changes.size() == 4);
  CHECK(f.first_published()->commit == c1);
  CHECK(f.changes[2].kind == Change::Kind::renamed);
  CHECK(f.changes[2].commit == c3);
  CHECK(f.changes[2].old_path == "content/old-name.md");
  CHECK(f.changes[2].path == "content/2023/new-name.md");
  CHECK(f.changes[2].moved_only);
  CHECK(f.changes[3].kind == Change::Kind::renamed);  // renamed and edited: still similar
  CHECK(f.changes[3].old_path == "content/2023/new-name.md");
  CHECK_FALSE(f.changes[3].moved_only);
  CHECK(f.last_amended()->commit == c4);
  CHECK(h.files.count("content/2023/new-name.md") == 0);
  // The new file at the old name has its own history.
  const FileHistory& other = h.files.at("content/old-name.md");
  REQUIRE(other.changes.size() == 1);
  CHECK(other.changes[0].commit == c5);
  CHECK(other.changes[0].kind == Change::Kind::added);
}

TEST_CASE("history: a deleted file stays under its last path, added again, it continues") {
  TestRepo repo;
  repo.write("content/gone.md", "withdrawn later");
  repo.write("content/back.md", "comes back");
  std::string c1 = repo.commit("Đăng");
  repo.remove("content/gone.md");
  repo.remove("content/back.md");
  std::string c2 = repo.commit("Thu hồi");
  repo.write("content/back.md", "comes back, changed");
  std::string c3 = repo.commit("Đăng lại");

  History h = history_of(repo.root());
  const FileHistory& gone = h.files.at("content/gone.md");
  REQUIRE(gone.changes.size() == 2);
  CHECK(gone.deleted());
  CHECK(gone.changes.back().kind == Change::Kind::deleted);
  CHECK(gone.changes.back().commit == c2);
  CHECK(gone.last_amended() == nullptr);  // a deletion is not an amendment
  const FileHistory& back = h.files.at("content/back.md");
  REQUIRE(back.changes.size() == 3);
  CHECK_FALSE(back.deleted());
  CHECK(back.first_published()->commit == c1);
  CHECK(back.last_amended()->commit == c3);
}

TEST_CASE("history: a merge is read against its first parent, once, as the merge commit") {
  TestRepo repo;
  repo.write("content/a.md", "a");
  repo.write("content/b.md", "b");
  std::string c1 = repo.commit("Đăng");
  repo.branch("feature");
  repo.checkout("feature");
  repo.write("content/b.md", "b, sửa trên nhánh");
  std::string f1 = repo.commit("Sửa b trên nhánh\n\nChange-Note: trên nhánh\n");
  repo.checkout("main");
  repo.write("content/a.md", "a, sửa trên main");
  std::string m1 = repo.commit("Sửa a");
  std::string merge = repo.merge("feature", "Merge branch 'feature'\n\nChange-Note: Sửa b\n");
  git_commit* merged = repo.lookup(merge);
  CHECK(git_commit_parentcount(merged) == 2);
  git_commit_free(merged);

  History h = history_of(repo.root());
  CHECK(h.commits == 3);  // c1, m1, the merge: the branch's commit is not walked
  const FileHistory& b = h.files.at("content/b.md");
  REQUIRE(b.changes.size() == 2);
  CHECK(b.changes[1].commit == merge);
  CHECK(b.changes[1].summary == "Merge branch 'feature'");
  CHECK(b.changes[1].note == "Sửa b");
  CHECK(b.changes[1].commit != f1);
  const FileHistory& a = h.files.at("content/a.md");
  REQUIRE(a.changes.size() == 2);  // the merge did not change a against its first parent
  CHECK(a.changes[1].commit == m1);
}

TEST_CASE("history: read_blob_at gives a file's bytes at a commit") {
  TestRepo repo;
  repo.write("content/a.md", "Trước ngày 25/4/2023");
  std::string c1 = repo.commit("Đăng");
  repo.write("content/a.md", "Trước ngày 30/4/2023");
  std::string c2 = repo.commit("Gia hạn");
  RepoInfo info = inspect(repo.root());
  auto old_text = read_blob_at(info, c1, "content/a.md");
  REQUIRE(old_text.ok());
  CHECK(*old_text == "Trước ngày 25/4/2023");
  CHECK(*read_blob_at(info, c2.substr(0, 10), "content/a.md") == "Trước ngày 30/4/2023");
  CHECK(*read_blob_at(info, "HEAD~1", "content/a.md") == "Trước ngày 25/4/2023");
  auto missing = read_blob_at(info, c1, "content/b.md");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().file == "content/b.md");
  auto directory = read_blob_at(info, c1, "content");
  CHECK_FALSE(directory.ok());
  auto bad = read_blob_at(info, "0123456789abcdef0123456789abcdef01234567", "content/a.md");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("no commit") != std::string::npos);
}

TEST_CASE("history: a shallow clone is reported and read from its cut, even without parents") {
  TestRepo repo;
  repo.write("content/a.md", "1");
  std::string c1 = repo.commit("Một");
  repo.write("content/a.md", "2");
  std::string c2 = repo.commit("Hai");
  repo.write("content/a.md", "3");
  std::string c3 = repo.commit("Ba");
  CHECK_FALSE(inspect(repo.root()).shallow);
  repo.make_shallow(c2);
  // As in a real shallow clone, the commits before the cut are absent.
  fs::remove(repo.root() / ".git" / "objects" / c1.substr(0, 2) / c1.substr(2));

  RepoInfo info = inspect(repo.root());
  CHECK(info.shallow);
  History h = history_of(repo.root());
  CHECK(h.commits == 2);
  const FileHistory& a = h.files.at("content/a.md");
  REQUIRE(a.changes.size() == 2);
  CHECK(a.changes[0].commit == c2);
  CHECK(a.changes[0].kind == Change::Kind::added);
  CHECK(a.changes[1].commit == c3);
}

TEST_CASE("history: kind names") {
  CHECK(kind_name(Change::Kind::added) == "added");
  CHECK(kind_name(Change::Kind::renamed) == "renamed");
  CHECK(kind_name(Change::Kind::deleted) == "deleted");
}

TEST_CASE("history: identical files moved together keep their own histories") {
  TestRepo repo;
  repo.write("content/drafts/one.md", "same text");
  repo.write("content/drafts/two.md", "same text");
  std::string c1 = repo.commit("Hai bản nháp giống nhau");
  repo.write("content/drafts/two.md", "different text now");
  std::string c2 = repo.commit("Sửa bản hai");
  repo.write("content/drafts/two.md", "same text");
  std::string c3 = repo.commit("Trả lại bản hai");
  repo.rename("content/drafts/one.md", "content/2023/one.md");
  repo.rename("content/drafts/two.md", "content/2023/two.md");
  std::string c4 = repo.commit("Chuyển thư mục");

  History h = history_of(repo.root());
  CHECK(h.files.size() == 2);
  const FileHistory& one = h.files.at("content/2023/one.md");
  const FileHistory& two = h.files.at("content/2023/two.md");
  REQUIRE(one.changes.size() == 2);
  REQUIRE(two.changes.size() == 4);
  CHECK(one.changes[1].old_path == "content/drafts/one.md");
  CHECK(two.changes[3].old_path == "content/drafts/two.md");
  CHECK(two.changes[3].moved_only);
  CHECK(one.last_amended() == nullptr);  // only moved since it was published
  CHECK(two.last_amended()->commit == c3);
}

TEST_CASE("history: `under` is a directory, written with or without slashes, or one file") {
  TestRepo repo;
  repo.write("content/a.md", "a");
  repo.write("content/notices/b.md", "b");
  repo.write("contents.md", "not under content/");
  repo.write("files/x.pdf", "x");
  repo.commit("Đăng");
  repo.write("content/notices/b.md", "b2");
  repo.write("files/x.pdf", "x2");
  repo.commit("Sửa");
  for (const char* under : {"content/", "content", "./content/", "/content"}) {
    History h = history_of(repo.root(), under);
    CHECK_MESSAGE(h.files.size() == 2, under);
    CHECK(h.files.count("content/notices/b.md") == 1);
    CHECK(h.commits == 2);
  }
  History one = history_of(repo.root(), "content/notices/b.md");
  REQUIRE(one.files.size() == 1);
  CHECK(one.files.begin()->second.changes.size() == 2);
  CHECK(history_of(repo.root(), "").files.size() == 4);
  CHECK(history_of(repo.root(), "nothing/here").files.empty());
}

TEST_CASE("history: a file renamed onto a deleted file's path takes over that path's history") {
  TestRepo repo;
  repo.write("content/a.md", "the first notice at this address");
  std::string c1 = repo.commit("Đăng a");
  repo.remove("content/a.md");
  std::string c2 = repo.commit("Thu hồi a");
  repo.write("content/b.md", "a second notice, written elsewhere");
  std::string c3 = repo.commit("Đăng b");
  repo.rename("content/b.md", "content/a.md");
  std::string c4 = repo.commit("Đưa b về địa chỉ cũ");

  History h = history_of(repo.root());
  REQUIRE(h.files.size() == 1);
  const FileHistory& a = h.files.at("content/a.md");
  REQUIRE(a.changes.size() == 4);
  CHECK(a.changes[0].commit == c1);
  CHECK(a.changes[1].commit == c2);
  CHECK(a.changes[2].commit == c3);
  CHECK(a.changes[2].path == "content/b.md");
  CHECK(a.changes[3].commit == c4);
  CHECK(a.changes[3].kind == Change::Kind::renamed);
  CHECK_FALSE(a.deleted());
}
