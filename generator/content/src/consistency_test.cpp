// The deadline a notice's text names against its `deadline` field. The sentences follow the
// ways published Vietnamese notices (ministries, provincial departments, universities) write a
// deadline, and the dates beside it that are not deadlines.
#include <doctest/doctest.h>

#include <cstdio>

#include "deadline_items.hpp"
#include "gazette/content.hpp"
#include "gazette/text.hpp"
#include "named_deadlines.hpp"
#include "temp_dir.hpp"

using namespace gazette;

namespace {

constexpr const char* kField = "2024-05-20T17:00:00+07:00";
constexpr const char* kIssued = "2024-05-02";

// The warnings check_consistency gives a notice with this body, issue date and deadline.
std::vector<Diagnostic> deadline_warnings(const std::string& body, const std::string& deadline,
                                          const std::string& issued = kIssued) {
  static TempDir dir;
  auto config = config::default_config(dir.path());
  std::string source = "+++\ntitle = \"Thông báo\"\nkind = \"notice\"\nissued = " + issued +
                       "\ndeadline = " + deadline + "\n+++\n" + body + "\n";
  Diagnostics diags;
  auto doc = content::parse_document(source, dir.path() / "content/notices/a.md",
                                     "content/notices/a.md", content::Kind::notice, config, diags);
  REQUIRE_MESSAGE(doc, source);
  Diagnostics checked;
  content::check_consistency({*doc}, checked);
  return checked.sorted();
}

std::string messages(const std::vector<Diagnostic>& diags) {
  std::string all;
  for (const auto& d : diags) all += (all.empty() ? "" : "\n") + d.message;
  return all;
}

std::string names(const std::string& named, const std::string& field = "17:00 20/5/2024") {
  return "the text names the deadline " + named + " but `deadline` is " + field;
}

struct Case {
  const char* sentence;
  std::string expected;  // "" for no warning
  const char* deadline = kField;
  const char* issued = kIssued;
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    CAPTURE(c.sentence);
    CHECK(messages(deadline_warnings(c.sentence, c.deadline, c.issued)) == c.expected);
  }
}

}  // namespace

TEST_CASE("consistency: deadline sentences that agree with the field give no warning") {
  check_cases({
      {"4. Thời hạn nhận hồ sơ: thời hạn cuối cùng nhận hồ sơ đăng ký tuyển chọn là 17h00 ngày "
       "20/5/2024.",
       ""},
      {"Thời hạn cuối cùng nhận hồ sơ là 17 giờ 00 ngày 20/5/2024, các hồ sơ gửi qua đường bưu "
       "điện được tính theo dấu đến của bưu điện chậm nhất là ngày 20/5/2024.",
       ""},
      {"Thời hạn cuối cùng nhận hồ sơ là 17 giờ 00 phút ngày 20 tháng 5 năm 2024.", ""},
      {"Hồ sơ gửi về Sở Khoa học và Công nghệ trước 17h ngày 20/05/2024.", ""},
      {"Hạn chót nhận hồ sơ: 17:00, ngày 20-5-2024.", ""},
      {"Thời gian nhận hồ sơ: từ ngày 06/5/2024 đến hết ngày 20/5/2024.", ""},
      {"HẠN NỘP HỒ SƠ: TRƯỚC NGÀY 20.5.2024", ""},
      {"han nop ho so: truoc 17h00 ngay 20/5/2024", ""},
      {"1. Thời hạn nhận hồ sơ: Trƣớc ngày 20/5/2024.", ""},
      {"Các tổ chức, cá nhân gửi hồ sơ chậm nhất vào 17 giờ ngày 20/5.", ""},
      {"Hạn chót: 5 giờ chiều ngày 20/5/2024.", ""},
      {"Hồ sơ nộp trực tiếp hoặc qua bưu điện, hạn cuối là ngày 20 tháng 05.", ""},
      {"| Hạn nộp hồ sơ | **17h00 ngày 20/5/2024** |", ""},
      {"Hạn nộp: 2024-05-20.", ""},
      {"Thời gian nhận hồ sơ: 06/5/2024 - 20/5/2024.", ""},
      {"Hồ sơ nhận từ 6/5/2024 – 20/5/2024.", ""},
  });
}

TEST_CASE("consistency: a deadline sentence naming another day or hour is a warning") {
  check_cases({
      {"Thời hạn nhận hồ sơ: trước ngày 15/5/2024.", names("15/5/2024")},
      {"Thời hạn cuối cùng nhận hồ sơ đăng ký tuyển chọn là 16h30 ngày 20/5/2024.",
       names("16h30 20/5/2024")},
      {"Thời hạn cuối cùng nhận Hồ sơ là 16 giờ 30 phút ngày 20 tháng 5 năm 2024.",
       names("16h30 20/5/2024")},
      {"Hồ sơ nộp trước 16g30 ngày 20/5/2024.", names("16h30 20/5/2024")},
      {"Hạn cuối: 17h00 ngày 25/5/2024.", names("17h00 25/5/2024")},
      {"Hạn chót nộp hồ sơ là ngày 25/05/2024.", names("25/5/2024")},
      {"Thời gian nhận hồ sơ: từ ngày 06/5/2024 đến hết ngày 25/5/2024.", names("25/5/2024")},
      {"Thời gian tiếp nhận hồ sơ từ ngày 6/5 đến 17 giờ ngày 25/5.",
       names("17h00 25/5 (no year given: read as 25/5/2024)")},
      {"Thí sinh nộp hồ sơ từ ngày 6-5 đến hết 25-5.",
       names("25/5 (no year given: read as 25/5/2024)")},
      {"Hồ sơ xác nhận tham gia gửi chậm nhất đến 17 giờ 30 phút ngày 20/5/2024.",
       names("17h30 20/5/2024")},
      {"Hạn nộp hồ sơ: đến hết ngày 25 tháng 5 năm 2024.", names("25/5/2024")},
      {"Hạn nộp hồ sơ: ngày 06/5/2024 đến ngày 25/5/2024.", names("25/5/2024")},
      {"Hồ sơ nhận từ 6/5/2024 – 25/5/2024.", names("25/5/2024")},
      {"HẠN CHÓT NHẬN HỒ SƠ: 17H00 NGÀY 25.5.2024", names("17h00 25/5/2024")},
      {"thoi han nhan ho so: truoc ngay 15/5/2024", names("15/5/2024")},
      {"Thời hạn nhận hồ sơ: Trƣớc ngày 15/5/2024.", names("15/5/2024")},
      {"Hạn nộp: 2024-05-25.", names("25/5/2024")},
      {"Deadline: 25/5/2024.", names("25/5/2024")},
      {"Hồ sơ đăng ký (kèm kết quả nghiên cứu đã công bố) gửi trước ngày 25/5/2024.",
       names("25/5/2024")},
      {"Tổ chức, cá nhân đăng ký tham gia đến ngày 25/5/2024.", names("25/5/2024")},
      {"Hồ sơ gửi về Sở trước 17 giờ, thứ Sáu, ngày 24/5/2024.", names("17h00 24/5/2024")},
      {"Thời hạn nhận hồ sơ: ngày 25/5/2024 lúc 16h00.", names("16h00 25/5/2024")},
      // A field without a time means the end of the day; the text's hour then differs.
      {"Hồ sơ nộp trước 17h ngày 20/5/2024.", names("17h00 20/5/2024", "23:59 20/5/2024"),
       "2024-05-20"},
  });
}

TEST_CASE("consistency: a date without a year takes the year of issue, or the next one") {
  check_cases({
      {"Hồ sơ gửi trước ngày 10/01.", "", "2025-01-10T17:00:00+07:00", "2024-12-20"},
      {"Hồ sơ gửi trước ngày 15/01.",
       names("15/1 (no year given: read as 15/1/2025)", "17:00 10/1/2025"),
       "2025-01-10T17:00:00+07:00", "2024-12-20"},
      {"Hồ sơ gửi trước ngày 28/12.", "", "2024-12-28T17:00:00+07:00", "2024-12-20"},
  });
}

TEST_CASE("consistency: dates that are not deadlines give no warning") {
  check_cases({
      {"Căn cứ Quyết định số 2458/QĐ-BKHCN ngày 7/9/2020 của Bộ trưởng Bộ KH&CN về việc phê "
       "duyệt danh mục nhiệm vụ.",
       ""},
      {"Thời hạn nộp hồ sơ theo Công văn số 1019/BKHCN-TĐC ngày 11/4/2024 là trước 17h00 ngày "
       "20/5/2024.",
       ""},
      {"Phương thức tuyển chọn thực hiện theo Thông tư số 08/2017/TT-BKHCN ngày 26/6/2017; hồ "
       "sơ gửi trước ngày 20/5/2024.",
       ""},
      {"Hồ sơ gửi trước ngày 20/5/2024; kết quả tuyển chọn sẽ được công bố trước ngày 15/6/2024.",
       ""},
      {"Hạn nộp hồ sơ trước ngày 20/5/2024, kết quả được thông báo trên Cổng thông tin điện tử "
       "của Sở chậm nhất ngày 10/6/2024.",
       ""},
      {"Hạn nộp hồ sơ: 17h00 ngày 20/5/2024. Dự kiến công bố kết quả: ngày 30/6/2024.", ""},
      {"Kết quả xét chọn được công bố trước ngày 10/6/2024, hồ sơ nộp trước ngày 20/5/2024.", ""},
      {"Hội đồng tư vấn dự kiến họp vào lúc 8 giờ 00 ngày 5 tháng 6 năm 2024.", ""},
      {"Kỳ họp được tổ chức từ ngày 10 tháng 6 năm 2024 đến ngày 12 tháng 6 năm 2024.", ""},
      {"Thời gian: 16h30 ngày 31/5/2024; Địa điểm: Hội trường Sở.", ""},
      {"Thông báo này có hiệu lực kể từ ngày ký.", ""},
      {"Quyết định này có hiệu lực thi hành kể từ ngày 10 tháng 10 năm 2024.", ""},
      {"Điện Biên, ngày 02 tháng 5 năm 2024", ""},
      {"Thời hạn nộp hồ sơ: 15 ngày kể từ ngày ban hành Thông báo này (ngày 02/5/2024).", ""},
      {"Thời gian thực hiện nhiệm vụ: từ tháng 1/2025 đến tháng 12/2026.", ""},
      {"Thời hạn thực hiện dự án: đến hết ngày 31/12/2026.", ""},
      {"Tiếp nhận hồ sơ trong giờ hành chính: buổi sáng từ 7h30 đến 11h30, buổi chiều từ 13h30 "
       "đến 16h30.",
       ""},
      {"Xem https://skhcn.example.gov.vn/2024/05/25/thong-bao; hạn nộp hồ sơ trước ngày "
       "20/5/2024.",
       ""},
      {"Tiếp theo Công văn số 3233/BKHCN-TĐC ngày 18/7/2024 của Bộ về việc hướng dẫn xây dựng kế "
       "hoạch, hồ sơ gửi trước ngày 20/5/2024.",
       ""},
      {"Căn cứ Luật Đầu tư ngày 26/11/2014; Luật Khoa học và Công nghệ ngày 18/6/2013;", ""},
      {"Trong thời hạn 05 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, Sở trả lời tổ chức.",
       ""},
      {"Kinh phí hỗ trợ tối đa 2.5 tỷ đồng; thời hạn thực hiện 24 tháng.", ""},
  });
}

TEST_CASE("consistency: a deadline sentence wrapped over lines is read as one") {
  auto warnings = deadline_warnings("Thời hạn nhận hồ sơ:\ntrước ngày 25/5/2024.", kField);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message == names("25/5/2024"));
  CHECK(warnings[0].loc.line == 8);
  CHECK(warnings[0].loc.column == 16);
  CHECK(warnings[0].source_line == "trước ngày 25/5/2024.");
  // A new paragraph or list item starts afresh: the cue of one does not reach the next.
  CHECK(deadline_warnings("Thời hạn nhận hồ sơ:\n\nNgày 25/5/2024, Sở họp.", kField).empty());
  CHECK(deadline_warnings("- Hạn nộp hồ sơ:\n- Ngày 25/5/2024, Sở họp.", kField).empty());
}

TEST_CASE("consistency: the warning points at the time or date as written, with a hint") {
  auto warnings = deadline_warnings(
      "Nội dung.\n\n**Thời hạn**: Hồ sơ gửi về Sở trƣớc 16 giờ 30 ngày 20/5/2024.", kField);
  REQUIRE(warnings.size() == 1);
  const Diagnostic& d = warnings[0];
  CHECK(d.severity == Severity::warning);
  CHECK(d.file == "content/notices/a.md");
  CHECK(d.loc.line == 9);
  // Columns count bytes of the line as written: "trƣớc" is 8 bytes, "ờ", "ạ", "ồ", "ử" 3 each.
  CHECK(d.loc.column == 53);
  CHECK(d.message == names("16h30 20/5/2024"));
  CHECK(d.hint == "correct whichever is wrong (line 5 has the field); readers act on both");
  CHECK(d.source_line == "**Thời hạn**: Hồ sơ gửi về Sở trƣớc 16 giờ 30 ngày 20/5/2024.");
}

TEST_CASE("consistency: each wrong deadline of a text is reported once") {
  auto warnings = deadline_warnings(
      "Hạn nộp hồ sơ: trước ngày 25/5/2024, chậm nhất là ngày 25/5/2024.\n\n"
      "Thời hạn nhận hồ sơ: trước ngày 20/5/2024.\n\nHạn chót: 26/5/2024.",
      kField);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].loc.line == 7);
  CHECK(warnings[0].message == names("25/5/2024"));
  CHECK(warnings[1].loc.line == 11);
  CHECK(warnings[1].message == names("26/5/2024"));
}

TEST_CASE("consistency: the reader folds case, marks and the ƣ defect, keeping columns") {
  // What a site that is not Vietnamese keeps as written reaches the reader unrepaired.
  auto found = content::detail::named_deadlines(
      "Nội dung.\nTHỜI HẠN NHẬN HỒ SƠ: TRƢỚC 16H30 NGÀY 25/5/2024", 3, Date{2024, 5, 2});
  REQUIRE(found.size() == 1);
  CHECK(found[0].date == Date{2024, 5, 25});
  CHECK(found[0].year_given);
  CHECK(found[0].hour == 16);
  CHECK(found[0].minute == 30);
  CHECK(found[0].line == 4);
  CHECK(found[0].column == 40);
}

TEST_CASE("consistency: the reader folds every character as the search does, keeping columns") {
  content::detail::deadlines::Folded folded;
  auto utf8 = [](char32_t c) {
    std::string s;
    if (c < 0x800) {
      s = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    } else {
      s = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
           static_cast<char>(0x80 | (c & 0x3F))};
    }
    return s;
  };
  // Spaces and dashes that are not ASCII are read as theirs; every other character as folded.
  const std::string spaces = "\u00A0\u2009\u202F\u3000",
                    dashes = "\u2010\u2011\u2012\u2013\u2014\u2212";
  for (char32_t c = 0x80; c < 0x10000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string cp = utf8(c);
    std::string expected = spaces.find(cp) != std::string::npos   ? " "
                           : dashes.find(cp) != std::string::npos ? "-"
                                                                  : text::fold(cp);
    content::detail::deadlines::fold_line("x" + cp + "Y", folded);
    char name[16];
    std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
    REQUIRE_MESSAGE(folded.chars == "x" + expected + "y", name);
    REQUIRE(folded.from.size() == expected.size() + 2);
    CHECK(folded.from.front() == 0);
    CHECK(folded.from.back() == cp.size() + 1);
  }
  // Broken UTF-8 (a stray continuation byte, a character cut short) is folded as text::fold
  // folds those bytes, and the columns still count bytes of the line.
  content::detail::deadlines::fold_line(
      "\x80"
      "a\xC3"
      "b\xE1\xBA",
      folded);
  CHECK(folded.chars == text::fold("\x80"
                                   "a") +
                            text::fold("\xC3"
                                       "b") +
                            text::fold("\xE1\xBA"));
  CHECK(folded.from.back() == 4);
}
