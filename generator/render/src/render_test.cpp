// Pages made from documents held in memory: strings in, bytes out, no disk.
#include <doctest/doctest.h>

#include <algorithm>

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

TEST_CASE("render: a feed's updated is its latest entry's, whatever the entries' order") {
  // Closing soon lists the soonest deadline first: here the call issued earlier.
  MemorySite site(
      {{"content/notices/a.md",
        "+++\ntitle = \"A\"\nissued = 2023-04-10\ndeadline = 2023-04-22T17:00:00+07:00\n+++\nx\n"},
       {"content/notices/b.md",
        "+++\ntitle = \"B\"\nissued = 2023-04-14\ndeadline = 2023-04-25T17:00:00+07:00\n+++\nx\n"}},
      kNow);
  std::string soon = site.file("closing-soon.xml");
  REQUIRE(soon.find("<title>A</title>") < soon.find("<title>B</title>"));
  CHECK(contains(soon, "  <updated>2023-04-14T00:00:00+07:00</updated>\n  <author>"));
  // An older document amended since is the feed's latest update, though listed second.
  config::SiteConfig config = config::default_config("/site");
  MemoryHistory history(config);
  history.commit("content/notices/a.md", notice("A"), "Đăng", "", "2023-04-12T10:00:00+07:00");
  history.commit("content/notices/b.md", "+++\ntitle = \"B\"\nissued = 2023-04-15\n+++\nx\n",
                 "Đăng", "", "2023-04-15T10:00:00+07:00");
  history.commit("content/notices/a.md", notice("A", "summary = \"Sửa\"\n"), "Sửa", "",
                 "2023-04-19T16:30:00+07:00");
  MemorySite amended(
      {{"content/notices/a.md", notice("A", "summary = \"Sửa\"\n")},
       {"content/notices/b.md", "+++\ntitle = \"B\"\nissued = 2023-04-15\n+++\nx\n"}},
      kNow, config, history.site_history());
  std::string feed = amended.file("notice/feed.xml");
  REQUIRE(feed.find("<title>B</title>") < feed.find("<title>A</title>"));
  CHECK(contains(feed, "  <updated>2023-04-19T16:30:00+07:00</updated>\n  <author>"));
  CHECK(contains(feed, "    <updated>2023-04-19T16:30:00+07:00</updated>\n    <category"));
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

TEST_CASE("render: an upcoming call says when it opens and counts down to it, then to its end") {
  std::map<std::string, std::string> files = {
      {"content/notices/a.md", notice("Đợt sắp mở",
                                      "opens = 2023-04-25T08:00:00+07:00\n"
                                      "deadline = 2023-05-10T17:00:00+07:00\n")}};
  MemorySite before(files, kNow);
  std::string page = before.file("notice/2023/a/index.html");
  CHECK(contains(
      page,
      "<span class=\"call call-upcoming\" data-deadline=\"2023-05-10T17:00:00+07:00\" "
      "data-opens=\"2023-04-25T08:00:00+07:00\"><span class=\"call-state\">Sắp mở</span> "
      "<span class=\"call-opens\">Bắt đầu nhận: <time datetime=\"2023-04-25T08:00:00+07:00\">"
      "08:00, ngày 25 tháng 4 năm 2023</time> <span class=\"call-opens-in\">(mở sau 4 ngày)"
      "</span></span>"));
  CHECK_FALSE(contains(page, "còn 20 ngày"));  // the deadline's countdown waits for the opening
  CHECK(contains(before.file("index.html"), "(mở sau 4 ngày)"));
  MemorySite hours(files, "2023-04-24T09:00:00+07:00");
  CHECK(contains(hours.file("notice/2023/a/index.html"), "(mở sau 23 giờ)"));
  MemorySite opened(files, "2023-04-26T09:00:00+07:00");
  page = opened.file("notice/2023/a/index.html");
  CHECK(contains(page, "call call-open"));
  CHECK_FALSE(contains(page, "call-opens"));
  CHECK(contains(page, "<span class=\"call-left\">(còn 14 ngày)</span>"));
}

TEST_CASE("render: search results count an upcoming call down to its opening") {
  config::SiteConfig config = config::default_config("/site");
  auto pages = render::SearchPages::create(config, 420);
  REQUIRE(pages.ok());
  search::Query q;
  q.now = *parse_rfc3339(kNow);
  search::Results r;
  search::Hit hit;
  hit.listing.url = "/notice/2023/a/";
  hit.listing.kind = "notice";
  hit.listing.title = "Đợt sắp mở";
  hit.listing.issued = {2023, 4, 12};
  hit.listing.opens = parse_rfc3339("2023-04-22T08:30:00+07:00");
  hit.listing.deadline = parse_rfc3339("2023-05-30T17:00:00+07:00");
  r.hits.push_back(hit);
  r.total = 1;
  r.pages = 1;
  CHECK(contains((*pages)->html(q, r, ""), "(mở sau 47 giờ)"));
  // 47 hours and a half to the opening become 46 and a half at 9:30 (the deadline's 40 days
  // change later, at 17:00).
  CHECK((*pages)->next_change(q, r) == parse_rfc3339("2023-04-20T09:30:01+07:00"));
}

TEST_CASE("render: a contact's phone numbers are tel: links, the rest of the field is text") {
  MemorySite site(
      {{"content/notices/a.md", notice("A",
                                       "contact = { office = \"Phòng A\", phone = \"02153.825.019; "
                                       "(024) 3825 1234 máy lẻ 12 <b>\" }\n")}},
      kNow);
  std::string page = site.file("notice/2023/a/index.html");
  CHECK(contains(page,
                 "<dd><a href=\"tel:02153825019\">02153.825.019</a>; "
                 "<a href=\"tel:02438251234\">(024) 3825 1234</a> máy lẻ 12 &lt;b&gt;</dd>"));
  MemorySite international(
      {{"content/notices/a.md",
        notice("A", "contact = { phone = \"+84 215 3825 019 - 0912.345.678\" }\n")}},
      kNow);
  CHECK(contains(international.file("notice/2023/a/index.html"),
                 "<dd><a href=\"tel:+842153825019\">+84 215 3825 019</a> - "
                 "<a href=\"tel:0912345678\">0912.345.678</a></dd>"));
}

TEST_CASE("render: a call's calendar file is named after the call") {
  MemorySite site(
      {{"content/notices/de-xuat-2024.md", notice("A", "deadline = 2023-04-25T17:00:00+07:00\n")}},
      kNow);
  CHECK(site.has("notice/2023/de-xuat-2024/de-xuat-2024.ics"));
  CHECK_FALSE(site.has("notice/2023/de-xuat-2024/call.ics"));
  CHECK(contains(site.file("notice/2023/de-xuat-2024/index.html"),
                 "href=\"/notice/2023/de-xuat-2024/de-xuat-2024.ics\""));
}

TEST_CASE("render: feeds name the theme's stylesheet, so a browser shows them as a page") {
  MemorySite site({{"content/notices/a.md", notice("A", "deadline = 2023-04-25T17:00:00+07:00\n")}},
                  kNow);
  const std::string pi = "<?xml-stylesheet type=\"text/xsl\" href=\"/static/feed.xsl\"?>\n<feed ";
  CHECK(contains(site.file("feed.xml"), pi));
  CHECK(contains(site.file("closing-soon.xml"), pi));
  bool has_xsl = false;
  for (const auto& f : site.theme().static_files()) has_xsl = has_xsl || f.path == "feed.xsl";
  CHECK(has_xsl);
  auto pages = render::SearchPages::create(config::default_config("/site"), 420);
  REQUIRE(pages.ok());
  CHECK(contains((*pages)->atom(search::Query{}, search::Results{}), pi));
}

TEST_CASE("render: every page links the theme's icon") {
  MemorySite site({{"content/notices/a.md", notice("A")}}, kNow);
  CHECK(contains(site.file("index.html"), "<link rel=\"icon\" href=\"/static/favicon.svg?v="));
  CHECK(contains(site.file("notice/2023/a/index.html"), "type=\"image/svg+xml\">"));
}

namespace {

// The site paths a page links to with href="/…" (fragments and queries dropped).
std::vector<std::string> local_links(const std::string& html) {
  std::vector<std::string> links;
  for (std::size_t at = 0; (at = html.find("href=\"/", at)) != std::string::npos;) {
    at += 6;
    std::string url = html.substr(at, html.find('"', at) - at);
    url = url.substr(0, url.find_first_of("#?"));
    links.push_back(url.back() == '/' ? url.substr(1) + "index.html" : url.substr(1));
  }
  return links;
}

}  // namespace

TEST_CASE("render: the open-data page lists every export, and each is a file of the site") {
  std::string list =
      "title = \"Danh mục của tỉnh A\"\nissued = 2023-04-12\nprogram = \"1322\"\nround = 2024\n"
      "submitter = \"Sở A\"\n[[tasks]]\nstt = 1\nname = \"Nhiệm vụ\"\nlead = \"Viện X\"\n"
      "total = 10\nstate = 10\ncounterpart = 0\n";
  std::string loose =
      "title = \"Danh mục lẻ\"\nissued = 2023-04-13\n[[tasks]]\nstt = 1\nname = \"Một\"\n"
      "lead = \"Viện Y\"\ntotal = 5\nstate = 5\ncounterpart = 0\n";
  MemorySite site(
      {{"content/programs/1322.md",
        "+++\ntitle = \"Chương trình 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\nx\n"},
       {"content/notices/a.md",
        notice("A", "province = \"Điện Biên\"\ndeadline = 2023-04-25T17:00:00+07:00\n")},
       {"content/proposals/tinh-a.toml", list},
       {"content/proposals/le.toml", loose}},
      kNow);
  std::string page = site.file("open-data/index.html");
  std::string main = page.substr(page.find("<main"), page.find("</main>") - page.find("<main"));
  std::vector<std::string> links = local_links(main);
  auto linked = [&](const std::string& path) {
    return std::find(links.begin(), links.end(), path) != links.end();
  };
  for (const char* path :
       {"data/documents.json", "data/documents.csv", "sitemap.xml", "calls.ics", "closing-soon.xml",
        "feed.xml", "notice/feed.xml", "program/1322/feed.xml", "province/dien-bien/feed.xml",
        "proposal-list/form.csv", "program/1322/2024/proposals/index.html",
        "program/1322/2024/proposals/tasks.csv", "proposal-list/2023/tinh-a/tasks.csv",
        "proposal-list/2023/tinh-a/tasks.json", "proposal-list/2023/le/tasks.csv",
        "proposal-list/2023/le/tasks.json"}) {
    CAPTURE(path);
    CHECK(linked(path));
  }
  for (const auto& path : links) {
    CAPTURE(path);
    CHECK(site.has(path));
  }
}

TEST_CASE("render: a proposal list's amounts come before its long texts, totals under them") {
  std::string list =
      "title = \"Danh mục\"\nissued = 2023-04-12\nsubmitter = \"Sở A\"\n"
      "[[tasks]]\nstt = 1\nname = \"Nhiệm vụ một\"\nlead = \"Viện X\"\nobjectives = \"Mục tiêu "
      "A\"\n"
      "total = 1500.5\nstate = 1000\ncounterpart = 500.5\n";
  MemorySite site({{"content/proposals/a.toml", list}}, kNow);
  std::string page = site.file("proposal-list/2023/a/index.html");
  std::size_t row = page.find("<tr id=\"task-1\">");
  REQUIRE(row != std::string::npos);
  std::size_t total = page.find("data-label=\"Tổng số\">1.500,5</td>", row);
  std::size_t objectives = page.find("data-label=\"Mục tiêu\">Mục tiêu A</td>", row);
  REQUIRE(total != std::string::npos);
  REQUIRE(objectives != std::string::npos);
  CHECK(total < objectives);
  CHECK(page.find("<th scope=\"col\" rowspan=\"2\" class=\"col-orgs\">") <
        page.find("<th scope=\"colgroup\" colspan=\"3\" class=\"col-budget\">"));
  CHECK(page.find("<th scope=\"colgroup\" colspan=\"3\" class=\"col-budget\">") <
        page.find(">Mục tiêu</th>"));
  CHECK(contains(page, "<th scope=\"row\" colspan=\"3\">Tổng cộng (1 nhiệm vụ)</th>"));
}

namespace {

const char* const kCallV1 =
    "+++\ntitle = \"Đợt A\"\nissued = 2023-04-12\ndeadline = 2023-04-25T17:00:00+07:00\n+++\n"
    "Hạn nộp trước ngày 25/4.\n";
const char* const kCallV2 =
    "+++\ntitle = \"Đợt A\"\nissued = 2023-04-12\ndeadline = 2023-04-28T17:00:00+07:00\n+++\n"
    "Hạn nộp trước ngày 28/4.\n";
const char* const kCallV3 =
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
  CHECK(contains(page, "Sửa đổi: <bdi>Cập nhật văn bản (Hạn nộp hồ sơ, Nội dung)</bdi>"));
  CHECK(
      contains(page, "Sửa đổi: <bdi>Bổ sung cách nộp hồ sơ</bdi>"));  // a note is what readers see
  CHECK(contains(page, "— Đăng <code>"));  // an addition says so by itself
  // The extension is listed, with no sentence of its own.
  CHECK(contains(page, "(thông báo ngày 18/4/2023)</li>"));
  std::string change = site.file("notice/2023/a/changes/" + h.amended_id + "/index.html");
  REQUIRE_FALSE(change.empty());
  CHECK(contains(change, "</time> — <bdi>Cập nhật văn bản (Hạn nộp hồ sơ, Nội dung)</bdi>"));
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
  CHECK(contains(page, "Đăng: <bdi>wip: first draft</bdi>"));
  CHECK(contains(page, "Sửa đổi: <bdi>fix deadline, ask Lan why</bdi>"));
  CHECK(contains(page, "Sửa đổi: <bdi>Bổ sung cách nộp hồ sơ</bdi>"));
  CHECK_FALSE(contains(page, "Cập nhật văn bản"));
}

TEST_CASE("render: the programme facet and filter show programme names from the results") {
  auto pages = render::SearchPages::create(config::default_config("/site"), 420);
  REQUIRE(pages.ok());
  search::Query q;
  q.now = *parse_rfc3339(kNow);
  q.programs = {"1322"};
  search::Results r;
  search::Hit hit;
  hit.listing.url = "/notice/2023/a/";
  hit.listing.kind = "notice";
  hit.listing.title = "A";
  hit.listing.issued = {2023, 4, 12};
  r.hits.push_back(hit);
  r.total = 1;
  r.pages = 1;
  search::Facet programs;
  programs.name = "program";
  programs.values = {{"1322", 3}, {"TTTT", 1}};
  programs.labels = {{"1322", "Chương trình <năng suất>"}};
  r.facets.push_back(programs);
  std::string html = (*pages)->html(q, r, "");
  CHECK(contains(
      html, "<span class=\"tag\"><bdi>Chương trình &lt;năng suất&gt;</bdi> <a href=\"/search\">"));
  CHECK(
      contains(html, ">Chương trình &lt;năng suất&gt;</bdi></a> <span class=\"count\">(3)</span>"));
  CHECK(contains(html, ">Chương trình TTTT</bdi></a> <span class=\"count\">(1)</span>"));
  CHECK_FALSE(contains(html, "Chương trình 1322"));
  // On a phone the filters come after the results: a link before the hits leads to them.
  CHECK(html.find("<a href=\"#facets\">") < html.find("<ol class=\"summaries results\">"));
  CHECK(contains(html, "<aside class=\"facets\" id=\"facets\""));
}

TEST_CASE("render: a round's open calls head its first page only, its documents every page") {
  std::map<std::string, std::string> files = {
      {"content/programs/1322.md",
       "+++\ntitle = \"Chương trình 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\nx\n"}};
  for (int i = 0; i < 3; ++i) {
    files["content/notices/n" + std::to_string(i) + ".md"] = notice(
        "Đợt " + std::to_string(i), "program = \"1322\"\nround = 2024\ndeadline = 2023-05-2" +
                                        std::to_string(i) + "T17:00:00+07:00\n");
  }
  gazette::config::SiteConfig config = gazette::config::default_config("/site");
  config.list_page_size = 2;
  MemorySite site(files, kNow, config);
  std::string first = site.file("program/1322/2024/index.html");
  std::string second = site.file("program/1322/2024/page/2/index.html");
  REQUIRE_FALSE(second.empty());
  CHECK(contains(first, "round-open-heading"));
  for (int i = 0; i < 3; ++i) CHECK(contains(first, "/notice/2023/n" + std::to_string(i) + "/"));
  CHECK_FALSE(contains(second, "round-open-heading"));
  CHECK(contains(second, "Trang 2/2"));
}
