// End-to-end: the public history of documents, from real git repositories made in the test
// through libgit2; publishing to the append-only branch and verifying copies.
#include <doctest/doctest.h>

#include <toml++/toml.h>

#include <cstdlib>
#include <sstream>
#include <vector>

#include "run_gazette.hpp"
#include "temp_site.hpp"
#include "test_repo.hpp"

using gazette::history::test::TestRepo;

namespace {

constexpr std::int64_t kApril20 = 1681956000;  // 2023-04-20T09:00:00+07:00

const char* const kNoticeV1 =
    "+++\ntitle = \"Thông báo đề xuất\"\nkind = \"notice\"\nissued = 2023-04-12\n"
    "deadline = 2023-04-25T17:00:00+07:00\n+++\nThời hạn nhận hồ sơ: Trước ngày 25/4/2023.\n";
const char* const kNoticeV2 =
    "+++\ntitle = \"Thông báo đề xuất\"\nkind = \"notice\"\nissued = 2023-04-12\n"
    "deadline = 2023-04-30T17:00:00+07:00\n+++\nThời hạn nhận hồ sơ: Trước ngày 30/4/2023.\n";

// A site that is its own repository: site.toml and content/ committed.
struct GitSite {
  TestRepo repo;
  GitSite() {
    repo.write("site.toml", "title = \"Cổng thử\"\n");
    repo.write(".gitignore", "/public/\n/.gazette/\n");
  }
  TempSite::Built build(const std::string& now = "2023-04-27T09:00:00+07:00") {
    return build_site(repo.root(), now);
  }
  std::string page(const std::string& p) const {
    std::ifstream in(repo.root() / "public" / p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("e2e history: a page shows when it was published, amended, and what changed") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng thông báo", {}, kApril20 - std::int64_t{7} * 86400);
  site.repo.write("content/notices/a.md", kNoticeV2);
  std::string amended = site.repo.commit(
      "Extend deadline\n\nChange-Note: Gia hạn nhận hồ sơ đến ngày 30/4/2023\n", {}, kApril20);
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = site.page("notice/2023/a/index.html");
  CHECK(contains(html, "Đăng lần đầu"));
  CHECK(contains(html, "ngày 13 tháng 4 năm 2023"));  // first published
  CHECK(contains(html, "Sửa đổi lần cuối"));
  CHECK(contains(html, "ngày 20 tháng 4 năm 2023"));  // last amended
  CHECK(
      contains(html, "Gia hạn nhận hồ sơ đến ngày 30/4/2023"));  // the change note, not the message
  CHECK_FALSE(contains(html, "Extend deadline"));
  std::string change_url = "notice/2023/a/changes/" + amended.substr(0, 7) + "/index.html";
  CHECK(contains(html, "href=\"/" + change_url.substr(0, change_url.size() - 10) + "\""));
  std::string change = site.page(change_url);
  REQUIRE_FALSE(change.empty());
  CHECK(contains(change, "<del><bdi>17:00, ngày 25 tháng 4 năm 2023</bdi></del>"));
  CHECK(contains(change, "<ins><bdi>17:00, ngày 30 tháng 4 năm 2023</bdi></ins>"));
  CHECK(contains(change, "<del>25/4/2023</del><ins>30/4/2023</ins>"));
  CHECK(contains(html, "Phiên bản nguồn"));
  CHECK(contains(html, site.repo.head().substr(0, 7)));
}

TEST_CASE("e2e history: a minor change is listed but does not bump last amended") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng", {}, kApril20 - std::int64_t{86400} * 7);
  site.repo.write("content/notices/a.md", std::string(kNoticeV1) + "\nSửa lỗi chính tả.\n");
  site.repo.commit("Typo\n\nChange-Note: Sửa lỗi chính tả\nUpdate-Type: minor\n", {}, kApril20);
  REQUIRE(site.build().report.ok);
  std::string html = site.page("notice/2023/a/index.html");
  CHECK(contains(html, "Sửa lỗi chính tả"));
  CHECK(contains(html, "sửa lỗi nhỏ"));
  CHECK_FALSE(contains(html, "Sửa đổi lần cuối"));
}

TEST_CASE("e2e history: a renamed file keeps its history, a merge's change appears once") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng", {}, kApril20 - std::int64_t{86400} * 7);
  site.repo.branch("sua-doi");
  site.repo.checkout("sua-doi");
  site.repo.write("content/notices/a.md", kNoticeV2);
  site.repo.commit("Gia hạn trên nhánh", {}, kApril20 - 86400);
  site.repo.checkout("main");
  site.repo.merge("sua-doi", "Hợp nhất: gia hạn");
  site.repo.rename("content/notices/a.md", "content/notices/b.md");
  site.repo.commit("Đổi tên tệp", {}, kApril20 + 86400);
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = site.page("notice/2023/b/index.html");
  CHECK(contains(html, "ngày 13 tháng 4 năm 2023"));  // published when a.md was added
  // The merge's change once, as its first parent sees it; the move as a move. Neither commit
  // has a Change-Note: readers see what changed, not the subjects written for editors.
  CHECK(occurrences(html, "Sửa đổi: <bdi>Cập nhật văn bản (Hạn nộp hồ sơ, Nội dung)</bdi>") == 1);
  CHECK(contains(html, "— Đổi địa chỉ tệp <code>"));
  CHECK_FALSE(contains(html, "Hợp nhất: gia hạn"));
  CHECK_FALSE(contains(html, "Gia hạn trên nhánh"));
  CHECK_FALSE(contains(html, "Đổi tên tệp"));
}

TEST_CASE("e2e history: [history] show_commit_subjects shows subjects where there is no note") {
  GitSite site;
  site.repo.write("site.toml", "title = \"Cổng thử\"\n[history]\nshow_commit_subjects = true\n");
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng thông báo", {}, kApril20 - std::int64_t{7} * 86400);
  site.repo.write("content/notices/a.md", kNoticeV2);
  site.repo.commit("Gia hạn", {}, kApril20 - 86400);
  site.repo.write("content/notices/a.md", std::string(kNoticeV2) + "Thêm.\n");
  site.repo.commit("Bổ sung\n\nChange-Note: Bổ sung nội dung\n", {}, kApril20);
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = site.page("notice/2023/a/index.html");
  CHECK(contains(html, "Đăng: <bdi>Đăng thông báo</bdi>"));
  CHECK(occurrences(html, "Sửa đổi: <bdi>Gia hạn</bdi> <code>") == 1);
  CHECK(contains(html, "Sửa đổi: <bdi>Bổ sung nội dung</bdi>"));  // the note, not the subject
  CHECK_FALSE(contains(html, "Cập nhật văn bản"));
}

TEST_CASE("e2e history: uncommitted changes are marked, publish refuses them") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng", {}, kApril20);
  site.repo.write("content/notices/a.md", kNoticeV2);  // edited, not committed
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("notice/2023/a/index.html"), "chưa được đăng chính thức"));
  Run publish = gazette_in(site.repo.root(), "publish");
  CHECK(publish.exit_code == 1);
  CHECK(contains(publish.output, "refusing to publish content that is not committed"));
  CHECK(contains(publish.output, "content/notices/a.md"));
}

TEST_CASE("e2e history: publish is append-only, verify catches tampering") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng", {}, kApril20);
  Run first = gazette_in(site.repo.root(), "publish --now 2023-04-27T09:00:00+07:00");
  REQUIRE_MESSAGE(first.exit_code == 0, first.output);
  CHECK(contains(first.output, "on branch site (source commit " + site.repo.head().substr(0, 7)));
  Run again = gazette_in(site.repo.root(), "publish --now 2023-04-27T09:00:00+07:00");
  CHECK(contains(again.output, "Nothing to publish"));
  site.repo.write("content/notices/a.md", kNoticeV2);
  site.repo.commit("Gia hạn", {}, kApril20 + 3600);
  Run second = gazette_in(site.repo.root(), "publish --now 2023-04-27T09:00:00+07:00");
  REQUIRE_MESSAGE(second.exit_code == 0, second.output);
  // The branch grew by one commit whose parent is the first publication.
  git_oid tip;
  REQUIRE(git_reference_name_to_id(&tip, site.repo.get(), "refs/heads/site") == 0);
  git_commit* tip_commit = site.repo.lookup(TestRepo::hex(tip));
  CHECK(git_commit_parentcount(tip_commit) == 1);
  git_commit* parent = nullptr;
  REQUIRE(git_commit_parent(&parent, tip_commit, 0) == 0);
  CHECK(git_commit_parentcount(parent) == 0);
  CHECK(std::string(git_commit_message(tip_commit)).find("Source-Commit: " + site.repo.head()) !=
        std::string::npos);
  git_commit_free(parent);
  git_commit_free(tip_commit);
  // A copy of the site as a web server would serve it.
  Run good = gazette_in(site.repo.root(), "verify public");
  CHECK_MESSAGE(good.exit_code == 0, good.output);
  CHECK(good.output ==
        "public matches the published commit " + TestRepo::hex(tip).substr(0, 7) + "\n");
  std::ofstream(site.repo.root() / "public/notice/2023/a/index.html", std::ios::app)
      << "<!-- x -->";
  std::filesystem::remove(site.repo.root() / "public/feed.xml");
  std::ofstream(site.repo.root() / "public/extra.html") << "x";
  Run bad = gazette_in(site.repo.root(), "verify public");
  CHECK(bad.exit_code == 1);
  CHECK(contains(bad.output, "differs  notice/2023/a/index.html"));
  CHECK(contains(bad.output, "missing  feed.xml"));
  CHECK(contains(bad.output, "extra    extra.html"));
  CHECK(contains(bad.output, "public does not match the published commit " +
                                 TestRepo::hex(tip).substr(0, 7) +
                                 ": 1 differ, 1 missing, 1 extra"));
}

namespace {

// What build and check say of a published page that is gone (publish says it as an error).
std::string gone_page(const char* severity, const std::string& url) {
  std::string hint =
      "To keep the page, restore its document where it was and mark it withdrawn in its front "
      "matter (the page stays online, shown as no longer in force):\n"
      "    withdrawn = true  # or the reason: withdrawn = \"...\"\n"
      "or, if it moved, say where in site.toml:\n"
      "    [[redirects]]\n"
      "    from = \"" +
      url + "\"\n    to = \"/its/new/address/\"\n";
  bool error = std::string(severity) == "error";
  return std::string("site.toml: ") + severity + ": the published page " + url +
         " (branch `site`) would disappear\nhint: " +
         (error ? "" : "gazette publish refuses this. ") + hint;
}

// The TOML a hint offers to paste: each run of its lines indented by four spaces.
std::vector<std::string> pasted_toml(const std::string& output) {
  std::vector<std::string> blocks;
  std::istringstream in(output);
  bool open = false;
  for (std::string line; std::getline(in, line);) {
    bool indented = line.rfind("    ", 0) == 0;
    if (indented && !open) blocks.emplace_back();
    if (indented) blocks.back() += line.substr(4) + "\n";
    open = indented;
  }
  return blocks;
}

}  // namespace

TEST_CASE("e2e history: a published page may not disappear without a redirect") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.commit("Đăng", {}, kApril20);
  Run published = gazette_in(site.repo.root(), "publish");
  REQUIRE_MESSAGE(published.exit_code == 0, published.output);
  REQUIRE(contains(published.output, "on branch site (source commit "));
  std::string tip = site.repo.head();
  site.repo.rename("content/notices/a.md", "content/notices/moi.md");
  site.repo.commit("Đổi địa chỉ", {}, kApril20 + 60);
  // Building and checking go on (the site can be worked on); publishing refuses.
  auto warned = site.build();
  CHECK(warned.report.ok);
  CHECK(contains(warned.messages(),
                 "the published page /notice/2023/a/ (branch `site`) would disappear"));
  Run check = gazette_in(site.repo.root(), "check");
  CHECK(check.exit_code == 0);
  CHECK(contains(check.output, gone_page("warning", "/notice/2023/a/")));
  Run build = gazette_in(site.repo.root(), "build");
  CHECK(build.exit_code == 0);
  CHECK(contains(build.output, gone_page("warning", "/notice/2023/a/")));
  Run refused = gazette_in(site.repo.root(), "publish");
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.output, gone_page("error", "/notice/2023/a/")));
  CHECK_FALSE(contains(refused.output, "Published"));
  site.repo.write("site.toml",
                  "title = \"Cổng thử\"\n[[redirects]]\nfrom = \"/notice/2023/a/\"\nto = "
                  "\"/notice/2023/moi/\"\n");
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK_FALSE(contains(built.messages(), "would disappear"));
  std::string redirect = site.page("notice/2023/a/index.html");
  CHECK(contains(redirect, "<meta http-equiv=\"refresh\" content=\"0; url=/notice/2023/moi/\">"));
  CHECK(contains(redirect, "href=\"/notice/2023/moi/\""));
}

TEST_CASE(
    "e2e history: a deleted published document blocks publish only, and the hint's TOML works") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.write("content/notices/b.md", kNoticeV2);
  site.repo.commit("Đăng", {}, kApril20);
  REQUIRE(gazette_in(site.repo.root(), "publish").exit_code == 0);
  site.repo.remove("content/notices/a.md");
  site.repo.commit("Xoá a", {}, kApril20 + 60);
  Run check = gazette_in(site.repo.root(), "check");
  CHECK(check.exit_code == 0);
  CHECK(contains(check.output, gone_page("warning", "/notice/2023/a/")));
  CHECK(contains(check.output, "1 document checked: 0 errors, 1 warning\n"));
  Run refused = gazette_in(site.repo.root(), "publish");
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.output, gone_page("error", "/notice/2023/a/")));
  // Both pieces of TOML the hint shows are TOML, and each does what it says when pasted.
  std::vector<std::string> toml = pasted_toml(refused.output);
  REQUIRE(toml.size() == 2);
  for (const std::string& piece : toml) {
    CAPTURE(piece);
    CHECK_NOTHROW((void)toml::parse(piece));
  }
  CHECK(toml::parse(toml[0])["withdrawn"].value<bool>() == true);
  CHECK(toml::parse(toml[1])["redirects"][0]["from"].value<std::string>() == "/notice/2023/a/");
  std::string restored = kNoticeV1;
  restored.insert(restored.find("+++\n", 4), toml[0]);  // the last line of the front matter
  site.repo.write("content/notices/a.md", restored);
  site.repo.commit("Giữ a, đã thu hồi", {}, kApril20 + 120);
  Run kept = gazette_in(site.repo.root(), "publish");
  CHECK_MESSAGE(kept.exit_code == 0, kept.output);
  CHECK_FALSE(contains(kept.output, "would disappear"));
  CHECK(contains(site.page("notice/2023/a/index.html"), "Thông báo đề xuất"));
  // The other way: the redirect pasted into site.toml (its target filled in).
  site.repo.remove("content/notices/a.md");
  site.repo.write("site.toml", "title = \"Cổng thử\"\n" + toml[1]);
  auto redirect = site.build();
  REQUIRE_MESSAGE(redirect.report.ok, redirect.messages());
  CHECK_FALSE(contains(redirect.messages(), "would disappear"));
  CHECK(contains(site.page("notice/2023/a/index.html"), "url=/its/new/address/"));
}

TEST_CASE("e2e history: a published document made a draft is named, with how to keep its page") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  site.repo.write("content/notices/b.md", kNoticeV2);  // the year's archive page stays
  site.repo.commit("Đăng", {}, kApril20);
  REQUIRE(gazette_in(site.repo.root(), "publish").exit_code == 0);
  std::string draft = kNoticeV1;
  draft.insert(draft.find("+++\n", 4), "draft = true\n");
  site.repo.write("content/notices/a.md", draft);
  site.repo.commit("Nháp lại", {}, kApril20 + 60);
  Run refused = gazette_in(site.repo.root(), "publish");
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.output,
                 "content/notices/a.md: error: the published page /notice/2023/a/ (branch "
                 "`site`) would disappear\nhint: content/notices/a.md is a draft now, and a "
                 "published page cannot go back to being a draft: delete its `draft = true`"));
  CHECK_FALSE(contains(refused.output, "restore its document where it was"));
  Run check = gazette_in(site.repo.root(), "check");
  CHECK(check.exit_code == 0);
  CHECK(contains(check.output,
                 "hint: gazette publish refuses this. content/notices/a.md is a "
                 "draft now"));
  // The hint's TOML, in place of the draft line, keeps the page.
  std::vector<std::string> toml = pasted_toml(refused.output);
  REQUIRE(toml.size() == 1);
  std::string withdrawn = kNoticeV1;
  withdrawn.insert(withdrawn.find("+++\n", 4), toml[0]);
  site.repo.write("content/notices/a.md", withdrawn);
  site.repo.commit("Thu hồi", {}, kApril20 + 120);
  Run kept = gazette_in(site.repo.root(), "publish");
  CHECK_MESSAGE(kept.exit_code == 0, kept.output);
  CHECK_FALSE(contains(kept.output, "would disappear"));
}

TEST_CASE("e2e history: search answers name the commit their index was built from") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  std::string first = site.repo.commit("Đăng thông báo", {}, kApril20 - std::int64_t{7} * 86400);
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("index.html"), first.substr(0, 7)));
  Run search = gazette_in(site.repo.root(), "search \"thong bao\" --json");
  REQUIRE(search.exit_code == 0);
  CHECK(contains(search.output, "\"source_commit\":\"" + first + "\""));
  site.repo.write("content/notices/a.md", kNoticeV2);
  std::string second = site.repo.commit("Gia hạn", {}, kApril20);
  REQUIRE(site.build().report.ok);
  search = gazette_in(site.repo.root(), "search \"thong bao\" --json");
  CHECK(contains(search.output, "\"source_commit\":\"" + second + "\""));
}

TEST_CASE("e2e history: a shallow clone shows no dates and cannot publish") {
  GitSite site;
  site.repo.write("content/notices/a.md", kNoticeV1);
  std::string first = site.repo.commit("Đăng", {}, kApril20 - 86400);
  site.repo.write("content/notices/a.md", kNoticeV2);
  site.repo.commit("Gia hạn", {}, kApril20);
  site.repo.make_shallow(site.repo.head());
  auto built = site.build();
  REQUIRE(built.report.ok);
  CHECK(contains(built.messages(), "warning: this is a shallow clone"));
  CHECK_FALSE(contains(site.page("notice/2023/a/index.html"), "Đăng lần đầu"));
  Run publish = gazette_in(site.repo.root(), "publish");
  CHECK(publish.exit_code == 1);
  CHECK(contains(publish.output, "shallow clone"));
}

TEST_CASE("e2e history: content that is not in git builds with a warning and no history") {
  TempSite site({{"content/notices/a.md", std::string(kNoticeV1)}});
  auto built = site.build();
  REQUIRE(built.report.ok);
  CHECK(contains(built.messages(), "content/ is not in a git repository"));
  CHECK_FALSE(contains(site.page("notice/2023/a/index.html"), "Lịch sử thay đổi"));
}

TEST_CASE("e2e history: content in a git submodule has its own history") {
  GitSite outer;
  outer.repo.commit("Khung trang", {}, kApril20 - std::int64_t{86400} * 30);
  // The content is a repository of its own inside the site (as a submodule's work tree is).
  TestRepo content(outer.repo.root() / "content");
  content.write("notices/a.md", kNoticeV1);
  content.commit("Đăng\n\nChange-Note: Đăng trong kho nội dung\n", {},
                 kApril20 - std::int64_t{86400} * 7);
  auto built = outer.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = outer.page("notice/2023/a/index.html");
  CHECK(contains(html, "Đăng trong kho nội dung"));
  CHECK(contains(html, "ngày 13 tháng 4 năm 2023"));
}
