// End-to-end: whole sites built into temporary directories, asserted on the HTML.
#include <doctest/doctest.h>

#include "temp_site.hpp"

namespace {

const char* const kProgram =
    "+++\ntitle = \"Chương trình 1322\"\nkind = \"program\"\nnumber = \"1322/QĐ-TTg\"\n"
    "issuer = \"Thủ tướng Chính phủ\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\nVề chương "
    "trình.\n";

}  // namespace

TEST_CASE("e2e: a notice gets its page with every field of its front matter") {
  TempSite site({
      {"content/programs/1322.md", kProgram},
      {"files/mau-a1.docx", "form"},
      {"content/notices/2023/de-xuat.md",
       notice("Đề xuất nhiệm vụ năm 2024",
              "number = \"12/TB-SKHCN\"\nissuer = \"Sở KH&CN tỉnh Điện Biên\"\nprovince = \"Điện "
              "Biên\"\ndeadline = 2023-04-25T17:00:00+07:00\nprogram = \"1322\"\nround = 2024\n"
              "signer = { name = \"Vũ Xuân Linh\", title = \"Phó Giám đốc\" }\n"
              "recipients = [\"UBND tỉnh\"]\nreferences = [\"1322/QĐ-TTg\", \"15/2022/TT-BKHCN\"]\n"
              "attachments = [{ title = \"Mẫu A1-ĐXNV\", file = \"files/mau-a1.docx\" }]\n"
              "contact = { office = \"Phòng TĐC\", phone = \"02153.825.019\" }\n"
              "tags = [\"năng suất\"]\n",
              "## I. Yêu cầu\n\nCăn cứ Quyết định số 1322/QĐ-TTg.\n")},
  });
  auto built = site.build("2023-04-20T09:00:00+07:00");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string html = site.page("notice/2023/de-xuat/index.html");
  CHECK(contains(html, "<h1><bdi>Đề xuất nhiệm vụ năm 2024</bdi></h1>"));
  CHECK(contains(html, "12/TB-SKHCN"));
  CHECK(contains(html, "ngày 12 tháng 4 năm 2023"));
  CHECK(contains(html, "17:00, ngày 25 tháng 4 năm 2023"));
  CHECK(contains(html, "call-closing-soon"));  // 5 days left at the injected clock
  CHECK(contains(html, "còn 5 ngày"));
  CHECK(contains(
      html, "<a href=\"/program/1322/\"><bdi>1322/QĐ-TTg</bdi></a>"));  // a reference on the site
  CHECK(contains(html, "<li><bdi>15/2022/TT-BKHCN</bdi></li>"));        // one that is not
  CHECK(contains(html, "href=\"/files/mau-a1.docx\""));
  CHECK(contains(html, "Vũ Xuân Linh"));
  CHECK(contains(html, "02153.825.019"));
  CHECK(contains(html, "<a href=\"/program/1322/2024/\">"));
  CHECK(contains(html, "<h2><span id=\"i-yeu-cau\"></span>I. Yêu cầu</h2>"));
  CHECK(site.page("files/mau-a1.docx") == "form");
  // The programme lists the notice among the documents that cite it.
  std::string program = site.page("program/1322/index.html");
  CHECK(contains(program, "href=\"/notice/2023/de-xuat/\""));
  CHECK(contains(program, "Nhiệm vụ thực hiện từ năm 2024"));
  CHECK(contains(site.page("program/1322/2024/index.html"), "href=\"/notice/2023/de-xuat/\""));
}

TEST_CASE("e2e: the same page says closed once the clock passes the deadline") {
  TempSite site({{"content/notices/a.md", notice("A", "deadline = 2023-04-25T17:00:00+07:00\n")}});
  REQUIRE(site.build("2023-04-25T16:59:00+07:00").report.ok);
  CHECK(contains(site.page("notice/2023/a/index.html"), "call-closing-soon"));
  CHECK(contains(site.page("index.html"), "href=\"/notice/2023/a/\""));
  REQUIRE(site.build("2023-04-25T17:00:00+07:00").report.ok);
  CHECK(contains(site.page("notice/2023/a/index.html"), "call-closed"));
  CHECK(contains(site.page("index.html"), "Hiện không có đợt nào đang nhận hồ sơ."));
}

TEST_CASE("e2e: the home page lists open calls soonest deadline first") {
  TempSite site({
      {"content/notices/late.md", notice("Muộn", "deadline = 2023-06-30T17:00:00+07:00\n")},
      {"content/notices/soon.md", notice("Sớm", "deadline = 2023-05-02T17:00:00+07:00\n")},
      {"content/notices/over.md", notice("Hết hạn", "deadline = 2023-04-15T17:00:00+07:00\n")},
  });
  REQUIRE(site.build("2023-04-20T09:00:00+07:00").report.ok);
  std::string home = site.page("index.html");
  std::string open = home.substr(0, home.find("latest-heading"));
  CHECK(contains(open, "/notice/2023/soon/"));
  CHECK(contains(open, "/notice/2023/late/"));
  CHECK_FALSE(contains(open, "/notice/2023/over/"));
  CHECK(open.find("/notice/2023/soon/") < open.find("/notice/2023/late/"));
}

TEST_CASE("e2e: provinces and issuers sort by Vietnamese collation") {
  TempSite site({
      {"content/notices/a.md", notice("A", "province = \"Điện Biên\"\nissuer = \"Sở Đ\"\n")},
      {"content/notices/b.md", notice("B", "province = \"Đà Nẵng\"\nissuer = \"Sở C\"\n")},
      {"content/notices/c.md", notice("C", "province = \"Cà Mau\"\nissuer = \"Sở D\"\n")},
  });
  REQUIRE(site.build().report.ok);
  std::string provinces = site.page("province/index.html");
  auto ca_mau = provinces.find("Cà Mau"), da_nang = provinces.find("Đà Nẵng"),
       dien_bien = provinces.find("Điện Biên");
  REQUIRE(dien_bien != std::string::npos);
  CHECK(ca_mau < da_nang);
  CHECK(da_nang < dien_bien);
  std::string issuers = site.page("issuer/index.html");
  CHECK(issuers.find("Sở C") < issuers.find("Sở D"));
  CHECK(issuers.find("Sở D") < issuers.find("Sở Đ"));
  CHECK(contains(site.page("province/dien-bien/index.html"), "/notice/2023/a/"));
}

TEST_CASE("e2e: archive by year, kind lists, feeds, sitemap and exports are written") {
  TempSite site({
      {"content/notices/a.md", notice("Thông báo <A>", "number = \"1/TB\"\nissuer = \"Sở\"\n")},
      {"content/guidance/b.md",
       "+++\ntitle = \"Hướng dẫn B\"\nissued = 2025-07-18\n+++\nNội dung.\n"},
  });
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("archive/index.html"), "href=\"/archive/2025/\""));
  CHECK(contains(site.page("archive/2023/index.html"), "/notice/2023/a/"));
  CHECK(contains(site.page("guidance/index.html"), "/guidance/2025/b/"));
  std::string feed = site.page("feed.xml");
  CHECK(contains(feed, "<feed xmlns=\"http://www.w3.org/2005/Atom\""));
  CHECK(contains(feed, "<title>Thông báo &lt;A&gt;</title>"));
  CHECK(contains(site.page("notice/feed.xml"), "http://127.0.0.1:8080/notice/2023/a/"));
  CHECK(contains(site.page("sitemap.xml"), "<loc>http://127.0.0.1:8080/notice/2023/a/</loc>"));
  CHECK(contains(site.page("robots.txt"), "Sitemap: http://127.0.0.1:8080/sitemap.xml"));
  CHECK(contains(site.page("data/documents.json"), "\"number\": \"1/TB\""));
  CHECK(contains(site.page("data/documents.csv"), ",Thông báo <A>,1/TB,"));
  CHECK_FALSE(contains(site.page("notice/2023/a/index.html"), "<A>"));  // escaped in HTML
}

TEST_CASE("e2e: long lists are split into pages") {
  std::map<std::string, std::string> files = {
      {"site.toml", "title = \"T\"\n[build]\nlist_page_size = 2\n"}};
  for (int i = 0; i < 5; ++i) {
    files["content/notices/n" + std::to_string(i) + ".md"] = notice("N" + std::to_string(i));
  }
  TempSite site(files);
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("notice/index.html"), "href=\"/notice/page/2/\""));
  CHECK(contains(site.page("notice/page/3/index.html"), "Trang 3/3"));
  CHECK(site.page("notice/page/4/index.html").empty());
}

TEST_CASE("e2e: raw HTML in content is escaped unless site.toml allows it") {
  TempSite site({{"content/notices/a.md", notice("A", "", "<script>alert(1)</script>\n")}});
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("notice/2023/a/index.html"), "&lt;script&gt;alert(1)&lt;/script&gt;"));
  site.write("site.toml", "title = \"T\"\n[markdown]\nallow_html = true\n");
  site.write("content/notices/a.md", notice("A", "", "<b>đậm</b>\n"));
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("notice/2023/a/index.html"), "<b>đậm</b>"));
}

TEST_CASE("e2e: a failed build reports every broken file and leaves the previous site") {
  TempSite site({{"content/notices/a.md", notice("Bản cũ")}});
  REQUIRE(site.build().report.ok);
  std::string before = site.page("notice/2023/a/index.html");
  REQUIRE(contains(before, "Bản cũ"));
  site.write("content/notices/a.md", notice("Bản mới"));
  site.write("content/notices/b.md", "+++\ntitle = \"B\"\nissued = 2023-13-01\n+++\n");
  site.write("content/notices/c.md", "");
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  std::size_t errors = 0;
  for (const auto& d : built.diags) errors += d.severity == gazette::Severity::error;
  CHECK(errors == 2);
  CHECK(contains(built.messages(), "content/notices/b.md:3:"));
  CHECK(contains(built.messages(), "content/notices/c.md:1:1: error: the file is empty"));
  CHECK(site.page("notice/2023/a/index.html") == before);
  // Nothing of the failed build is left beside it.
  for (const auto& entry : std::filesystem::directory_iterator(site.path())) {
    CHECK(entry.path().filename().string().find("staging") == std::string::npos);
  }
}

TEST_CASE("e2e: a build never writes into content/") {
  TempSite site({{"content/notices/a.md", notice("Chƣơng trình")}});
  auto built = site.build();
  REQUIRE(built.report.ok);
  CHECK(contains(built.messages(), "content/notices/a.md:2:12: warning: `ƣ`"));
  CHECK(site.read("content/notices/a.md") == notice("Chƣơng trình"));
}

TEST_CASE("e2e: the example site builds with both seeds, the programme and its rounds") {
  TempDir out;
  auto built = build_site(GAZETTE_SOURCE_DIR, "2025-08-12T09:00:00+07:00", out.path() / "public");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK(built.error_count() == 0);
  auto page = [&](const std::string& p) { return out.read("public/" + p); };
  std::string notice = page("notice/2023/de-xuat-nhiem-vu-ct1322-nam-2024-dien-bien/index.html");
  CHECK(contains(notice, "Sở Khoa học và Công nghệ tỉnh Điện Biên"));
  CHECK(contains(notice, "Vũ Xuân Linh"));
  CHECK(contains(notice, "call-closed"));
  std::string guidance =
      page("guidance/2025/de-xuat-nhiem-vu-ct1322-thuc-hien-tu-nam-2026/index.html");
  CHECK(contains(guidance, "17:00, ngày 17 tháng 8 năm 2025"));
  CHECK(contains(guidance, "call-closing-soon"));
  CHECK(contains(guidance, "17h00 ngày 17/8/2025"));
  CHECK(contains(page("program/1322/index.html"), "href=\"/program/1322/2026/\""));
  CHECK(contains(page("program/1322/index.html"), "href=\"/program/1322/2024/\""));
  CHECK(contains(page("index.html"), "de-xuat-nhiem-vu-ct1322-thuc-hien-tu-nam-2026"));
}
