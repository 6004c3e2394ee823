// End-to-end: date ranges of search (both ends, whole days of the site's time zone) and
// open/closed calls against opens, deadline, withdrawal and the very second of the deadline,
// agreeing with what the built pages say at the same clock.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include "run_gazette.hpp"
#include "running_server.hpp"
#include "temp_site.hpp"

namespace {

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> urls(const RunningServer& server, const std::string& params) {
  return sorted(urls_of(server.api(params + "&per_page=100")));
}

std::map<std::string, std::string> dated_site(const std::string& site_toml) {
  return {
      {"site.toml", site_toml},
      {"content/notices/i11.md",
       "+++\ntitle = \"I11\"\nkind = \"notice\"\nissued = 2023-04-11\n+++\nx\n"},
      {"content/notices/i12.md",
       "+++\ntitle = \"I12\"\nkind = \"notice\"\nissued = 2023-04-12\n+++\nx\n"},
      {"content/notices/i13.md",
       "+++\ntitle = \"I13\"\nkind = \"notice\"\nissued = 2023-04-13\n+++\nx\n"},
      // Deadlines on both sides of midnight at the start and the end of 25 April, local time.
      {"content/guidance/last-of-24.md",
       "+++\ntitle = \"D\"\nissued = 2023-04-01\ndeadline = 2023-04-24T23:59:59\n+++\nx\n"},
      {"content/guidance/first-of-25.md",
       "+++\ntitle = \"D\"\nissued = 2023-04-01\ndeadline = 2023-04-25T00:00:00\n+++\nx\n"},
      {"content/guidance/all-of-25.md",
       "+++\ntitle = \"D\"\nissued = 2023-04-01\ndeadline = 2023-04-25\n+++\nx\n"},
      {"content/guidance/last-of-25.md",
       "+++\ntitle = \"D\"\nissued = 2023-04-01\ndeadline = 2023-04-25T23:59:59\n+++\nx\n"},
      {"content/guidance/first-of-26.md",
       "+++\ntitle = \"D\"\nissued = 2023-04-01\ndeadline = 2023-04-26T00:00:00\n+++\nx\n"},
  };
}

void check_date_ranges(const RunningServer& server) {
  // Issued: both ends are days of their own, and in.
  CHECK(urls(server, "kind=notice&issued_from=2023-04-12") ==
        std::vector<std::string>{"/notice/2023/i12/", "/notice/2023/i13/"});
  CHECK(urls(server, "kind=notice&issued_to=2023-04-12") ==
        std::vector<std::string>{"/notice/2023/i11/", "/notice/2023/i12/"});
  CHECK(urls(server, "issued_from=2023-04-12&issued_to=2023-04-12") ==
        std::vector<std::string>{"/notice/2023/i12/"});
  CHECK(urls(server, "issued_from=2023-04-14").empty());
  // Deadline: the whole day, from its first second to its last, in the site's time zone.
  std::vector<std::string> on_25 = {"/guidance/2023/all-of-25/", "/guidance/2023/first-of-25/",
                                    "/guidance/2023/last-of-25/"};
  CHECK(urls(server, "deadline_from=2023-04-25&deadline_to=2023-04-25") == on_25);
  auto from_25 = on_25;
  from_25.push_back("/guidance/2023/first-of-26/");
  CHECK(urls(server, "deadline_from=2023-04-25") == sorted(from_25));
  auto to_25 = on_25;
  to_25.push_back("/guidance/2023/last-of-24/");
  CHECK(urls(server, "deadline_to=2023-04-25") == sorted(to_25));
  CHECK(urls(server, "deadline_to=2023-04-24") ==
        std::vector<std::string>{"/guidance/2023/last-of-24/"});
  CHECK(urls(server, "deadline_from=2023-04-26") ==
        std::vector<std::string>{"/guidance/2023/first-of-26/"});
  // Documents without a deadline are in no deadline range.
  CHECK(urls(server, "kind=notice&deadline_from=2000-01-01").empty());
}

}  // namespace

TEST_CASE("dates: both ends of every range are in, as whole days at +07:00") {
  TempSite site(dated_site("title = \"T\"\n"));
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  RunningServer server(site);
  check_date_ranges(server);
}

TEST_CASE("dates: ranges are whole days of the site's own time zone, not of +07:00") {
  // 00:00 of 25 April in Tokyo is 22:00 of the 24th at +07:00.
  TempSite site(dated_site("title = \"T\"\ntimezone = \"Asia/Tokyo\"\n"));
  auto built = site.build("2023-04-20T09:00:00+09:00");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  RunningServer server(site, [] { return *gazette::parse_rfc3339("2023-04-20T09:00:00+09:00"); });
  check_date_ranges(server);
}

TEST_CASE("dates: a date range that is not a date is refused, naming the parameter") {
  TempSite site(dated_site("title = \"T\"\n"));
  REQUIRE(site.build().report.ok);
  RunningServer server(site);
  for (const char* key : {"issued_from", "issued_to", "deadline_from", "deadline_to"}) {
    for (const char* bad : {"2023-02-30", "25/4/2023", "2023-04-25T17:00:00+07:00", "hôm qua"}) {
      auto res = server.get("/api/search?" + std::string(key) + "=" + gazette::url_encode(bad));
      REQUIRE(res);
      CHECK_MESSAGE(res->status == 400, key, "=", bad);
      CHECK_MESSAGE(
          contains(res->body, std::string("`") + key + "` must be a date such as 2023-04-25"), key,
          "=", bad);
    }
  }
}

namespace {

const char* const kClock = "2023-04-20T09:00:00+07:00";

// Calls around the clock of 2023-04-20 09:00:00 +07:00.
std::map<std::string, std::string> call_site() {
  auto call = [](const std::string& extra) { return notice("Đợt nhận hồ sơ", extra); };
  return {
      {"content/notices/upcoming.md",
       call("opens = 2023-04-22T08:00:00+07:00\ndeadline = 2023-05-30T17:00:00+07:00\n")},
      {"content/notices/opened-now.md",
       call("opens = 2023-04-20T09:00:00+07:00\ndeadline = 2023-05-30T17:00:00+07:00\n")},
      {"content/notices/open.md", call("deadline = 2023-05-30T17:00:00+07:00\n")},
      {"content/notices/soon.md", call("deadline = 2023-04-25T17:00:00+07:00\n")},
      {"content/notices/last-second.md", call("deadline = 2023-04-20T09:00:01+07:00\n")},
      {"content/notices/at-deadline.md", call("deadline = 2023-04-20T09:00:00+07:00\n")},
      {"content/notices/past.md", call("deadline = 2023-04-15T17:00:00+07:00\n")},
      {"content/notices/withdrawn.md",
       call("deadline = 2023-05-30T17:00:00+07:00\nwithdrawn = \"Thu hồi để sửa đổi\"\n")},
      {"content/notices/replaced.md",
       call("number = \"10/TB\"\ndeadline = 2023-05-30T17:00:00+07:00\n")},
      {"content/notices/replacement.md",
       call("number = \"11/TB\"\nreplaces = [\"10/TB\"]\ndeadline = 2023-06-10T17:00:00+07:00\n")},
      {"content/notices/no-deadline.md", call("")},
  };
}

// The state a built page shows for its call: "open", "closed"… ("" when it shows none).
std::string page_state(const TempSite& site, const std::string& url) {
  std::string html = site.page(url.substr(1) + "index.html");
  REQUIRE_MESSAGE(!html.empty(), url);
  std::smatch m;
  static const std::regex kState(R"re(class="call call-([a-z-]+)")re");
  return std::regex_search(html, m, kState) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("calls: open and closed in search agree with the pages, to the second") {
  TempSite site(call_site());
  auto built = site.build(kClock);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  RunningServer server(site, [] { return *gazette::parse_rfc3339(kClock); });
  // What the pages say, asserted first: they are what a reader trusts.
  std::map<std::string, std::string> want = {{"/notice/2023/upcoming/", "upcoming"},
                                             {"/notice/2023/opened-now/", "open"},
                                             {"/notice/2023/open/", "open"},
                                             {"/notice/2023/soon/", "closing-soon"},
                                             {"/notice/2023/last-second/", "closing-soon"},
                                             {"/notice/2023/at-deadline/", "closed"},
                                             {"/notice/2023/past/", "closed"},
                                             {"/notice/2023/withdrawn/", "closed"},
                                             {"/notice/2023/replaced/", "closed"},
                                             {"/notice/2023/replacement/", "open"},
                                             {"/notice/2023/no-deadline/", ""}};
  // Named copies, not structured bindings: clang 14 cannot capture those in doctest's macros.
  for (const auto& wanted : want) {
    const std::string& url = wanted.first;
    CHECK_MESSAGE(page_state(site, url) == wanted.second, url);
  }
  // The search answer says the same of each.
  auto all = server.api("per_page=100");
  REQUIRE(all["hits"].size() == want.size());
  for (const auto& hit : all["hits"]) {
    std::string url = hit["url"];
    CHECK_MESSAGE(hit.value("state", "") == want[url], url);
  }
  // open=1 is the calls the pages call open or closing soon; open=0 those they call closed.
  std::vector<std::string> open, closed;
  for (const auto& wanted : want) {
    const std::string &url = wanted.first, &state = wanted.second;
    if (state == "open" || state == "closing-soon") open.push_back(url);
    if (state == "closed") closed.push_back(url);
  }
  CHECK(urls(server, "open=1") == sorted(open));
  CHECK(urls(server, "open=0") == sorted(closed));
  // The counts offered beside the results are the counts those filters give.
  auto faceted = server.api("facets=1&per_page=100");
  bool has_open_facet = false;
  for (const auto& v : faceted["facets"]["open"]) {
    has_open_facet = true;
    CHECK_MESSAGE(v["count"] == (v["value"] == "open" ? open.size() : closed.size()), v["value"]);
  }
  CHECK(has_open_facet);
  // A closed call counts no time down, on its page and in the results page.
  auto results = server.get("/search?per_page=100");
  REQUIRE(results);
  for (const auto& wanted : want) {
    const std::string &url = wanted.first, &state = wanted.second;
    std::string page = site.page(url.substr(1) + "index.html");
    std::size_t top = page.find("class=\"doc-header\"");
    REQUIRE(top != std::string::npos);
    std::string header = page.substr(top, page.find("</header>", top) - top);
    std::size_t hit = results->body.find("href=\"" + url + "\"");
    REQUIRE_MESSAGE(hit != std::string::npos, url);
    std::string in_results = results->body.substr(hit, results->body.find("</li>", hit) - hit);
    // An open call counts down to its deadline, an upcoming one to its opening.
    bool to_deadline = state == "open" || state == "closing-soon";
    bool to_opening = state == "upcoming";
    for (const std::string& shown : {header, in_results}) {
      CHECK_MESSAGE(contains(shown, "class=\"call-left\">(") == to_deadline, url);
      CHECK_MESSAGE(contains(shown, "class=\"call-opens-in\">(") == to_opening, url);
    }
  }
  // The home page's open calls are the same.
  std::string home = site.page("index.html");
  std::string open_list = home.substr(0, home.find("latest-heading"));
  for (const auto& wanted : want) {
    const std::string &url = wanted.first, &state = wanted.second;
    CHECK_MESSAGE(
        contains(open_list, "href=\"" + url + "\"") == (state == "open" || state == "closing-soon"),
        url);
  }
}

TEST_CASE("calls: a second later the call of the last second is closed everywhere") {
  TempSite site(call_site());
  const char* later = "2023-04-20T09:00:01+07:00";
  REQUIRE(site.build(later).report.ok);
  RunningServer server(site, [&] { return *gazette::parse_rfc3339(later); });
  CHECK(page_state(site, "/notice/2023/last-second/") == "closed");
  auto closed = urls(server, "open=0");
  CHECK(std::find(closed.begin(), closed.end(), "/notice/2023/last-second/") != closed.end());
  auto open = urls(server, "open=1");
  CHECK(std::find(open.begin(), open.end(), "/notice/2023/last-second/") == open.end());
  CHECK(std::find(open.begin(), open.end(), "/notice/2023/soon/") != open.end());
}

TEST_CASE("calls: gazette search --open and --closed agree with the pages") {
  TempSite site(call_site());
  REQUIRE(site.build(kClock).report.ok);
  auto run = [&](const std::string& flag) {
    Run r = run_gazette("search --json --limit 100 --now " + std::string(kClock) + " " + flag,
                        site.path());
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    return sorted(urls_of(nlohmann::json::parse(r.output)));
  };
  CHECK(run("--open") ==
        sorted({"/notice/2023/opened-now/", "/notice/2023/open/", "/notice/2023/soon/",
                "/notice/2023/last-second/", "/notice/2023/replacement/"}));
  CHECK(run("--closed") == sorted({"/notice/2023/at-deadline/", "/notice/2023/past/",
                                   "/notice/2023/withdrawn/", "/notice/2023/replaced/"}));
  // The text output names each state as the page does.
  Run text = run_gazette("search --limit 100 --now " + std::string(kClock), site.path());
  REQUIRE(text.exit_code == 0);
  CHECK(contains(text.output, "http://127.0.0.1:8080/notice/2023/withdrawn/"));
  std::size_t at = text.output.find("/notice/2023/withdrawn/");
  std::size_t line = text.output.rfind("deadline", at);
  REQUIRE(line != std::string::npos);
  CHECK(text.output.substr(line, at - line).find("(closed)") != std::string::npos);
}
