// Pages made from documents held in memory: strings in, bytes out, no disk.
#include <doctest/doctest.h>

#include "gazette/render.hpp"
#include "memory_history.hpp"
#include "memory_site.hpp"

using namespace gazette;

namespace {

constexpr const char* kNow = "2023-04-20T09:00:00+07:00";

std::string notice(const std::string& title, const std::string& extra = "") {
  return "+++\ntitle = \"" + title + "\"\nissued = 2023-04-12\n" + extra + "+++\nNội dung.\n";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("render: a notice's page escapes its title and shows its call's state at the clock") {
  MemorySite site({{"content/notices/a.md", notice("Gọi <b>đề xuất</b> & \\\"hồ sơ\\\"",
                                                   "deadline = 2023-04-25T17:00:00+07:00\n")}},
                  kNow);
  std::string page = site.file("notice/2023/a/index.html");
  REQUIRE_FALSE(page.empty());
  CHECK(contains(page, "Gọi &lt;b&gt;đề xuất&lt;/b&gt; &amp; &quot;hồ sơ&quot;"));
  CHECK_FALSE(contains(page, "<b>đề xuất</b>"));
  CHECK(contains(page, "call call-closing-soon"));
  CHECK(contains(page, "data-deadline=\"2023-04-25T17:00:00+07:00\""));
}

TEST_CASE("render: the home page and calls.ics list a call only while it is open") {
  std::map<std::string, std::string> files = {
      {"content/notices/open.md", notice("Đợt mở", "deadline = 2023-05-30T17:00:00+07:00\n")},
      {"content/notices/closed.md",
       "+++\ntitle = \"Đợt đóng\"\nissued = 2023-04-01\ndeadline = 2023-04-10T17:00:00+07:00\n"
       "+++\nx\n"}};
  MemorySite before(files, kNow);
  std::string home = before.file("index.html");
  CHECK(contains(home, "/notice/2023/open/"));
  REQUIRE(before.model().open_calls.size() == 1);
  CHECK(before.model().open_calls[0]->slug == "open");
  CHECK(contains(before.file("calls.ics"), "UID:notice/2023/open/deadline@"));
  CHECK_FALSE(contains(before.file("calls.ics"), "notice/2023/closed/"));
  MemorySite after(files, "2023-05-30T17:00:00+07:00");  // the deadline's own second
  CHECK(after.model().open_calls.empty());
  CHECK_FALSE(contains(after.file("calls.ics"), "BEGIN:VEVENT"));
  CHECK(contains(after.file("notice/2023/open/index.html"), "call call-closed"));
}

TEST_CASE("render: every page is in the sitemap with the day it was issued, feeds are not") {
  MemorySite site({{"content/notices/a.md", notice("A")}}, kNow);
  std::string sitemap = site.file("sitemap.xml");
  CHECK(contains(sitemap,
                 "<loc>http://127.0.0.1:8080/notice/2023/a/</loc><lastmod>2023-04-12</lastmod>"));
  CHECK(contains(sitemap, "<loc>http://127.0.0.1:8080/</loc>"));
  CHECK_FALSE(contains(sitemap, "feed.xml"));
  CHECK_FALSE(contains(sitemap, "404.html"));
  CHECK(site.has("notice/feed.xml"));
  CHECK(site.has("data/documents.json"));
}

TEST_CASE("render: a feed's updated is its newest entry's day in the site's time zone") {
  MemorySite site({{"content/notices/a.md", notice("A")},
                   {"content/notices/b.md", "+++\ntitle = \"B\"\nissued = 2023-04-15\n+++\nx\n"}},
                  kNow);
  std::string feed = site.file("notice/feed.xml");
  CHECK(contains(feed, "  <updated>2023-04-15T00:00:00+07:00</updated>\n"));
  CHECK(feed.find("<title>B</title>") < feed.find("<title>A</title>"));
}

TEST_CASE("render: CSV exports quote what needs quoting") {
  MemorySite site({{"content/notices/a.md", notice("Một, hai; \\\"ba\\\"")}}, kNow);
  std::string csv = site.file("data/documents.csv");
  CHECK(csv.rfind("\xEF\xBB\xBFurl,kind,title", 0) == 0);
  CHECK(contains(csv, ",\"Một, hai; \"\"ba\"\"\","));
}

TEST_CASE("render: a proposal list shows its tasks with totals in the site's language") {
  std::string list =
      "title = \"Danh mục\"\nissued = 2023-04-12\nsubmitter = \"Sở A\"\n"
      "[[tasks]]\nstt = 1\nname = \"Nhiệm vụ một\"\nlead = \"Viện X\"\nduration = \"24 tháng\"\n"
      "total = 1500.5\nstate = 1000\ncounterpart = 500.5\n"
      "[[tasks]]\nstt = 2\nname = \"Nhiệm vụ hai\"\nlead = \"Viện Y\"\nduration = \"12 tháng\"\n"
      "total = 2000\nstate = 2000\ncounterpart = 0\n";
  MemorySite site({{"content/proposals/a.toml", list}}, kNow);
  std::string page = site.file("proposal-list/2023/a/index.html");
  REQUIRE_FALSE(page.empty());
  CHECK(contains(page, "Nhiệm vụ một"));
  CHECK(contains(page, "3.500,5"));  // 1500.5 + 2000, Vietnamese separators
  CHECK(contains(site.file("proposal-list/2023/a/tasks.csv"), "1,Nhiệm vụ một,Viện X"));
  CHECK(render::task_url(site.model().documents[0], site.model().documents[0].tasks[1]) ==
        "/proposal-list/2023/a/#task-2");
}

TEST_CASE("render: search results are the site's page, escaped, and an Atom feed") {
  config::SiteConfig config = config::default_config("/site");
  auto pages = render::SearchPages::create(config, 420);
  REQUIRE(pages.ok());
  search::Query q;
  q.text = "<script>x</script>";
  q.now = *parse_rfc3339(kNow);
  search::Results r;
  search::Hit hit;
  hit.listing.url = "/proposal-list/2023/a/#task-2";
  hit.listing.kind = "task";
  hit.listing.title = "Nhiệm vụ <i>hai</i>";
  hit.listing.issued = {2023, 4, 12};
  hit.listing.deadline = parse_rfc3339("2023-04-25T17:00:00+07:00");
  hit.snippet_html = "<mark>hai</mark>";
  r.hits.push_back(hit);
  r.total = 1;
  r.pages = 1;
  std::string html = (*pages)->html(q, r, "");
  CHECK(contains(html, "&lt;script&gt;x&lt;/script&gt;"));
  CHECK_FALSE(contains(html, "<script>x</script>"));
  CHECK(contains(html, "Nhiệm vụ &lt;i&gt;hai&lt;/i&gt;"));
  CHECK(contains(html, "<mark>hai</mark>"));
  CHECK(contains(html, "call call-closing-soon"));
  std::string atom = (*pages)->atom(q, r);
  CHECK(contains(atom, "<category term=\"task\""));
  CHECK(contains(atom, "<published>2023-04-12T00:00:00+07:00</published>"));
  // The answer changes when the time left does: 5 days become 4 a day later.
  CHECK((*pages)->next_change(q, r) == parse_rfc3339("2023-04-20T17:00:01+07:00"));
  CHECK(render::SearchPages::query_string(q) == "q=%3Cscript%3Ex%3C%2Fscript%3E");
}

namespace {

const char* kCallV1 =
    "+++\ntitle = \"Đợt A\"\nissued = 2023-04-12\ndeadline = 2023-04-25T17:00:00+07:00\n+++\n"
    "Hạn nộp trước ngày 25/4.\n";
const char* kCallV2 =
    "+++\ntitle = \"Đợt A\"\nissued = 2023-04-12\ndeadline = 2023-04-28T17:00:00+07:00\n+++\n"
    "Hạn nộp trước ngày 28/4.\n";
const char* kCallV3 =
    "+++\ntitle = \"Đợt A\"\nissued = 2023-04-12\ndeadline = 2023-04-28T17:00:00+07:00\n+++\n"
    "Hạn nộp trước ngày 28/4. Nộp qua bưu điện.\n";

// The call committed three times: added, amended without a note, amended with one.
struct CallHistory {
  config::SiteConfig config = config::default_config("/site");
  MemoryHistory history{config};
  std::string amended_id;
  explicit CallHistory(bool show_subjects) {
    config.history.show_commit_subjects = show_subjects;
    history.commit("content/notices/a.md", kCallV1, "wip: first draft", "",
                   "2023-04-12T10:00:00+07:00");
    amended_id = history
                     .commit("content/notices/a.md", kCallV2, "fix deadline, ask Lan why", "",
                             "2023-04-18T10:00:00+07:00")
                     .short_id;
    history.commit("content/notices/a.md", kCallV3, "tidy kxq", "Bổ sung cách nộp hồ sơ",
                   "2023-04-19T10:00:00+07:00");
  }
  MemorySite site() const {
    return MemorySite({{"content/notices/a.md", kCallV3}}, kNow, config, history.site_history());
  }
};

}  // namespace

TEST_CASE("render: a change without a Change-Note reads neutrally with the fields it changed") {
  CallHistory h(false);
  MemorySite site = h.site();
  std::string page = site.file("notice/2023/a/index.html");
  CHECK(contains(page, "Sửa đổi: Cập nhật văn bản (Hạn nộp hồ sơ, Nội dung)"));
  CHECK(contains(page, "Sửa đổi: Bổ sung cách nộp hồ sơ"));  // a note is what readers see
  CHECK(contains(page, "— Đăng <code>"));                    // an addition says so by itself
  // The extension is listed, with no sentence of its own.
  CHECK(contains(page, "(thông báo ngày 18/4/2023)</li>"));
  std::string change = site.file("notice/2023/a/changes/" + h.amended_id + "/index.html");
  REQUIRE_FALSE(change.empty());
  CHECK(contains(change, "</time> — Cập nhật văn bản (Hạn nộp hồ sơ, Nội dung)"));
  for (const std::string& text : {page, change}) {
    CHECK_FALSE(contains(text, "wip: first draft"));
    CHECK_FALSE(contains(text, "ask Lan"));
    CHECK_FALSE(contains(text, "tidy kxq"));
  }
}

TEST_CASE("render: site.toml's show_commit_subjects shows a subject where there is no note") {
  CallHistory h(true);
  MemorySite site = h.site();
  std::string page = site.file("notice/2023/a/index.html");
  CHECK(contains(page, "Đăng: wip: first draft"));
  CHECK(contains(page, "Sửa đổi: fix deadline, ask Lan why"));
  CHECK(contains(page, "Sửa đổi: Bổ sung cách nộp hồ sơ"));
  CHECK_FALSE(contains(page, "Cập nhật văn bản"));
}
