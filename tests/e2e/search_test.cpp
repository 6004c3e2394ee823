// End-to-end search: real sites built and indexed, `gazette serve` answering HTTP on
// 127.0.0.1, xapian-tcpsrv serving a remote shard, a generated corpus for relevance.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "gazette/search.hpp"
#include "gazette/serve.hpp"
#include "loopback.hpp"
#include "running_server.hpp"
#include "temp_site.hpp"

namespace {

bool can_connect(int port) {
  int fd = connect_loopback(port);
  if (fd >= 0) close(fd);
  return fd >= 0;
}

// A child process killed when the test ends, however it ends.
struct Child {
  pid_t pid = -1;
  ~Child() {
    if (pid > 0) {
      kill(-pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
  }
};

std::map<std::string, std::string> sample_site() {
  return {
      {"content/programs/1322.md",
       "+++\ntitle = \"Chương trình 1322\"\nnumber = \"1322/QĐ-TTg\"\nissuer = \"Thủ tướng Chính "
       "phủ\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\nNâng cao năng suất và chất lượng.\n"},
      {"content/notices/a.md",
       notice("Đề xuất nhiệm vụ năng suất chất lượng",
              "province = \"Điện Biên\"\nprogram = \"1322\"\nround = 2024\n"
              "deadline = 2023-04-25T17:00:00+07:00\nnumber = \"12/TB-SKHCN\"\n",
              "Hỗ trợ doanh nghiệp nâng cao năng suất và chất lượng sản phẩm.\n")},
      {"content/notices/b.md", notice("Thông báo về đường giao thông", "province = \"Hà Nội\"\n",
                                      "Dự án đường tỉnh lộ. <script>alert(1)</script>\n")},
      {"content/guidance/c.md",
       "+++\ntitle = \"Hướng dẫn dương lịch\"\nissued = 2023-01-05\nprogram = \"1322\"\nround = "
       "2023\ndeadline = 2023-02-01T17:00:00+07:00\n+++\nĐương nhiên.\n"},
  };
}

}  // namespace

TEST_CASE("e2e search: the build writes the index and /api/search answers from it") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  auto j = server.api("q=nang+suat+chat+luong");
  auto urls = urls_of(j);
  REQUIRE_FALSE(urls.empty());
  CHECK(urls[0] == "/notice/2023/a/");
  CHECK(j["hits"][0]["state"] == "closing-soon");
  CHECK(j["hits"][0]["snippet"].get<std::string>().find("<mark>năng</mark>") != std::string::npos);
  CHECK(urls_of(server.api("q=12%2FTB-SKHCN")) == std::vector<std::string>{"/notice/2023/a/"});
  CHECK(urls_of(server.api("q=1322+qd+ttg")) == std::vector<std::string>{"/program/1322/"});
  // Filters and facets.
  CHECK(urls_of(server.api("province=%C4%90i%E1%BB%87n+Bi%C3%AAn")) ==
        std::vector<std::string>{"/notice/2023/a/"});
  CHECK(urls_of(server.api("program=1322&round=2023")) ==
        std::vector<std::string>{"/guidance/2023/c/"});
  CHECK(urls_of(server.api("open=1")) == std::vector<std::string>{"/notice/2023/a/"});
  auto all = server.api("facets=1");
  CHECK(all["total"] == 4);
  CHECK(all["facets"].contains("kind"));
}

TEST_CASE("e2e search: answers say how many calls are open, and read a misspelling as meant") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);  // at 2023-04-20 09:00: /notice/2023/a/ is open
  auto j = server.api("q=nang+suat");
  CHECK(j["open"] == 1);
  CHECK(j["open_exact"] == true);
  CHECK(j["corrected"] == false);
  auto page = server.get("/search?q=nang+suat");
  REQUIRE(page);
  CHECK(
      contains(page->body, "<p class=\"count\" role=\"status\">2 kết quả · 1 đang nhận hồ sơ</p>"));
  // "năng xuất": searched as "năng suất", said so, with a link to the words as typed.
  auto corrected = server.api("q=n%C4%83ng%20xu%E1%BA%A5t");
  CHECK(corrected["corrected"] == true);
  CHECK(corrected["suggestion"] == "năng suất");
  CHECK(urls_of(corrected).front() == "/notice/2023/a/");
  auto shown = server.get("/search?q=n%C4%83ng%20xu%E1%BA%A5t");
  REQUIRE(shown);
  CHECK(contains(shown->body, "Kết quả cho: <strong>năng suất</strong>."));
  CHECK(contains(shown->body, "href=\"/search?q=n%C4%83ng+xu%E1%BA%A5t&amp;as_typed=1\""));
  auto typed = server.api("q=n%C4%83ng%20xu%E1%BA%A5t&as_typed=1");
  CHECK(typed["corrected"] == false);
}

TEST_CASE("e2e search: the results page is the site's page, escaped, with its Atom feed") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  auto res = server.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20duong");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK_FALSE(contains(res->body, "<script>alert(1)</script>"));
  CHECK(contains(res->body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(res->body, "<link rel=\"alternate\" type=\"application/atom+xml\""));
  CHECK(contains(res->body, "/search.atom?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E+duong"));
  auto feed = server.get("/search.atom?program=1322&province=%C4%90i%E1%BB%87n+Bi%C3%AAn");
  REQUIRE(feed);
  CHECK(feed->status == 200);
  CHECK(contains(feed->body, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK(contains(feed->body, "/notice/2023/a/"));
  CHECK_FALSE(contains(feed->body, "/notice/2023/b/"));
  auto page = server.get("/search?q=nang+suat");
  REQUIRE(page);
  CHECK(contains(page->body, "<mark>"));
  CHECK(contains(page->body, "Đề xuất nhiệm vụ năng suất chất lượng"));
}

TEST_CASE("e2e search: the programme facet shows the programme's name, from the index") {
  auto files = sample_site();
  files["content/programs/1322.md"] =
      "+++\ntitle = \"Chương trình quốc gia về năng suất\"\nissued = 2020-08-31\n"
      "program = \"1322\"\n+++\nx\n";
  TempSite site(files);
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  auto page = server.get("/search?q=&program=1322");
  REQUIRE(page);
  CHECK(
      contains(page->body, "<span class=\"tag\"><bdi>Chương trình quốc gia về năng suất</bdi> <a"));
  CHECK(
      contains(page->body, ">Chương trình quốc gia về năng suất</bdi></a> <span class=\"count\">"));
  CHECK_FALSE(contains(page->body, "Chương trình 1322"));
  auto j = server.api("facets=1");
  CHECK(j["facets"]["program"][0]["label"] == "Chương trình quốc gia về năng suất");
}

TEST_CASE(
    "e2e serve: feeds are Atom whatever their name, and the icon and feed stylesheet are there") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  for (const char* feed : {"/closing-soon.xml", "/feed.xml", "/notice/feed.xml"}) {
    CAPTURE(feed);
    auto res = server.get(feed);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
    CHECK(contains(res->body, "<?xml-stylesheet type=\"text/xsl\" href=\"/static/feed.xsl\"?>"));
  }
  // A browser opening a feed gets it as XML, which it shows through the stylesheet (Chromium
  // shows Atom as raw text); feed readers, and whoever names Atom, get Atom.
  constexpr const char* kBrowser =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8";
  constexpr const char* kReader =
      "application/atom+xml, application/rss+xml;q=0.9, text/html;q=0.1";
  for (const char* feed : {"/closing-soon.xml", "/feed.xml", "/search.atom?q=nang+suat"}) {
    CAPTURE(feed);
    auto page = server.get(feed, {{"Accept", kBrowser}});
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "application/xml; charset=utf-8");
    CHECK(page->get_header_value("Vary") == "Accept");
    CHECK(contains(page->body, "<?xml-stylesheet type=\"text/xsl\" href=\"/static/feed.xsl\"?>"));
    auto reader = server.get(feed, {{"Accept", kReader}});
    REQUIRE(reader);
    CHECK(reader->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
    CHECK(reader->get_header_value("Vary") == "Accept");
  }
  auto sitemap = server.get("/sitemap.xml");
  REQUIRE(sitemap);
  CHECK(sitemap->get_header_value("Content-Type") == "application/xml; charset=utf-8");
  CHECK_FALSE(sitemap->has_header("Vary"));
  auto xsl = server.get("/static/feed.xsl");
  REQUIRE(xsl);
  CHECK(xsl->status == 200);
  CHECK(xsl->get_header_value("Content-Type") == "text/xsl; charset=utf-8");
  auto icon = server.get("/favicon.ico");
  REQUIRE(icon);
  CHECK(icon->status == 200);
  CHECK(icon->get_header_value("Content-Type") == "image/x-icon");
  CHECK(gazette::serve::content_type("a.xml",
                                     "<?xml version=\"1.0\"?>\n<!-- x -->\n<feed "
                                     "xmlns=\"http://www.w3.org/2005/Atom\">") ==
        "application/atom+xml; charset=utf-8");
  CHECK(gazette::serve::content_type("a.xml", "<feed xmlns=\"urn:other\">") ==
        "application/xml; charset=utf-8");
  CHECK(gazette::serve::content_type("a.xml", "<feeds xmlns=\"http://www.w3.org/2005/Atom\">") ==
        "application/xml; charset=utf-8");
}

TEST_CASE("e2e search: bad input gets a page or a 400 with a message, never a 500") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  std::string long_query(std::size_t{10} * 1024, 'a');
  struct Case {
    std::string path;
    int status;
    std::string says;  // what the reader is told
  };
  for (const Case& c : std::vector<Case>{
           {"/search?q=", 200, "4 kết quả"},
           {"/search?q=" + long_query, 414, "the address is too long: at most 8192 bytes"},
           {"/search?q=%22nang+suat", 200, "Đề xuất nhiệm vụ năng suất chất lượng"},
           {"/search?q=-+-+%22+%2B", 200, "4 kết quả"},
           {"/search?q=%C3", 400, "the query is not valid UTF-8 text"},
           {"/search?q=a%00b", 400, "the query contains a NUL character"},
           {"/search?kind=memo", 400,
            "unknown kind `memo`: use notice, guidance, proposal-list, program, page or task"},
           {"/search?program=999", 200, "Không tìm thấy văn bản nào phù hợp."},
           {"/search?page=99999", 400, "`page` must be a page number from 1 to 10000"},
           {"/search?q=duong&page=50", 200, "Trang này không có kết quả."},
           {"/search?page=abc", 400, "`page` must be a page number from 1 to 10000"},
           {"/search?page=0", 400, "`page` must be a page number from 1 to 10000"},
           {"/search?round=x", 400, "`round` must be a year such as 2024"},
           {"/search?sort=random", 400, "`sort` must be relevance, newest or deadline"},
           {"/search?open=maybe", 400, "`open` must be 1 (open calls) or 0 (closed calls)"},
           {"/search?issued_from=2023-02-30", 400,
            "`issued_from` must be a date such as 2023-04-25"},
           {"/search?per_page=0", 400, "`per_page` must be a number of results from 1 to 100"},
           {"/api/search?q=" + long_query, 414, "(a search query: at most 1000 bytes)"},
           {"/api/search?q=%C3", 400, "{\"error\":\"the query is not valid UTF-8 text\"}"},
       }) {
    std::string shown = c.path.substr(0, 60);
    auto res = server.get(c.path);
    REQUIRE_MESSAGE(res, shown);
    CHECK_MESSAGE(res->status == c.status, shown);
    bool told = contains(res->body, gazette::html_escape(c.says)) || contains(res->body, c.says);
    CHECK_MESSAGE(told, shown, ": ", res->body.substr(0, 300));
  }
}

TEST_CASE("e2e search: open and closed follow the clock, not the build") {
  TempSite site(sample_site());
  REQUIRE(site.build("2023-04-20T09:00:00+07:00").report.ok);
  std::atomic<std::int64_t> clock{
      gazette::parse_rfc3339("2023-04-20T09:00:00+07:00")->epoch_seconds};
  RunningServer server(site, [&] { return gazette::Instant{clock.load(), 420}; });
  CHECK(urls_of(server.api("open=1")) == std::vector<std::string>{"/notice/2023/a/"});
  clock = gazette::parse_rfc3339("2023-04-25T17:00:01+07:00")->epoch_seconds;
  CHECK(urls_of(server.api("open=1")).empty());
  CHECK(server.api("open=0")["total"] == 2);
  auto closed = server.api("q=nang+suat");
  REQUIRE_FALSE(closed["hits"].empty());
  CHECK(closed["hits"][0]["url"] == "/notice/2023/a/");
  CHECK(closed["hits"][0]["state"] == "closed");
}

TEST_CASE(
    "e2e search: a repeated query is answered from the cache until the clock or index changes it") {
  TempSite site(sample_site());
  REQUIRE(site.build("2023-04-20T09:00:00+07:00").report.ok);
  std::atomic<std::int64_t> clock{
      gazette::parse_rfc3339("2023-04-20T09:00:00+07:00")->epoch_seconds};
  RunningServer server(site, [&] { return gazette::Instant{clock.load(), 420}; });
  auto first = server.get("/search?q=nang+suat");
  REQUIRE(first);
  CHECK(first->get_header_value("X-Cache") == "miss");
  CHECK(contains(first->body, "còn 5 ngày"));  // the deadline is 2023-04-25 17:00
  auto again = server.get("/search?q=nang+suat");
  CHECK(again->get_header_value("X-Cache") == "hit");
  CHECK(again->body == first->body);
  // An hour on, the page reads the same; once less than five days are left, it does not.
  clock = gazette::parse_rfc3339("2023-04-20T10:00:00+07:00")->epoch_seconds;
  CHECK(server.get("/search?q=nang+suat")->get_header_value("X-Cache") == "hit");
  clock = gazette::parse_rfc3339("2023-04-20T17:00:01+07:00")->epoch_seconds;
  auto later = server.get("/search?q=nang+suat");
  CHECK(later->get_header_value("X-Cache") == "miss");
  CHECK(contains(later->body, "còn 4 ngày"));
  // A parameter that holds what another query's key would hold between its parameters is
  // not that query: it is refused.
  CHECK(server.get("/api/search?kind=notice&q=nang")->status == 200);
  CHECK(server.get("/api/search?kind=notice%00q%00nang")->status == 400);
  auto colon = server.get("/api/search?kind=notice:q:nang");  // nor a value holding colons
  REQUIRE(colon);
  CHECK(colon->status == 400);
  CHECK(contains(colon->body, "unknown kind `notice:q:nang`"));
  // A build that adds a match: the next answer has it.
  CHECK(server.api("q=nang+suat")["total"] == 2);
  site.write("content/notices/more.md", notice("Năng suất lao động", "", "Năng suất.\n"));
  REQUIRE(site.build("2023-04-20T09:00:00+07:00").report.ok);
  CHECK(server.api("q=nang+suat")["total"] == 3);
}

TEST_CASE("e2e serve: a port in use is refused with a message, not shared") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  auto config = gazette::config::load_site(site.path());
  REQUIRE(config.ok());
  gazette::serve::ServerOptions options;
  options.root = config->output_dir;
  options.search = gazette::serve::search_service_for(*config, gazette::now());
  gazette::serve::Server first(options);
  options.port = first.bind_any_port();
  REQUIRE(options.port > 0);
  gazette::serve::Server second(options);
  auto bound = second.bind();
  REQUIRE_FALSE(bound);
  CHECK(contains(bound.error().message,
                 "cannot listen on 127.0.0.1:" + std::to_string(options.port)));
}

TEST_CASE("e2e search: a rebuild swaps the index in while requests keep being answered") {
  TempSite site(sample_site());
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  std::thread client([&] {
    while (!done) {
      auto res = server.get("/api/search?q=nang+suat");
      (res && res->status == 200) ? ++answered : ++failed;
    }
  });
  for (int i = 0; i < 3; ++i) {
    site.write("content/notices/new" + std::to_string(i) + ".md",
               notice("Thông báo mới số " + std::to_string(i), "", "Năng suất mới.\n"));
    REQUIRE(site.build().report.ok);
  }
  done = true;
  client.join();
  CHECK(failed == 0);
  CHECK(answered > 0);
  auto newest = urls_of(server.api("q=thong+bao+moi+so+2"));
  REQUIRE_FALSE(newest.empty());
  CHECK(newest.front() == "/notice/2023/new2/");
}

TEST_CASE("e2e search: a local index and a remote shard served by xapian-tcpsrv are one") {
  TempSite remote({{"content/notices/far.md",
                    notice("Thông báo ở máy chủ khác", "", "Kho lưu trữ riêng về năng suất.\n")}});
  REQUIRE(remote.build().report.ok);
  std::random_device rd;
  int port = 0;
  Child tcpsrv;
  std::string live = (remote.path() / ".gazette/search/live").string();
  for (int attempt = 0; attempt < 5 && tcpsrv.pid < 0; ++attempt) {
    int candidate = 20000 + static_cast<int>(rd() % 20000);
    pid_t pid = fork();
    if (pid == 0) {
      // A group of its own: on SIGTERM xapian-tcpsrv signals its whole process group.
      setpgid(0, 0);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port",
             std::to_string(candidate).c_str(), live.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready when it accepts a connection; gone if the port was taken.
    for (int wait = 0; wait < 100; ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) break;
      if (can_connect(candidate)) {
        tcpsrv.pid = pid;
        port = candidate;
        break;
      }
    }
  }
  REQUIRE_MESSAGE(tcpsrv.pid > 0, "xapian-tcpsrv (Debian xapian-tools) did not start");
  TempSite local(sample_site());
  local.write("site.toml", "title = \"T\"\n[search]\nshards = [\"tcp://127.0.0.1:" +
                               std::to_string(port) + "\"]\n");
  REQUIRE(local.build().report.ok);
  {
    RunningServer server(local);
    auto j = server.api("q=nang+suat");
    auto urls = urls_of(j);
    CHECK(std::find(urls.begin(), urls.end(), "/notice/2023/far/") != urls.end());
    CHECK(std::find(urls.begin(), urls.end(), "/notice/2023/a/") != urls.end());
    // Open calls rank first with a remote shard too (there from the stored deadlines).
    CHECK(urls.front() == "/notice/2023/a/");
    CHECK(j["open"] == 1);
    CHECK(urls_of(server.api("q=kho+luu+tru+rieng")) ==
          std::vector<std::string>{"/notice/2023/far/"});
    // The results page counts open and closed calls across both, as it does locally.
    auto page = server.get("/search?q=nang+suat");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(contains(page->body, "href=\"/notice/2023/far/\""));
    CHECK(contains(page->body, "Đang nhận hồ sơ</bdi></a> <span class=\"count\">(1)</span>"));
  }
}
