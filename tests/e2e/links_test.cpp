// Links in the text: a link to a document's source file is published as its address; a link
// to a page, file or heading the site does not have, out of the site, or to a script is an
// error in check and build alike; links to other sites are asked for only with --external.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "run_gazette.hpp"
#include "stub_web_site.hpp"
#include "temp_site.hpp"

namespace {

const std::string kClock = std::string("--now ") + kTestClock;

constexpr const char* kGuidance =
    "+++\ntitle = \"Hướng dẫn\"\nkind = \"guidance\"\nissued = 2025-01-10\n+++\n"
    "## Mục tiêu\n\nVăn bản.\n";

// A site whose notice content/notices/2023/a.md has `body` (it starts on line 6).
TempSite site_linking(const std::string& body, const std::string& extra = "") {
  return TempSite({{"content/guidance/2025/x.md", kGuidance},
                   {"content/notices/2023/a.md", notice("A", extra, body)},
                   {"content/notices/2023/b.md", notice("B", "", "## Y\n\nBê.\n")}});
}

// A port of 127.0.0.1 where nothing listens.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("links: a link to a document's source file is published as that document's address") {
  TempSite site = site_linking(
      "Xem [hướng dẫn](../../guidance/2025/x.md#muc-tieu), [bản gốc](/guidance/2025/x.md) "
      "và [B](b.md).\n");
  Run build = gazette_in(site.path(), "build " + kClock);
  REQUIRE(build.exit_code == 0);
  std::string page = site.page("notice/2023/a/index.html");
  CHECK(contains(page, "<a href=\"/guidance/2025/x/#muc-tieu\">hướng dẫn</a>"));
  CHECK(contains(page, "<a href=\"/guidance/2025/x/\">bản gốc</a>"));
  CHECK(contains(page, "<a href=\"/notice/2023/b/\">B</a>"));
  CHECK_FALSE(contains(page, ".md\""));
}

TEST_CASE("links: links the site has pass, and nothing is fetched without --external") {
  StubWebSite web;
  TempSite site = site_linking(
      "[trang chủ](/) [lưu trữ](/archive/) [B](/notice/2023/b) [B2](../b/#y) [mẫu](mau.docx)\n"
      "[tệp](/files/mau.pdf) [mục](#noi-dung) [thư](mailto:a@b.vn) [gọi](tel:02153825019)\n"
      "[tìm](/search?q=nang) [nguồn](b.md#y) [bản đồ](/sitemap.xml) [nội dung chính](#main)\n"
      "[ngoài](" +
          web.url("/missing") + ") <" + web.url("/ok") + ">\n\n## Nội dung\n",
      "attachments = [{ title = \"Mẫu\", file = \"mau.docx\" }, { title = \"Tệp\", file = "
      "\"files/mau.pdf\" }]\n");
  site.write("content/notices/2023/mau.docx", "docx");
  site.write("files/mau.pdf", "pdf");
  Run check = gazette_in(site.path(), "check " + kClock);
  CHECK(check.exit_code == 0);
  CHECK_FALSE(contains(check.output, "link"));
  Run build = gazette_in(site.path(), "build " + kClock);
  CHECK(build.exit_code == 0);
  CHECK_FALSE(contains(build.output, "link"));
  CHECK(web.requests() == 0);
}

TEST_CASE("links: a link to a page, file, heading or document the site lacks is an error") {
  TempSite site = site_linking(
      "[a](/notice/2023/khong-co/)\n"
      "[b](../../guidance/2025/khong-co.md)\n"
      "[c](#khong-co)\n"
      "[d](/guidance/2025/x/#sai)\n"
      "![e](/files/khong-co.png)\n"
      "[f](../../../../etc/passwd)\n"
      "[g](../../../etc/passwd.md)\n"
      "[h](/guidance/2025/x.md#sai)\n"
      "[i](#toc-heading)\n\n"
      "## Nội dung\n");
  Run check = gazette_in(site.path(), "check " + kClock);
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:6:1: error: the link `/notice/2023/khong-co/` leads "
                 "to /notice/2023/khong-co/, which the site does not have\n"
                 "    [a](/notice/2023/khong-co/)\n"
                 "    ^\n"
                 "hint: correct the address; a document's is /<kind>/<year>/<slug>/, and a link "
                 "may name its file instead (../notices/2023/a.md)\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:7:1: error: the link "
                 "`../../guidance/2025/khong-co.md` names no document: "
                 "content/guidance/2025/khong-co.md is not on the site\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:8:1: error: the link `#khong-co` names #khong-co, "
                 "which this page does not have\n"
                 "    [c](#khong-co)\n    ^\nhint: its headings: #noi-dung\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:9:1: error: the link `/guidance/2025/x/#sai` names "
                 "#sai, which /guidance/2025/x/ does not have\n"));
  CHECK(contains(check.output, "hint: its headings: #muc-tieu\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:10:1: error: the image `/files/khong-co.png` leads "
                 "to /files/khong-co.png, which the site does not have\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:11:1: error: the link `../../../../etc/passwd` "
                 "leads out of the site\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:12:1: error: the link `../../../etc/passwd.md` "
                 "leads out of the content folder\n"));
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:13:1: error: the link `/guidance/2025/x.md#sai` "
                 "names #sai, which /guidance/2025/x/ does not have\n"));
  // An id the theme writes only for some pages (a table of contents) is no fixed id.
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:14:1: error: the link `#toc-heading` names "
                 "#toc-heading, which this page does not have\n"));
  CHECK(contains(check.output, "3 documents checked: 9 errors,"));
  // The build refuses the same links: a dead link is not published.
  Run build = gazette_in(site.path(), "build " + kClock);
  CHECK(build.exit_code == 1);
  CHECK(contains(build.output, "content/notices/2023/a.md:6:1: error: the link"));
  CHECK(contains(build.output, "Build failed with 9 errors"));
  CHECK_FALSE(site.exists("public"));
}

TEST_CASE("links: javascript:, data: and vbscript: links are errors in check, text in the site") {
  TempSite site = site_linking(
      "[h](javascript:alert(1))\n"
      "[i](data:text/html,x)\n"
      "![j](DATA:image/png;base64,AA==)\n"
      "[k](VBScript:msgbox)\n");
  Run check = gazette_in(site.path(), "check " + kClock);
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output,
                 "content/notices/2023/a.md:6:1: error: the link `javascript:alert(1)` has a "
                 "script or data address\n"
                 "    [h](javascript:alert(1))\n    ^\n"
                 "hint: javascript:, vbscript:, data: and file: addresses are never published: "
                 "link to a page or a file of the site, or to an https:// address\n"));
  CHECK(contains(check.output, "a.md:7:1: error: the link `data:text/html,x` has a script"));
  CHECK(contains(check.output, "a.md:8:1: error: the image `DATA:image/png;base64,AA==` has a"));
  CHECK(contains(check.output, "a.md:9:1: error: the link `VBScript:msgbox` has a script"));
  CHECK(contains(check.output, "4 errors"));
  // The build warns and publishes the page: each link's text, without the link.
  Run build = gazette_in(site.path(), "build " + kClock);
  CHECK(build.exit_code == 0);
  CHECK(contains(build.output,
                 "content/notices/2023/a.md:6:1: warning: the link `javascript:alert(1)` has a "
                 "script or data address\n"));
  std::string page = site.page("notice/2023/a/index.html");
  CHECK(contains(page, "<p>h\ni\nj\nk</p>"));
  for (const char* scheme : {"javascript:", "data:", "DATA:", "VBScript:"}) {
    CHECK_FALSE_MESSAGE(contains(page, scheme), scheme);
  }
}

TEST_CASE("links: a link to a draft's file is a warning, and shown as text") {
  TempSite site = site_linking("Xem [bản nháp](b.md).\n");
  site.write("content/notices/2023/b.md", notice("B", "draft = true\n"));
  Run build = gazette_in(site.path(), "build " + kClock);
  CHECK(build.exit_code == 0);
  CHECK(contains(build.output,
                 "content/notices/2023/a.md:6:5: warning: the link `b.md` names a draft "
                 "(content/notices/2023/b.md): it is shown without a link\n"));
  std::string page = site.page("notice/2023/a/index.html");
  CHECK(contains(page, "Xem bản nháp."));
  CHECK_FALSE(contains(page, "b.md"));
}

TEST_CASE("links: check --external asks each other site once, and reports what fails") {
  StubWebSite web;
  std::string refused = "http://127.0.0.1:" + std::to_string(closed_port()) + "/x";
  TempSite site = site_linking("[1](" + web.url("/ok") + ")\n[2](" + web.url("/missing") +
                               ")\n[3](" + web.url("/moved") + ")\n[4](" + web.url("/moved-away") +
                               ")\n[5](" + web.url("/no-head") + ")\n[6](" + web.url("/silent") +
                               ")\n[7](" + refused + ")\n[8](http://gazette-test.invalid/)\n[9](" +
                               web.url("/ok") + ")\n[10](//gazette-test.invalid/b)\n");
  Run check = gazette_in(site.path(), "check --external --timeout 0.5 " + kClock);
  CHECK(check.exit_code == 1);
  CHECK(contains(check.output, "content/notices/2023/a.md:7:1: error: " + web.url("/missing") +
                                   " answers 404 Not Found\n    [2](" + web.url("/missing") +
                                   ")\n    ^\nhint: correct the address or remove the link"));
  CHECK(contains(check.output,
                 "a.md:9:1: error: " + web.url("/moved-away") + " answers 404 Not Found\n"));
  CHECK(contains(check.output,
                 "a.md:11:1: error: " + web.url("/silent") + " did not answer within 0.5 s\n"));
  CHECK(contains(check.output, "a.md:12:1: error: " + refused +
                                   " cannot be reached: the connection was "
                                   "refused\n"));
  CHECK(contains(check.output,
                 "a.md:13:1: error: http://gazette-test.invalid/ cannot be "
                 "reached: the host name does not resolve\n"));
  for (const char* fine : {"/ok", "/moved", "/no-head"}) {
    CHECK_FALSE(contains(check.output, web.url(fine) + " "));
  }
  // An address without a scheme is another site's too.
  CHECK(contains(check.output,
                 "a.md:15:1: error: //gazette-test.invalid/b cannot be reached: "
                 "the host name does not resolve\n"));
  CHECK(contains(check.output, "9 external addresses checked: 6 failed\n"));
  CHECK(contains(check.output, "6 errors"));
  // A server that refuses HEAD is asked with GET; /ok, written twice, is asked once.
  std::vector<std::string> lines = web.request_lines();
  CHECK(std::count(lines.begin(), lines.end(), "HEAD /no-head HTTP/1.1") == 1);
  CHECK(std::count(lines.begin(), lines.end(), "GET /no-head HTTP/1.1") == 1);
  CHECK(std::count(lines.begin(), lines.end(), "HEAD /ok HTTP/1.1") == 2);  // and via /moved
}
