#include <doctest/doctest.h>

#include "gazette/history.hpp"
#include "test_repo.hpp"

using namespace gazette;
using namespace gazette::history;
using gazette::history::test::check_git;
using gazette::history::test::TestRepo;

namespace fs = std::filesystem;

namespace {

// A repository with one commit, and a built site beside it (outside the work tree).
struct Fixture {
  Fixture() {
    repo.write("content/a.md", "Thông báo");
    source = repo.commit("Đăng thông báo");
    site.write("index.html", "<h1>Trang chủ</h1>\n");
    site.write("notice/2023/a/index.html", "<p>Thông báo</p>\n");
    site.write("feed.xml", "<feed/>\n");
  }

  RepoInfo info() const {
    auto r = inspect_repository(repo.root());
    REQUIRE(r.ok());
    return *r;
  }

  PublishResult publish(const std::string& message = "Xuất bản") const {
    auto r = publish_tree(info(), site.path(), "site", source, message);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    return *r;
  }

  TestRepo repo;
  TempDir site;
  std::string source;
};

std::string blob_at(const TestRepo& repo, const std::string& commit, const std::string& path) {
  RepoInfo info = *inspect_repository(repo.root());
  auto bytes = read_blob_at(info, commit, path);
  REQUIRE_MESSAGE(bytes.ok(), (bytes.ok() ? "" : bytes.error().message));
  return *bytes;
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace

TEST_CASE("history: publish commits the site and a SHA-256 manifest to the branch") {
  Fixture f;
  f.repo.set_config("user.name", "Văn phòng Sở");
  f.repo.set_config("user.email", "vp@skhcn.example");
  std::string head_before = f.repo.head();
  auto index_time = fs::last_write_time(f.repo.root() / ".git" / "index");
  PublishResult first = f.publish("Xuất bản trang");
  CHECK_FALSE(first.unchanged);
  CHECK(first.files == 3);
  CHECK(first.commit.size() == 40);

  std::string manifest = blob_at(f.repo, first.commit, "MANIFEST.sha256");
  std::string expected = gazette::sha256_hex("<feed/>\n") + "  feed.xml\n" +
                         gazette::sha256_hex("<h1>Trang chủ</h1>\n") + "  index.html\n" +
                         gazette::sha256_hex("<p>Thông báo</p>\n") + "  notice/2023/a/index.html\n";
  CHECK(manifest == expected);
  CHECK(blob_at(f.repo, "site", "notice/2023/a/index.html") == "<p>Thông báo</p>\n");

  git_commit* commit = f.repo.lookup(first.commit);
  CHECK(git_commit_parentcount(commit) == 0);
  CHECK(std::string(git_commit_author(commit)->name) == "Văn phòng Sở");
  git_message_trailer_array trailers{};
  check_git(git_message_trailers(&trailers, git_commit_message(commit)), "trailers");
  REQUIRE(trailers.count == 1);
  CHECK(std::string(trailers.trailers[0].key) == "Source-Commit");
  CHECK(std::string(trailers.trailers[0].value) == f.source);
  CHECK(std::string(git_commit_summary(commit)) == "Xuất bản trang");
  git_message_trailer_array_free(&trailers);
  git_commit_free(commit);

  // HEAD, the index and the work tree are untouched.
  CHECK(f.repo.head() == head_before);
  CHECK(fs::last_write_time(f.repo.root() / ".git" / "index") == index_time);
  RepoInfo after = f.info();
  CHECK(after.branch == "main");
  CHECK(after.uncommitted.empty());
  CHECK_FALSE(fs::exists(f.repo.root() / "MANIFEST.sha256"));
}

TEST_CASE("history: publishing again appends, the same tree again commits nothing") {
  Fixture f;
  PublishResult first = f.publish();
  f.site.write("index.html", "<h1>Trang chủ mới</h1>\n");
  PublishResult second = f.publish("Cập nhật trang chủ\n\nReviewed-by: Lan\n");
  CHECK_FALSE(second.unchanged);
  CHECK(second.commit != first.commit);
  git_commit* commit = f.repo.lookup(second.commit);
  REQUIRE(git_commit_parentcount(commit) == 1);
  CHECK(TestRepo::hex(*git_commit_parent_id(commit, 0)) == first.commit);
  // Nobody configured a name: the fallback signature.
  CHECK(std::string(git_commit_committer(commit)->name) == "gazette");
  CHECK(std::string(git_commit_committer(commit)->email) == "gazette@localhost");
  // Source-Commit joins the message's own trailer block.
  git_message_trailer_array trailers{};
  check_git(git_message_trailers(&trailers, git_commit_message(commit)), "trailers");
  REQUIRE(trailers.count == 2);
  CHECK(std::string(trailers.trailers[0].key) == "Reviewed-by");
  CHECK(std::string(trailers.trailers[1].key) == "Source-Commit");
  git_message_trailer_array_free(&trailers);
  git_commit_free(commit);

  PublishResult third = f.publish("Không đổi gì");
  CHECK(third.unchanged);
  CHECK(third.commit == second.commit);
  CHECK(third.files == 3);
  git_oid tip;
  check_git(git_reference_name_to_id(&tip, f.repo.get(), "refs/heads/site"), "tip");
  CHECK(TestRepo::hex(tip) == second.commit);
}

TEST_CASE("history: publish refuses a shallow clone, a bad branch and a site with a manifest") {
  Fixture f;
  f.repo.make_shallow(f.source);
  auto shallow = publish_tree(f.info(), f.site.path(), "site", f.source, "x");
  REQUIRE_FALSE(shallow.ok());
  CHECK(shallow.error().message == "cannot publish from a shallow clone");
  CHECK(shallow.error().hint.find("git fetch --unshallow") != std::string::npos);
  git_reference* ref = nullptr;
  CHECK(git_reference_lookup(&ref, f.repo.get(), "refs/heads/site") == GIT_ENOTFOUND);
  fs::remove(f.repo.root() / ".git" / "shallow");

  auto bad_branch = publish_tree(f.info(), f.site.path(), "bad..name", f.source, "x");
  REQUIRE_FALSE(bad_branch.ok());
  CHECK(bad_branch.error().message.find("not a valid branch name") != std::string::npos);

  auto no_source = publish_tree(f.info(), f.site.path(), "site", "", "x");
  CHECK_FALSE(no_source.ok());

  f.site.write("MANIFEST.sha256", "mine");
  auto clash = publish_tree(f.info(), f.site.path(), "site", f.source, "x");
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().hint.find("rename yours") != std::string::npos);

  auto no_site = publish_tree(f.info(), f.site.path() / "nowhere", "site", f.source, "x");
  CHECK_FALSE(no_site.ok());
}

TEST_CASE("history: verify accepts an exact copy and names changed, missing and extra files") {
  Fixture f;
  PublishResult published = f.publish();
  TempDir mirror;
  copy_tree(f.site.path(), mirror.path());
  auto clean = verify_tree(f.info(), "site", mirror.path());
  REQUIRE(clean.ok());
  CHECK(clean->ok());
  CHECK(clean->commit == published.commit);
  mirror.write("MANIFEST.sha256", "a copy of the manifest is not an extra file");
  CHECK(verify_tree(f.info(), published.commit, mirror.path())->ok());

  mirror.write("index.html", "<h1>Trang chủ đã bị sửa</h1>\n");
  fs::remove(mirror.path() / "notice/2023/a/index.html");
  mirror.write("notice/2023/b/index.html", "<p>Không được xuất bản</p>\n");
  auto report = verify_tree(f.info(), "site", mirror.path());
  REQUIRE(report.ok());
  CHECK_FALSE(report->ok());
  CHECK(report->differ == std::vector<std::string>{"index.html"});
  CHECK(report->missing == std::vector<std::string>{"notice/2023/a/index.html"});
  CHECK(report->extra == std::vector<std::string>{"notice/2023/b/index.html"});
}

TEST_CASE("history: verify catches a published commit whose files do not match its manifest") {
  Fixture f;
  PublishResult published = f.publish();
  // Someone commits on the branch a changed feed.xml but leaves the manifest as it was.
  git_commit* tip = f.repo.lookup(published.commit);
  git_tree* tree = nullptr;
  check_git(git_commit_tree(&tree, tip), "tree");
  git_treebuilder* builder = nullptr;
  check_git(git_treebuilder_new(&builder, f.repo.get(), tree), "builder");
  git_oid forged;
  std::string evil = "<feed>forged</feed>\n";
  check_git(git_blob_create_from_buffer(&forged, f.repo.get(), evil.data(), evil.size()), "blob");
  check_git(git_treebuilder_insert(nullptr, builder, "feed.xml", &forged, GIT_FILEMODE_BLOB),
            "insert");
  git_oid tree_id;
  check_git(git_treebuilder_write(&tree_id, builder), "write");
  git_tree* new_tree = nullptr;
  check_git(git_tree_lookup(&new_tree, f.repo.get(), &tree_id), "lookup");
  git_signature* sig = nullptr;
  check_git(git_signature_now(&sig, "x", "x@x"), "sig");
  const git_commit* parents[] = {tip};
  git_oid id;
  check_git(git_commit_create(&id, f.repo.get(), "refs/heads/site", sig, sig, nullptr, "forge",
                              new_tree, 1, parents),
            "commit");
  git_signature_free(sig);
  git_tree_free(new_tree);
  git_treebuilder_free(builder);
  git_tree_free(tree);
  git_commit_free(tip);

  auto report = verify_tree(f.info(), "site", f.site.path());  // the honest copy
  REQUIRE(report.ok());
  CHECK(report->differ == std::vector<std::string>{"feed.xml"});
  CHECK(report->missing.empty());
  CHECK(report->extra.empty());
}

TEST_CASE("history: verify needs a published commit and a sound manifest") {
  Fixture f;
  f.publish();
  auto not_published = verify_tree(f.info(), "main", f.site.path());
  REQUIRE_FALSE(not_published.ok());
  CHECK(not_published.error().message.find("has no MANIFEST.sha256") != std::string::npos);
  auto unknown = verify_tree(f.info(), "no-such-branch", f.site.path());
  CHECK_FALSE(unknown.ok());

  // A manifest line that escapes the directory is refused, not followed.
  git_treebuilder* builder = nullptr;
  check_git(git_treebuilder_new(&builder, f.repo.get(), nullptr), "builder");
  std::string manifest = std::string(64, 'a') + "  ../../etc/passwd\n";
  git_oid blob;
  check_git(git_blob_create_from_buffer(&blob, f.repo.get(), manifest.data(), manifest.size()),
            "blob");
  check_git(git_treebuilder_insert(nullptr, builder, "MANIFEST.sha256", &blob, GIT_FILEMODE_BLOB),
            "insert");
  git_oid tree_id;
  check_git(git_treebuilder_write(&tree_id, builder), "write");
  git_treebuilder_free(builder);
  git_tree* tree = nullptr;
  check_git(git_tree_lookup(&tree, f.repo.get(), &tree_id), "tree");
  git_signature* sig = nullptr;
  check_git(git_signature_now(&sig, "x", "x@x"), "sig");
  git_oid id;
  check_git(git_commit_create(&id, f.repo.get(), "refs/heads/evil", sig, sig, nullptr, "evil", tree,
                              0, nullptr),
            "commit");
  git_signature_free(sig);
  git_tree_free(tree);
  auto evil = verify_tree(f.info(), "evil", f.site.path());
  REQUIRE_FALSE(evil.ok());
  CHECK(evil.error().loc.line == 1);
  CHECK(evil.error().message.find("not a manifest line") != std::string::npos);
}

TEST_CASE("history: publish leaves out gazette's mark and refuses a symlink in the site") {
  Fixture f;
  f.site.write(".made-by-gazette", "gazette made this folder\n");
  PublishResult first = f.publish();
  CHECK_FALSE(read_blob_at(f.info(), first.commit, ".made-by-gazette").ok());
  CHECK(blob_at(f.repo, first.commit, "MANIFEST.sha256").find(".made-by-gazette") ==
        std::string::npos);
  TempDir outside;
  outside.write("passwd", "root:x:0:0");
  fs::create_symlink(outside.path() / "passwd", f.site.path() / "passwd.txt");
  auto r = publish_tree(f.info(), f.site.path(), "site", f.source, "Xuất bản");
  REQUIRE_FALSE(r.ok());
  CHECK(format_diagnostic(r.error()) ==
        (f.site.path() / "passwd.txt").generic_string() +
            ": error: a symlink in the site\nhint: gazette writes no symlinks, and one would "
            "publish what it points at: remove it (gazette build makes the site afresh)\n");
}
