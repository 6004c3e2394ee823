#include <doctest/doctest.h>

#include "gazette/content.hpp"
#include "temp_dir.hpp"

using namespace gazette;
using content::Document;
using content::Kind;

namespace {

const char* const kNotice = R"(+++
title    = "Đề xuất nhiệm vụ KH&CN cấp quốc gia bắt đầu thực hiện từ năm 2024"
kind     = "notice"
number   = "1255/UBND-KGVX"
issuer   = "Sở Khoa học và Công nghệ tỉnh Điện Biên"
province = "Điện Biên"
issued   = 2023-04-12
deadline = 2023-04-25T17:00:00+07:00
program  = "1322"
round    = 2024
signer   = { name = "Vũ Xuân Linh", title = "Phó Giám đốc" }
recipients  = ["UBND tỉnh", "Các Sở, ngành tỉnh"]
references  = ["1322/QĐ-TTg", "15/2022/TT-BKHCN"]
contact  = { office = "Phòng Quản lý TĐC", phone = "02153.825.019" }
tags     = ["năng suất", "chất lượng"]
+++
Căn cứ Quyết định số 1322/QĐ-TTg.
)";

struct Parsed {
  std::optional<Document> doc;
  std::vector<Diagnostic> diags;
};

Parsed parse(std::string_view text, const std::string& name = "content/notices/2023/a.md",
             std::optional<Kind> kind = Kind::notice) {
  static TempDir dir;
  auto config = config::default_config(dir.path());
  Diagnostics diags;
  Parsed p;
  p.doc = content::parse_document(text, dir.path() / name, name, kind, config, diags);
  p.diags = diags.sorted();
  return p;
}

}  // namespace

TEST_CASE("content: a notice's front matter is read into every field") {
  auto p = parse(kNotice);
  REQUIRE(p.doc);
  const Document& d = *p.doc;
  CHECK(d.title.find("Đề xuất") == 0);
  CHECK(d.kind == Kind::notice);
  CHECK(d.number == "1255/UBND-KGVX");
  CHECK(d.issued == Date{2023, 4, 12});
  REQUIRE(d.deadline);
  CHECK(format_rfc3339(*d.deadline) == "2023-04-25T17:00:00+07:00");
  CHECK(d.program == "1322");
  CHECK(d.round == 2024);
  REQUIRE(d.signer);
  CHECK(d.signer->title == "Phó Giám đốc");
  CHECK(d.references.size() == 2);
  CHECK(d.tags == std::vector<std::string>{"năng suất", "chất lượng"});
  CHECK(d.body == "Căn cứ Quyết định số 1322/QĐ-TTg.\n");
  CHECK(d.body_line == 17);
  CHECK(d.slug == "a");
  CHECK(d.url == "/notice/2023/a/");
  CHECK(d.loc_of("deadline").line == 8);
}

TEST_CASE("content: a local deadline is read in the site's time zone, a date means end of day") {
  auto p = parse("+++\ntitle = \"T\"\nissued = 2023-04-12\ndeadline = 2023-04-25T17:00:00\n+++\n");
  REQUIRE(p.doc);
  CHECK(format_rfc3339(*p.doc->deadline) == "2023-04-25T17:00:00+07:00");
  auto q = parse("+++\ntitle = \"T\"\nissued = 2023-04-12\ndeadline = 2023-04-25\n+++\n");
  REQUIRE(q.doc);
  CHECK(format_rfc3339(*q.doc->deadline) == "2023-04-25T23:59:59+07:00");
}

TEST_CASE("content: the kind comes from the folder when the front matter has none") {
  auto p = parse("+++\ntitle = \"T\"\nissued = 2025-01-02\n+++\n", "content/guidance/2025/x.md",
                 Kind::guidance);
  REQUIRE(p.doc);
  CHECK(p.doc->kind == Kind::guidance);
  CHECK(p.doc->url == "/guidance/2025/x/");
}

TEST_CASE("content: a Vietnamese file name becomes an ASCII slug") {
  auto p = parse("+++\ntitle = \"T\"\nissued = 2025-01-02\n+++\n",
                 "content/notices/2025/Thông báo tuyển chọn.md");
  REQUIRE(p.doc);
  CHECK(p.doc->slug == "thong-bao-tuyen-chon");
}

TEST_CASE("content: invalid TOML names the file line, not the front-matter line") {
  auto p = parse("+++\ntitle = \"T\"\nissued = 2023-04-12\nround = \n+++\n");
  CHECK_FALSE(p.doc);
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].file == "content/notices/2023/a.md");
  CHECK(p.diags[0].loc.line == 4);
  CHECK(p.diags[0].source_line == "round = ");
}

TEST_CASE("content: missing required fields are each reported") {
  auto p = parse("+++\nnumber = \"1/TB\"\n+++\nbody\n", "content/x.md", std::nullopt);
  CHECK_FALSE(p.doc);
  std::string all;
  for (auto& d : p.diags) all += d.message + "\n";
  CHECK(all.find("no `title`") != std::string::npos);
  CHECK(all.find("no `issued` date") != std::string::npos);
  CHECK(all.find("no `kind`") != std::string::npos);
}

TEST_CASE("content: a bad date is an error at its line with a hint") {
  auto p = parse("+++\ntitle = \"T\"\nissued = 2023-02-30\n+++\n");
  CHECK_FALSE(p.doc);
  REQUIRE_FALSE(p.diags.empty());
  CHECK(p.diags[0].loc.line == 3);
  auto q = parse("+++\ntitle = \"T\"\nissued = \"12/4/2023\"\n+++\n");
  REQUIRE_FALSE(q.diags.empty());
  CHECK(q.diags[0].loc.line == 3);
  CHECK(q.diags[0].message == "`issued` must be a date, not text");
  CHECK(q.diags[0].hint.find("2023-04-12") != std::string::npos);
}

TEST_CASE("content: an unknown key suggests the known one") {
  auto p = parse("+++\ntitle = \"T\"\nissued = 2023-04-12\ndealine = 2023-04-25\n+++\n");
  CHECK_FALSE(p.doc);
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].loc.line == 4);
  CHECK(p.diags[0].hint.find("did you mean `deadline`?") == 0);
}

TEST_CASE("content: invalid UTF-8, a BOM and an empty file are refused with their place") {
  auto bad = parse("+++\ntitle = \"Th\xF4ng b\xE1o\"\n+++\n");
  REQUIRE(bad.diags.size() == 1);
  CHECK(bad.diags[0].loc.line == 2);
  CHECK(bad.diags[0].loc.column == 12);
  auto bom = parse("\xEF\xBB\xBF+++\ntitle = \"T\"\nissued = 2023-04-12\n+++\n");
  REQUIRE(bom.diags.size() == 1);
  CHECK(bom.diags[0].message.find("byte order mark") != std::string::npos);
  auto empty = parse("  \n");
  REQUIRE(empty.diags.size() == 1);
  CHECK(empty.diags[0].message == "the file is empty");
}

TEST_CASE("content: YAML front matter and unclosed front matter get a hint") {
  auto yaml = parse("---\ntitle: T\n---\n");
  REQUIRE(yaml.diags.size() == 1);
  CHECK(yaml.diags[0].hint.find("+++") != std::string::npos);
  auto open = parse("+++\ntitle = \"T\"\n");
  REQUIRE(open.diags.size() == 1);
  CHECK(open.diags[0].message.find("never closed") != std::string::npos);
}

TEST_CASE("content: slugs and attachments may not leave the content directory") {
  auto slug = parse("+++\ntitle = \"T\"\nissued = 2023-04-12\nslug = \"../../etc\"\n+++\n");
  REQUIRE_FALSE(slug.diags.empty());
  CHECK(slug.diags[0].loc.line == 4);
  auto att = parse(
      "+++\ntitle = \"T\"\nissued = 2023-04-12\nattachments = [{ title = \"x\", file = "
      "\"../../secret.txt\" }]\n+++\n");
  REQUIRE_FALSE(att.diags.empty());
  CHECK(att.diags[0].message.find("leaves the site") != std::string::npos);
  CHECK(att.diags[0].loc.line == 4);
}

TEST_CASE("content: a missing attachment is an error naming where to put it") {
  auto p = parse(
      "+++\ntitle = \"T\"\nissued = 2023-04-12\nattachments = [{ title = \"Mẫu\", file = "
      "\"files/mau.docx\" }]\n+++\n");
  REQUIRE(p.diags.size() == 1);
  CHECK(p.diags[0].message == "attachment `files/mau.docx` not found");
  CHECK(p.diags[0].loc.line == 4);
}

TEST_CASE("content: a proposal list checks totals and priorities") {
  const char* list = R"(title = "Danh mục"
kind = "proposal-list"
issued = 2025-05-06
[[tasks]]
stt = 1
name = "A"
lead = "Viện X"
total = 100
state = 60
counterpart = 30
[[tasks]]
stt = 3
name = "B"
lead = "Viện Y"
total = 10
state = 10
counterpart = 0
)";
  auto p = parse(list, "content/proposals/2025/l.toml", Kind::proposal_list);
  CHECK_FALSE(p.doc);
  REQUIRE(p.diags.size() == 2);
  CHECK(p.diags[0].loc.line == 8);
  CHECK(p.diags[0].message == "total 100 is not state 60 + counterpart 30 = 90");
  CHECK(p.diags[1].message.find("found stt = 3 where 2 was expected") != std::string::npos);
}

TEST_CASE("content: check --fix repairs ƣ, removes a BOM and composes NFC") {
  content::FixReport report;
  std::string fixed = content::repair_text(
      "\xEF\xBB\xBF"
      "Chƣơng Hoa\xCC\x80",
      report);
  CHECK(fixed == "Chương Hoà");
  CHECK(report.oi_repaired == 1);
  CHECK(report.bom_removed);
  CHECK(report.normalized);
}

TEST_CASE("content: on a Vietnamese site ƣ is read as ư, while the source text keeps it") {
  const char* text =
      "+++\ntitle = \"Chƣơng trình\"\nissued = 2023-04-12\ntags = [\"CHƢƠNG\"]\n+++\n"
      "Định hƣớng.\n";
  auto p = parse(text);
  REQUIRE(p.doc);
  CHECK(p.doc->title == "Chương trình");
  CHECK(p.doc->tags == std::vector<std::string>{"CHƯƠNG"});
  CHECK(p.doc->body == "Định hướng.\n");
  CHECK(p.doc->source_text == text);
  // Elsewhere ƣ is a letter of its own.
  TempDir dir;
  auto config = config::default_config(dir.path());
  config.language = "en";
  config.languages = {"en"};
  CHECK_FALSE(content::oi_is_defect(config));
  Diagnostics diags;
  auto kept =
      content::parse_document(text, dir.path() / "a.md", "a.md", Kind::notice, config, diags);
  REQUIRE(kept);
  CHECK(kept->title == "Chƣơng trình");
  config.languages = {"en", "vi"};
  CHECK(content::oi_is_defect(config));
}

TEST_CASE("content: loading a site reports duplicates and unknown programmes") {
  TempDir dir;
  dir.write("site.toml", "title = \"T\"\n");
  dir.write("content/programs/1322.md",
            "+++\ntitle = \"CT 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\n");
  dir.write("content/notices/2023/a.md",
            "+++\ntitle = \"A\"\nissued = 2023-01-01\nnumber = \"1/TB\"\nissuer = \"Sở\"\n"
            "program = \"1322\"\n+++\n");
  dir.write("content/notices/b.md",
            "+++\ntitle = \"B\"\nissued = 2023-02-01\nslug = \"a\"\nnumber = \"1/TB\"\n"
            "issuer = \"Sở\"\nprogram = \"1323\"\n+++\n");
  auto config = config::load_site(dir.path());
  REQUIRE(config.ok());
  Diagnostics diags;
  auto docs = content::load_documents(*config, diags);
  CHECK(docs.size() == 3);
  content::check_documents(docs, *config, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 3);
  CHECK(all[0].file == "content/notices/b.md");
  CHECK(all[0].message.find("two documents have the address /notice/2023/a/") == 0);
  CHECK(all[1].message.find("document number `1/TB`") == 0);
  CHECK(all[2].message == "unknown programme `1323`");
  CHECK(all[2].hint.find("did you mean `1322`?") == 0);
}

TEST_CASE("content: a deadline named across long runs of spaces is found at its column") {
  // std::regex tried every way its neighbouring \s* could share the spaces after "17h"
  // (cubic: a line of 400 spaces took seconds to check, one of 3,000 hours).
  std::string date_line = "Hạn nộp: 17h" + std::string(2000, ' ') + "(xem phụ lục) trước" +
                          std::string(1000, '\t') + " ngày 20/4/2023.";
  std::string time_line = "Thời hạn: 16h30" + std::string(2000, ' ') + ", ngày 18/4/2023";
  auto p =
      parse("+++\ntitle = \"T\"\nissued = 2023-04-12\ndeadline = 2023-04-25T17:00:00+07:00\n+++\n" +
            date_line + "\n" + time_line + "\n");
  REQUIRE(p.doc);
  Diagnostics diags;
  content::check_consistency({*p.doc}, diags);
  auto all = diags.sorted();
  REQUIRE(all.size() == 2);
  CHECK(all[0].message ==
        "the text names the deadline 20/4/2023 but `deadline` is 17:00 25/4/2023");
  CHECK(all[0].loc.line == 6);
  CHECK(all[0].loc.column == static_cast<int>(date_line.find("20/4/2023")) + 1);
  CHECK(all[1].message ==
        "the text names the deadline 16h30 18/4/2023 but `deadline` is 17:00 25/4/2023");
  CHECK(all[1].loc.line == 7);
  CHECK(all[1].loc.column == static_cast<int>(time_line.find("16h30")) + 1);
}
