// End-to-end: a site as an attacker would write it. Nothing from outside the site is read or
// published; nothing gazette did not make is replaced.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "run_gazette.hpp"
#include "temp_site.hpp"
#include "test_repo.hpp"

namespace fs = std::filesystem;
using gazette::history::test::TestRepo;

namespace {

std::string real(const fs::path& p) { return fs::weakly_canonical(p).generic_string(); }

// The errors of a build, as printed (the warning that the site is not in git left out).
std::string errors(const TempSite::Built& built) {
  std::string all;
  for (const auto& d : built.diags) {
    if (d.severity == gazette::Severity::error) all += gazette::format_diagnostic(d);
  }
  return all;
}

const char* const kAttaching =
    "+++\ntitle = \"A\"\nkind = \"notice\"\nissued = 2023-04-12\n"
    "attachments = [{ title = \"Sơ đồ\", file = \"files/so-do.txt\" }]\n+++\nNội dung.\n";

const char* const kOutsideHint =
    "hint: gazette reads only files inside the site: copy the file in instead of linking to it\n";

}  // namespace

TEST_CASE("e2e safety: an attachment that is a symlink out of the site is refused, not copied") {
  TempDir outside;
  outside.write("secret.txt", "bí mật");
  TempSite site({{"content/notices/a.md", std::string(kAttaching)}});
  fs::create_directories(site.path() / "files");
  fs::create_symlink(outside.path() / "secret.txt", site.path() / "files/so-do.txt");
  const std::string expected =
      "content/notices/a.md:5:16: error: attachment `files/so-do.txt` leads outside the site "
      "(to " +
      real(outside.path() / "secret.txt") +
      ")\n    attachments = [{ title = \"Sơ đồ\", file = \"files/so-do.txt\" }]\n"
      "                   ^\n" +
      kOutsideHint;
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) == expected);
  CHECK_FALSE(site.exists("public"));
  Run check = gazette_in(site.path(), "check");
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, expected));
  Run build = gazette_in(site.path(), "build");
  CHECK(build.exit_code == 1);
  CHECK(contains(build.output, expected));
  CHECK_FALSE(site.exists("public/files/so-do.txt"));
}

TEST_CASE("e2e safety: a file reached through a symlinked folder out of the site is refused") {
  TempDir outside;
  outside.write("so-do.txt", "bí mật");
  TempSite site({{"content/notices/a.md",
                  notice("A", "attachments = [{ file = \"files/ext/so-do.txt\" }]\n")}});
  fs::create_directories(site.path() / "files");
  fs::create_directory_symlink(outside.path(), site.path() / "files/ext");
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) ==
        "content/notices/a.md:5:16: error: attachment `files/ext/so-do.txt` leads outside the "
        "site (to " +
            real(outside.path() / "so-do.txt") +
            ")\n    attachments = [{ file = \"files/ext/so-do.txt\" }]\n                   ^\n" +
            kOutsideHint);
  CHECK_FALSE(site.exists("public"));
}

TEST_CASE(
    "e2e safety: a document that is a symlink out of the site is refused, one inside is fine") {
  TempDir outside;
  outside.write("b.md", notice("B"));
  TempSite site({{"content/notices/a.md", notice("A")}, {"drafts/c.md", notice("C")}});
  fs::create_symlink(outside.path() / "b.md", site.path() / "content/notices/b.md");
  fs::create_directory_symlink(outside.path(), site.path() / "content/elsewhere");
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) ==
        "content/elsewhere:1:1: error: the folder leads outside the site (to " +
            real(outside.path()) + ")\n" + kOutsideHint +
            "content/notices/b.md:1:1: error: the file leads outside the site (to " +
            real(outside.path() / "b.md") + ")\n" + kOutsideHint);
  fs::remove(site.path() / "content/notices/b.md");
  fs::remove(site.path() / "content/elsewhere");
  fs::create_symlink("../../drafts/c.md", site.path() / "content/notices/c.md");
  built = site.build();
  CHECK_MESSAGE(built.report.ok, errors(built));
  CHECK(contains(site.page("notice/2023/c/index.html"), "C"));
}

TEST_CASE("e2e safety: FIFOs are refused with a message, not skipped or waited on") {
  TempSite site({{"content/notices/a.md", std::string(kAttaching)}});
  fs::create_directories(site.path() / "files");
  REQUIRE(mkfifo((site.path() / "files/so-do.txt").c_str(), 0644) == 0);
  REQUIRE(mkfifo((site.path() / "content/notices/b.md").c_str(), 0644) == 0);
  const std::string hint =
      "hint: gazette reads only regular files: replace it with one, or remove it\n";
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) ==
        "content/notices/a.md:5:16: error: attachment `files/so-do.txt` is a FIFO (a named "
        "pipe), not a regular file\n    attachments = [{ title = \"Sơ đồ\", file = "
        "\"files/so-do.txt\" }]\n                   ^\n" +
            hint +
            "content/notices/b.md:1:1: error: the file is a FIFO (a named pipe), not a regular "
            "file\n" +
            hint);
  CHECK(gazette_in(site.path(), "check").exit_code == 1);
}

TEST_CASE("e2e safety: a theme file linking out of the theme is refused") {
  TempDir outside;
  outside.write("passwd", "root:x:0:0");
  TempSite site({{"content/notices/a.md", notice("A")}, {"site.toml", "theme = \"mine\"\n"}});
  fs::create_directories(site.path() / "themes/mine/static");
  fs::create_symlink(outside.path() / "passwd", site.path() / "themes/mine/static/passwd.txt");
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(errors(built) ==
        (site.path() / "themes/mine/static/passwd.txt").generic_string() +
            ": error: the theme's file leads outside the theme (to " +
            real(outside.path() / "passwd") +
            ")\nhint: gazette reads only files inside the theme: copy the file in instead of "
            "linking to it\n");
  CHECK_FALSE(site.exists("public"));
}

TEST_CASE("e2e safety: publish never commits a file from outside the site") {
  TempDir outside;
  outside.write("secret.txt", "bí mật");
  TestRepo repo;
  repo.write("site.toml", "title = \"Cổng thử\"\n");
  repo.write(".gitignore", "/public/\n/.gazette/\n");
  repo.write("content/notices/a.md", kAttaching);
  fs::create_directories(repo.root() / "files");
  fs::create_symlink(outside.path() / "secret.txt", repo.root() / "files/so-do.txt");
  repo.commit("Đăng");
  Run publish = gazette_in(repo.root(), "publish");
  CHECK(publish.exit_code == 1);
  CHECK(contains(publish.output,
                 "content/notices/a.md:5:16: error: attachment `files/so-do.txt` leads outside "
                 "the site"));
  git_oid tip;
  CHECK(git_reference_name_to_id(&tip, repo.get(), "refs/heads/site") != 0);  // nothing published
}

TEST_CASE("e2e safety: a refused output folder is left as it was and the build exits 1") {
  for (const char* output : {".git", "files", "content/notices", "site.toml", ".gazette"}) {
    TempSite site({{"content/notices/a.md", notice("A")}, {"files/x.txt", "x"}});
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write("site.toml", std::string("[build]\noutput = \"") + output + "\"\n");
    Run build = gazette_in(site.path(), "build");
    CHECK_MESSAGE(build.exit_code == 1, output);
    CHECK_MESSAGE(contains(build.output, "site.toml:2:10: error: `"), build.output);
    CHECK(site.read(".git/HEAD") == "ref: refs/heads/main\n");
    CHECK(site.read("files/x.txt") == "x");
    CHECK(contains(site.read("content/notices/a.md"), "title = \"A\""));
    CHECK(contains(site.read("site.toml"), "[build]"));
  }
  TempDir parent;
  parent.write("sibling/keep.txt", "giữ");
  parent.write("site/content/notices/a.md", notice("A"));
  parent.write("site/site.toml", "[build]\noutput = \"../sibling\"\n");
  Run build = gazette_in(parent.path() / "site", "build");
  CHECK(build.exit_code == 1);
  CHECK(parent.read("sibling/keep.txt") == "giữ");
}

TEST_CASE(
    "e2e safety: gazette marks what it makes and rebuilds it, and a build that cannot switch "
    "its index exits 1") {
  TempSite site({{"content/notices/a.md", notice("A")}});
  REQUIRE(gazette_in(site.path(), "build").exit_code == 0);
  CHECK(site.exists("public/.made-by-gazette"));
  CHECK(site.exists(".gazette/search/.made-by-gazette"));
  CHECK(gazette_in(site.path(), "build").exit_code == 0);  // its own output: replaced
  // The live link cannot be replaced: a directory stands where it goes.
  fs::remove(site.path() / ".gazette/search/live");
  fs::create_directories(site.path() / ".gazette/search/live/x");
  Run build = gazette_in(site.path(), "build");
  CHECK(build.exit_code == 1);
  CHECK(contains(build.output, "error: cannot write the search index: "));
  CHECK(contains(build.output,
                 "Build failed with 1 error; the new pages are in public, the "
                 "search index is the previous one.\n"));
}

TEST_CASE("e2e safety: gazette new does not write through a symlink out of the site") {
  TempDir outside;
  TempSite site;
  fs::create_directories(site.path() / "content");
  fs::create_directory_symlink(outside.path(), site.path() / "content/notices");
  Run made = gazette_in(site.path(), "new notice \"Thông báo\" --now 2023-04-20T09:00:00+07:00");
  CHECK(made.exit_code == 1);
  CHECK(made.output == "error: content/notices/2023/thong-bao.md leads outside the site (to " +
                           real(outside.path() / "2023/thong-bao.md") +
                           ")\nhint: gazette writes only inside the site: replace the symlink on "
                           "its way with a folder\n");
  CHECK(fs::is_empty(outside.path()));
}
