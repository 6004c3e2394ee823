// End-to-end: calls that open, close soon, close and get results; extensions; deadlines that
// disagree; documents that amend, replace and guide each other; calendars of deadlines.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "temp_site.hpp"
#include "test_repo.hpp"

namespace {

std::string seed_notice() {
  std::ifstream in(std::string(GAZETTE_SOURCE_DIR) +
                   "/content/notices/2023/de-xuat-nhiem-vu-ct1322-nam-2024-dien-bien.md");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string seed_guidance() {
  std::ifstream in(std::string(GAZETTE_SOURCE_DIR) +
                   "/content/guidance/2025/de-xuat-nhiem-vu-ct1322-thuc-hien-tu-nam-2026.md");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

const char* const kProgram =
    "+++\ntitle = \"Chương trình 1322\"\nnumber = \"1322/QĐ-TTg\"\nissued = 2020-08-31\n"
    "program = \"1322\"\n+++\nVề chương trình.\n";

// An iCalendar file as its content lines: unfolded, each "NAME;PARAMS:VALUE".
std::vector<std::string> ical_lines(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < ics.size()) {
    std::size_t end = ics.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // every line ends in CRLF
    std::string line = ics.substr(start, end - start);
    CHECK(line.size() <= 75);
    if (!line.empty() && line[0] == ' ') {
      REQUIRE_FALSE(lines.empty());
      lines.back() += line.substr(1);
    } else {
      lines.push_back(line);
    }
    start = end + 2;
  }
  return lines;
}

// The first line that starts with `prefix` ("SUMMARY:", "DTSTART;TZID=").
std::string ical_value(const std::vector<std::string>& lines, const std::string& prefix) {
  for (const auto& l : lines) {
    if (l.rfind(prefix, 0) == 0) return l;
  }
  return {};
}

}  // namespace

TEST_CASE("lifecycle: every state of a call at its moment") {
  TempSite site({{"content/notices/a.md",
                  notice("Đợt A",
                         "opens = 2023-04-15T08:00:00+07:00\ndeadline = 2023-04-25T17:00:00+07:00\n"
                         "results_date = 2023-05-20\n")}});
  struct Moment {
    const char* now;
    const char* state;
  };
  for (const Moment& m : {Moment{"2023-04-14T09:00:00+07:00", "call-upcoming"},
                          Moment{"2023-04-15T08:00:00+07:00", "call-open"},
                          Moment{"2023-04-18T17:00:00+07:00", "call-closing-soon"},
                          Moment{"2023-04-25T17:00:00+07:00", "call-closed"},
                          Moment{"2023-05-20T00:00:00+07:00", "call-results"}}) {
    REQUIRE(site.build(m.now).report.ok);
    CHECK_MESSAGE(contains(site.page("notice/2023/a/index.html"), m.state), m.now);
  }
  // The page names the opening for the script that keeps it true to the reader's clock.
  CHECK(
      contains(site.page("notice/2023/a/index.html"), "data-opens=\"2023-04-15T08:00:00+07:00\""));
  CHECK(contains(site.page("notice/2023/a/index.html"),
                 "data-deadline=\"2023-04-25T17:00:00+07:00\""));
}

TEST_CASE("lifecycle: an extension shows the old and the new deadline with its date") {
  TempSite site(
      {{"content/notices/a.md",
        notice("Đợt A",
               "deadline = 2023-04-30T17:00:00+07:00\nextensions = [{ previous = "
               "2023-04-25T17:00:00+07:00, announced = 2023-04-20, note = \"Gia hạn\" }]\n")}});
  REQUIRE(site.build().report.ok);
  std::string html = site.page("notice/2023/a/index.html");
  CHECK(contains(html, "<del>17:00, ngày 25 tháng 4 năm 2023</del>"));
  CHECK(contains(html, "<ins>17:00, ngày 30 tháng 4 năm 2023</ins>"));
  CHECK(contains(html, "(thông báo ngày 20/4/2023): <bdi>Gia hạn</bdi>"));
}

TEST_CASE("lifecycle: an extension committed to git is found in the history") {
  gazette::history::test::TestRepo repo;
  repo.write("site.toml", "title = \"T\"\n");
  repo.write("content/notices/a.md", notice("Đợt A", "deadline = 2023-04-25T17:00:00+07:00\n"));
  repo.commit("Đăng", {}, 1681000000);
  repo.write("content/notices/a.md", notice("Đợt A", "deadline = 2023-04-30T17:00:00+07:00\n"));
  repo.commit("Gia hạn\n\nChange-Note: Gia hạn đến 30/4/2023\n", {}, 1681956000);
  auto built = build_site(repo.root(), "2023-04-21T09:00:00+07:00");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::ifstream in(repo.root() / "public/notice/2023/a/index.html");
  std::string html(std::istreambuf_iterator<char>(in), {});
  CHECK(contains(html, "<del>17:00, ngày 25 tháng 4 năm 2023</del>"));
  CHECK(contains(html, "<ins>17:00, ngày 30 tháng 4 năm 2023</ins>"));
  CHECK(contains(html, "Gia hạn đến 30/4/2023"));
}

TEST_CASE("lifecycle: check warns when the text names another deadline (the seeds' wording)") {
  // The notice says "Trước ngày 25/4/2023"; the field is moved to the 28th.
  std::string notice_text = replace(seed_notice(), "deadline = 2023-04-25T17:00:00+07:00",
                                    "deadline = 2023-04-28T17:00:00+07:00");
  // The guidance says "17h00 ngày 17/8/2025"; the field is moved to 18:00.
  std::string guidance_text = replace(seed_guidance(), "deadline = 2025-08-17T17:00:00+07:00",
                                      "deadline = 2025-08-17T18:00:00+07:00");
  TempSite site({{"content/programs/1322.md", kProgram},
                 {"content/notices/2023/n.md", notice_text},
                 {"content/guidance/2025/g.md", guidance_text},
                 {"files/thong-bao-de-xuat-nhiem-vu-ct1322-2024-dien-bien.txt", "x"},
                 {"files/huong-dan-de-xuat-nhiem-vu-ct1322-2026-bkhcn.txt", "x"}});
  auto built = site.build("2023-04-20T09:00:00+07:00", false);
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string all = built.messages();
  CHECK(contains(all, "content/notices/2023/n.md:"));
  CHECK(contains(
      all, "warning: the text names the deadline 25/4/2023 but `deadline` is 17:00 28/4/2023"));
  CHECK(contains(
      all,
      "warning: the text names the deadline 17h00 17/8/2025 but `deadline` is 18:00 17/8/2025"));
  // With the fields as published, the seeds are consistent.
  TempSite clean({{"content/programs/1322.md", kProgram},
                  {"content/notices/2023/n.md", seed_notice()},
                  {"content/guidance/2025/g.md", seed_guidance()},
                  {"files/thong-bao-de-xuat-nhiem-vu-ct1322-2024-dien-bien.txt", "x"},
                  {"files/huong-dan-de-xuat-nhiem-vu-ct1322-2026-bkhcn.txt", "x"}});
  CHECK_FALSE(
      contains(clean.build("2023-04-20T09:00:00+07:00", false).messages(), "names the deadline"));
}

TEST_CASE("lifecycle: a notice's deadline after the one it implements is a warning") {
  TempSite site({
      {"content/programs/1322.md", kProgram},
      {"content/guidance/g.md",
       "+++\ntitle = \"Hướng dẫn\"\nnumber = \"1019/BKHCN-TĐC\"\nissued = 2023-04-11\nprogram = "
       "\"1322\"\nround = 2024\ndeadline = 2023-05-15T17:00:00+07:00\n+++\nNội dung.\n"},
      {"content/notices/n.md",
       notice("Thông báo",
              "program = \"1322\"\nround = 2024\nreferences = [\"1019/BKHCN-TĐC\"]\n"
              "deadline = 2023-05-20T17:00:00+07:00\n")},
  });
  auto built = site.build("2023-04-20T09:00:00+07:00", false);
  REQUIRE(built.report.ok);
  CHECK(contains(
      built.messages(),
      "content/notices/n.md:8:1: warning: the deadline 17:00 20/5/2023 is after 17:00 15/5/2023"));
}

TEST_CASE(
    "lifecycle: relationships link both ways, a replaced document says so and stops being open") {
  TempSite site({
      {"content/notices/old.md",
       notice("Thông báo cũ", "number = \"10/TB\"\ndeadline = 2023-05-01T17:00:00+07:00\n")},
      {"content/notices/new.md",
       notice(
           "Thông báo mới",
           "number = \"11/TB\"\nreplaces = [\"10/TB\"]\ndeadline = 2023-05-10T17:00:00+07:00\n")},
      {"content/notices/fix.md", notice("Đính chính", "amends = [\"11/TB\"]\n")},
      {"content/guidance/g.md",
       "+++\ntitle = \"Hướng dẫn\"\nissued = 2023-04-13\nguides = [\"new\"]\n+++\nx\n"},
  });
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string old_page = site.page("notice/2023/old/index.html");
  CHECK(
      contains(old_page,
               "Văn bản này đã được thay thế bởi <a href=\"/notice/2023/new/\"><bdi>11/TB</bdi> — "
               "<bdi>Thông báo mới</bdi></a>"));
  CHECK(contains(old_page, "Bị thay thế bởi: <a href=\"/notice/2023/new/\">"));
  std::string new_page = site.page("notice/2023/new/index.html");
  CHECK(contains(new_page, "Thay thế: <a href=\"/notice/2023/old/\">"));
  CHECK(contains(new_page, "Được sửa đổi, bổ sung bởi: <a href=\"/notice/2023/fix/\">"));
  CHECK(contains(new_page, "Được hướng dẫn thi hành bởi: <a href=\"/guidance/2023/g/\">"));
  std::string home = site.page("index.html");
  std::string open = home.substr(0, home.find("latest-heading"));
  CHECK(contains(open, "/notice/2023/new/"));
  CHECK_FALSE(contains(open, "/notice/2023/old/"));
  CHECK(site.exists("public/notice/2023/old/index.html"));  // still at its address
}

TEST_CASE("lifecycle: relationship cycles are errors, unknown numbers are warned about") {
  TempSite site({
      {"content/notices/a.md", notice("A", "number = \"1/TB\"\namends = [\"2/TB\"]\n")},
      {"content/notices/b.md", notice("B", "number = \"2/TB\"\namends = [\"1/TB\"]\n")},
      {"content/notices/c.md", notice("C", "replaces = [\"99/XYZ\"]\n")},
  });
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  CHECK(contains(built.messages(), "content/notices/a.md:6:1: error: `amends` makes a cycle"));
  CHECK(contains(
      built.messages(),
      "content/notices/c.md:5:1: warning: `replaces` names `99/XYZ`, which is not on this site"));
}

TEST_CASE("lifecycle: calendars of deadlines read back field by field (RFC 5545)") {
  TempSite site({
      {"content/notices/a.md",
       notice("Đề xuất nhiệm vụ, đợt 1; năm 2024",
              "number = \"12/TB\"\nissuer = \"Sở KH&CN\"\ndeadline = 2023-04-25T17:00:00+07:00\n")},
      {"content/notices/b.md", notice("Đợt đã hết hạn", "deadline = 2023-04-15T17:00:00+07:00\n")},
  });
  REQUIRE(site.build("2023-04-20T09:00:00+07:00").report.ok);
  auto lines = ical_lines(site.page("notice/2023/a/a.ics"));  // named after the call
  REQUIRE(lines.size() > 10);
  CHECK(lines.front() == "BEGIN:VCALENDAR");
  CHECK(lines.back() == "END:VCALENDAR");
  CHECK(ical_value(lines, "VERSION:") == "VERSION:2.0");
  CHECK(ical_value(lines, "TZID:") == "TZID:Asia/Ho_Chi_Minh");
  CHECK(ical_value(lines, "TZOFFSETTO:") == "TZOFFSETTO:+0700");
  CHECK(ical_value(lines, "DTSTART;TZID=") == "DTSTART;TZID=Asia/Ho_Chi_Minh:20230425T170000");
  CHECK(ical_value(lines, "UID:") == "UID:notice/2023/a/deadline@127.0.0.1:8080");
  // Last revised when issued (no history here): 2023-04-12 at midnight in Hà Nội.
  CHECK(ical_value(lines, "DTSTAMP:") == "DTSTAMP:20230411T170000Z");
  CHECK(ical_value(lines, "SUMMARY:") ==
        "SUMMARY:Hạn nộp hồ sơ: Đề xuất nhiệm vụ\\, đợt 1\\; năm 2024");
  CHECK(ical_value(lines, "URL:") == "URL:http://127.0.0.1:8080/notice/2023/a/");
  CHECK(ical_value(lines, "TRIGGER:") == "TRIGGER:-P1D");
  // The feed of open calls has the open one only.
  std::string calls = site.page("calls.ics");
  CHECK(contains(calls, "UID:notice/2023/a/deadline@"));
  CHECK_FALSE(contains(calls, "UID:notice/2023/b/deadline@"));
  CHECK(contains(site.page("notice/2023/a/index.html"), "href=\"/notice/2023/a/a.ics\""));
  // Closing soon: the call has 5 days left.
  CHECK(contains(site.page("closing-soon.xml"), "/notice/2023/a/"));
}
