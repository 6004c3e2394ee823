#include <doctest/doctest.h>

#include "gazette/markdown.hpp"

using namespace gazette;

namespace {
markdown::RenderedMarkdown render(std::string_view md, bool allow_html = false) {
  config::MarkdownOptions options;
  options.allow_html = allow_html;
  return markdown::render_markdown(md, options);
}
}  // namespace

TEST_CASE("markdown: headings get ids and make a table of contents") {
  auto r = render("## I. YÊU CẦU CHUNG\n\ntext\n\n## Mục tiêu\n\n## Mục tiêu\n");
  CHECK(r.html.find("<h2><span id=\"i-yeu-cau-chung\"></span>I. YÊU CẦU CHUNG</h2>") !=
        std::string::npos);
  REQUIRE(r.headings.size() == 3);
  CHECK(r.headings[1].id == "muc-tieu");
  CHECK(r.headings[2].id == "muc-tieu-2");
  CHECK(r.headings[0].level == 2);
}

TEST_CASE("markdown: GFM tables, strikethrough and autolinks") {
  auto r = render("| Stt | Tên |\n|---|---|\n| 1 | A |\n\n~~cũ~~ https://example.gov.vn\n");
  CHECK(r.html.find("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                    "aria-label=\"Stt, Tên\">\n<table>") != std::string::npos);
  CHECK(r.html.find("<del>cũ</del>") != std::string::npos);
  CHECK(r.html.find("<a href=\"https://example.gov.vn\">") != std::string::npos);
}

TEST_CASE("markdown: a table's scroll box is a region named after the heading it comes under") {
  auto r = render("## Danh mục <tài liệu> & \"mẫu\"\n\n| A | B |\n|---|---|\n| 1 | 2 |\n");
  CHECK(r.html.find("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
                    "aria-label=\"Danh mục &lt;tài liệu&gt; &amp; &quot;mẫu&quot;\">") !=
        std::string::npos);
  // A name is at most 120 bytes, cut between characters.
  std::string header =
      "| " + std::string(61, 'a') + " | " + std::string(30, 'b') + " | đđđđđđđđđđđđđđđđ |";
  auto wide = render(header + "\n|---|---|---|\n| 1 | 2 | 3 |\n");
  std::string name = std::string(61, 'a') + ", " + std::string(30, 'b') + ", " + "đđđđđđđđđđđđ…";
  CHECK(wide.html.find("aria-label=\"" + name + "\"") != std::string::npos);
}

TEST_CASE("markdown: raw HTML is shown as text unless allowed") {
  auto r = render("<script>alert(1)</script>\n\nand <b>bold</b>\n");
  CHECK(r.html.find("<script>") == std::string::npos);
  CHECK(r.html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(r.html.find("&lt;b&gt;bold&lt;/b&gt;") != std::string::npos);
  auto allowed = render("<b>bold</b> and <script>x</script>\n", true);
  CHECK(allowed.html.find("<b>bold</b>") != std::string::npos);
  CHECK(allowed.html.find("<script>") == std::string::npos);  // tagfilter
}

TEST_CASE("markdown: javascript: links are dropped") {
  auto r = render("[click](javascript:alert(1)) [ok](/notice/2023/a/)\n");
  CHECK(r.html.find("javascript") == std::string::npos);
  CHECK(r.html.find("href=\"/notice/2023/a/\"") != std::string::npos);
  // The text stays, with no link: not even one to the page itself.
  CHECK(r.html == "<p>click <a href=\"/notice/2023/a/\">ok</a></p>\n");
  auto image = render("![ảnh](data:text/html,x) ![ok](data:image/png;base64,AA==) ![x](x.png)\n");
  CHECK(image.html == "<p>ảnh ok <img src=\"x.png\" alt=\"x\" /></p>\n");
}

TEST_CASE("markdown: unsafe schemes are found however they are spelt") {
  for (const char* url :
       {"javascript:x", "JavaScript:x", " \tjava\nscript:x", "vbscript:x", "data:text/html,x",
        "DATA:image/svg+xml,x", "data:image/png;base64,AA==", "file:///etc/passwd"}) {
    CHECK_MESSAGE(markdown::is_unsafe_url(url), url);
  }
  for (const char* url :
       {"https://a.vn/javascript:", "/notice/", "#javascript", "mailto:a@b.vn", "/data:x"}) {
    CHECK_FALSE_MESSAGE(markdown::is_unsafe_url(url), url);
  }
}

TEST_CASE("markdown: every link and image is listed as written, with its line and column") {
  auto r = render(
      "# Tiêu đề\n\nĐoạn [một](a.md) và\ntiếp [hai](/b/#x \"t\")\n\n"
      "| A | B |\n|---|---|\n| ![ảnh](files/x.png) | <https://a.vn/> |\n\n"
      "- mục https://b.vn/c\n");
  REQUIRE(r.links.size() == 5);
  CHECK(r.links[0].url == "a.md");
  CHECK(r.links[0].line == 3);
  CHECK(r.links[0].column == 9);  // bytes: Đ and ạ are two and three
  CHECK(r.links[1].url == "/b/#x");
  CHECK(r.links[1].line == 4);
  CHECK(r.links[1].column == 8);
  CHECK(r.links[2].url == "files/x.png");
  CHECK(r.links[2].image);
  CHECK(r.links[2].line == 8);
  CHECK(r.links[2].column == 3);
  CHECK(r.links[3].url == "https://a.vn/");
  CHECK(r.links[3].line == 8);
  CHECK(r.links[4].url == "https://b.vn/c");  // an autolink, which cmark places nowhere
  CHECK(r.links[4].line == 10);
  CHECK(r.links[4].column == 9);
}

TEST_CASE("markdown: a rewrite gives links their published address, or removes them") {
  markdown::LinkRewrite rewrite = [](std::string_view url) -> std::optional<std::string> {
    if (url == "b.md") return "/notice/2023/b/";
    if (url == "draft.md") return "";
    return std::nullopt;
  };
  auto r = markdown::render_markdown("[B](b.md), [nháp](draft.md), [C](c/)\n", {}, rewrite);
  CHECK(r.html == "<p><a href=\"/notice/2023/b/\">B</a>, nháp, <a href=\"c/\">C</a></p>\n");
  CHECK(r.links[0].url == "b.md");  // as written
}

TEST_CASE("markdown: plain text is what a reader sees, entities decoded") {
  auto r = render("# Ch&iacute;nh ph&#7911;\n\n**Năng suất** và *chất lượng*\n\n- một\n- hai\n");
  CHECK(r.plain_text == "Chính phủ\nNăng suất và chất lượng\nmột\nhai\n");
}

TEST_CASE("markdown: thousands of headings of one title are numbered in order") {
  // Found by fuzzing: each repeated title counted up from -2 again (quadratic on 100 KB).
  std::string md;
  while (md.size() < 100'000) md += "## I. YÊU CẦU CHUNG\n\ntext\n\n## Mục tiêu\n\n## Mục tiêu\n";
  md += "## Mục tiêu 2\n";
  auto r = render(md);
  const std::size_t repeats = (r.headings.size() - 1) / 3;
  REQUIRE(repeats > 1000);
  CHECK(r.headings[0].id == "i-yeu-cau-chung");
  CHECK(r.headings[1].id == "muc-tieu");
  CHECK(r.headings[2].id == "muc-tieu-2");
  CHECK(r.headings[3].id == "i-yeu-cau-chung-2");
  CHECK(r.headings[4].id == "muc-tieu-3");
  CHECK(r.headings[3 * repeats - 1].id == "muc-tieu-" + std::to_string(2 * repeats));
  CHECK(r.headings[3 * repeats - 3].id == "i-yeu-cau-chung-" + std::to_string(repeats));
  // A title whose slug an earlier heading's number took gets a number of its own.
  CHECK(r.headings.back().id == "muc-tieu-2-2");
}
