// A build over the previous output keeps the files that did not change (linked, not written
// again) and makes the rest; after any edit its output is byte for byte what a clean build of
// the same content makes.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "run_gazette.hpp"
#include "search_support.hpp"
#include "temp_site.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* kLater = "2023-05-20T09:00:00+07:00";  // after every deadline below

// Every file under `dir`: relative path → bytes.
std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().lexically_relative(dir).generic_string()] =
        std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

// The paths whose bytes differ between two trees, or that only one has.
std::vector<std::string> differences(const std::map<std::string, std::string>& a,
                                     const std::map<std::string, std::string>& b) {
  std::vector<std::string> out;
  for (const auto& [path, bytes] : a) {
    auto it = b.find(path);
    if (it == b.end()) {
      out.push_back("only in the rebuilt site: " + path);
    } else if (it->second != bytes) {
      out.push_back("differs: " + path);
    }
  }
  for (const auto& [path, bytes] : b) {
    if (!a.count(path)) out.push_back("only in the clean build: " + path);
  }
  return out;
}

// The URLs `query` finds in the index of the site in `dir`, best first.
std::vector<std::string> found(const fs::path& dir, const std::string& query) {
  auto searcher = gazette::search::Searcher::open(dir / ".gazette/search", {});
  REQUIRE_MESSAGE(searcher.ok(), searcher.error().message);
  gazette::search::Query q;
  q.text = query;
  q.now = *gazette::parse_rfc3339(kTestClock);
  q.page_size = 50;
  std::vector<std::string> urls;
  for (const auto& hit : must_search(**searcher, q).hits) urls.push_back(hit.listing.url);
  return urls;
}

const std::vector<std::string> kQueries = {"thông báo", "thong bao a", "noi dung", "cau", "D"};

// The site's sources (not its output or caches) copied into a new site, built there from
// nothing, as of `now`: the output a rebuild must equal, its index answering the same.
std::map<std::string, std::string> clean_build_of(const TempSite& site, const std::string& now) {
  TempDir copy;
  for (const auto& entry : fs::directory_iterator(site.path())) {
    std::string name = entry.path().filename().string();
    if (name == "public" || name == ".gazette" || name.starts_with("public.")) continue;
    fs::copy(entry.path(), copy.path() / name, fs::copy_options::recursive);
  }
  BuiltSite built = build_site(copy.path(), now);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK(built.report.files_kept == 0);
  CHECK_FALSE(built.report.index_kept);
  for (const std::string& query : kQueries) {
    CAPTURE(query);
    CHECK(found(site.path(), query) == found(copy.path(), query));
  }
  return tree(copy.path() / "public");
}

// Rebuilds the site as of `now` and requires its output to equal a clean build's.
gazette::site::BuildReport rebuild_and_compare(const TempSite& site,
                                               const std::string& now = kTestClock) {
  BuiltSite built = site.build(now);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK(differences(tree(site.path() / "public"), clean_build_of(site, now)) ==
        std::vector<std::string>{});
  return built.report;
}

ino_t inode(const TempSite& site, const std::string& relative) {
  struct stat st {};
  REQUIRE(::lstat((site.path() / "public" / relative).c_str(), &st) == 0);
  return st.st_ino;
}

std::string deadline_notice(const std::string& title, const std::string& deadline) {
  return notice(title, "program = \"1322\"\ndeadline = " + deadline + "\n");
}

TempSite small_site() {
  return TempSite(
      {{"content/programs/1322.md", kProgram1322},
       {"content/notices/a.md", deadline_notice("Thông báo A", "2023-04-25T17:00:00+07:00")},
       {"content/notices/b.md", notice("Thông báo B")},
       {"content/notices/c.md", notice("Thông báo C", "", "Xem [A](a.md).\n")},
       {"files/a.txt", "Tệp đính kèm.\n"}});
}

}  // namespace

TEST_CASE("incremental: a rebuild with nothing changed keeps every page and equals a clean build") {
  TempSite site = small_site();
  BuiltSite first = site.build();
  REQUIRE_MESSAGE(first.report.ok, first.messages());
  CHECK(first.report.files_kept == 0);  // nothing to keep yet
  ino_t page = inode(site, "notice/2023/b/index.html");
  gazette::site::BuildReport again = rebuild_and_compare(site);
  CHECK(again.files == first.report.files);
  CHECK(again.files_kept > again.files * 9 / 10);
  CHECK(inode(site, "notice/2023/b/index.html") == page);  // the very file: not written again
}

TEST_CASE("incremental: an edited, an added, a deleted and a renamed notice rebuild as clean") {
  TempSite site = small_site();
  REQUIRE(site.build().report.ok);
  ino_t untouched = inode(site, "notice/2023/b/index.html");

  site.write("content/notices/a.md",
             deadline_notice("Thông báo A sửa", "2023-04-25T17:00:00+07:00") + "Thêm một câu.\n");
  rebuild_and_compare(site);
  CHECK(contains(site.page("notice/2023/a/index.html"), "Thông báo A sửa"));
  CHECK(contains(site.page("index.html"), "Thông báo A sửa"));  // the lists that show it
  CHECK(contains(site.page("notice/2023/c/index.html"), "/notice/2023/a/"));
  CHECK(inode(site, "notice/2023/b/index.html") == untouched);

  site.write("content/notices/d.md", notice("Thông báo D"));
  rebuild_and_compare(site);
  CHECK(contains(site.page("notice/index.html"), "Thông báo D"));

  fs::remove(site.path() / "content/notices/d.md");
  rebuild_and_compare(site);
  CHECK_FALSE(site.exists("public/notice/2023/d/index.html"));

  fs::rename(site.path() / "content/notices/b.md", site.path() / "content/notices/b-moi.md");
  rebuild_and_compare(site);
  CHECK_FALSE(site.exists("public/notice/2023/b/index.html"));
  CHECK(contains(site.page("notice/2023/b-moi/index.html"), "Thông báo B"));
}

TEST_CASE("incremental: site.toml, the theme and an attachment changed rebuild as clean") {
  TempSite site = small_site();
  site.write(
      "content/notices/e.md",
      notice("Thông báo E", "attachments = [{ title = \"Tệp\", file = \"files/a.txt\" }]\n"));
  fs::copy(fs::path(GAZETTE_SOURCE_DIR) / "themes", site.path() / "themes",
           fs::copy_options::recursive);
  BuiltSite first = site.build();
  REQUIRE_MESSAGE(first.report.ok, first.messages());

  site.write("site.toml", "title = \"Cổng mới\"\n");
  gazette::site::BuildReport renamed = rebuild_and_compare(site);
  CHECK(contains(site.page("notice/2023/b/index.html"), "Cổng mới"));  // every page's header
  CHECK(renamed.files_kept <= renamed.files - renamed.pages);

  fs::path css = site.path() / "themes/default/static/css/site.css";
  REQUIRE(fs::exists(css));
  std::ofstream(css, std::ios::app) << "\n.incremental-test { color: black; }\n";
  rebuild_and_compare(site);
  CHECK(contains(site.page("static/css/site.css"), ".incremental-test"));

  fs::path base = site.path() / "themes/default/templates/base.mustache";
  REQUIRE(fs::exists(base));
  std::ofstream(base, std::ios::app) << "<!-- theme edited -->\n";
  gazette::site::BuildReport themed = rebuild_and_compare(site);
  CHECK(contains(site.page("notice/2023/b/index.html"), "<!-- theme edited -->"));
  CHECK(themed.files_kept <= themed.files - themed.pages);  // every page rendered again

  // The same attachment path with new bytes (and a new size, as an editor saves it).
  site.write("files/a.txt", "Tệp đính kèm, bản sửa dài hơn.\n");
  rebuild_and_compare(site);
  CHECK(site.page("files/a.txt") == "Tệp đính kèm, bản sửa dài hơn.\n");
}

TEST_CASE("incremental: a deadline passing changes the pages that show the call, as clean") {
  TempSite site = small_site();
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("notice/2023/a/index.html"), ">Sắp hết hạn</span>"));
  ino_t untouched = inode(site, "notice/2023/b/index.html");
  ino_t calendar = inode(site, "notice/2023/a/a.ics");
  ino_t exported = inode(site, "data/documents.json");
  gazette::site::BuildReport later = rebuild_and_compare(site, kLater);
  // What does not show the clock is the same file: the call's calendar (stamped with the
  // document's last revision) and the exports (as new as the newest document).
  CHECK(inode(site, "notice/2023/a/a.ics") == calendar);
  CHECK(inode(site, "data/documents.json") == exported);
  CHECK(contains(site.page("notice/2023/a/index.html"), ">Đã hết hạn</span>"));
  CHECK_FALSE(contains(site.page("notice/2023/a/index.html"), ">Sắp hết hạn</span>"));
  CHECK(later.files_kept > 0);
  CHECK(inode(site, "notice/2023/b/index.html") == untouched);  // no call, no clock
}

TEST_CASE("incremental: a file changed or replaced in the output is made again, not kept") {
  TempSite site = small_site();
  REQUIRE(site.build().report.ok);
  std::string page = site.page("notice/2023/b/index.html");
  REQUIRE(!page.empty());

  // Edited in place, as a hand fix or a deploy tool might.
  {
    std::ofstream out(site.path() / "public/notice/2023/b/index.html", std::ios::app);
    out << "<!-- edited by hand -->";
  }
  rebuild_and_compare(site);
  CHECK(site.page("notice/2023/b/index.html") == page);

  // Replaced by a symlink to a file outside the site: never followed, never linked.
  TempDir outside;
  fs::path secret = outside.write("secret.txt", "not the site's");
  fs::remove(site.path() / "public/notice/2023/b/index.html");
  fs::create_symlink(secret, site.path() / "public/notice/2023/b/index.html");
  rebuild_and_compare(site);
  CHECK(site.page("notice/2023/b/index.html") == page);
  CHECK_FALSE(fs::is_symlink(site.path() / "public/notice/2023/b/index.html"));
  CHECK(outside.read("secret.txt") == "not the site's");
}

TEST_CASE("incremental: build --clean keeps nothing, and a damaged manifest is ignored") {
  TempSite site = small_site();
  REQUIRE(site.build().report.ok);
  fs::path manifest = site.path() / ".gazette/cache/output-manifest";
  REQUIRE(fs::exists(manifest));

  Run clean = gazette_in(site.path(), "build --clean --now 2023-04-20T09:00:00+07:00");
  REQUIRE(clean.exit_code == 0);
  CHECK(contains(clean.output, "files) in"));  // no "unchanged" count
  Run rebuilt = gazette_in(site.path(), "build --now 2023-04-20T09:00:00+07:00");
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(contains(rebuilt.output, "of them unchanged) in"));

  // Cut short, as by a full disk: nothing in it is trusted, and the build is still right.
  std::string text;
  {
    std::ifstream in(manifest, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::ofstream(manifest, std::ios::binary | std::ios::trunc)
      << text.substr(0, text.size() / 2) << "\ncut";
  gazette::site::BuildReport after = rebuild_and_compare(site);
  CHECK(after.files_kept == 0);
}

TEST_CASE("incremental: the index is kept while its records are the same, written when not") {
  TempSite site = small_site();
  REQUIRE(site.build().report.ok);
  fs::path live = site.path() / ".gazette/search/live";
  fs::path first = fs::read_symlink(live);

  gazette::site::BuildReport same = rebuild_and_compare(site);
  CHECK(same.index_kept);
  CHECK(fs::read_symlink(live) == first);

  // The theme and the clock are not in the index: still kept.
  gazette::site::BuildReport later = rebuild_and_compare(site, kLater);
  CHECK(later.index_kept);

  site.write("content/notices/b.md", notice("Thông báo B", "", "Một câu mới về cầu.\n"));
  gazette::site::BuildReport edited = rebuild_and_compare(site);
  CHECK_FALSE(edited.index_kept);
  CHECK(fs::read_symlink(live) != first);
  CHECK(found(site.path(), "cau") == std::vector<std::string>{"/notice/2023/b/"});

  // --clean writes it again; an index switched away from by hand is not trusted either.
  Run clean = gazette_in(site.path(), "build --clean --now 2023-04-20T09:00:00+07:00");
  REQUIRE(clean.exit_code == 0);
  fs::path after_clean = fs::read_symlink(live);
  CHECK(after_clean != fs::path{});
  fs::remove(live);
  fs::create_directory_symlink("gen-elsewhere", live);
  gazette::site::BuildReport relinked = rebuild_and_compare(site);
  CHECK_FALSE(relinked.index_kept);
}
