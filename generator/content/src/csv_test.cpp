#include <doctest/doctest.h>

#include "amounts.hpp"
#include "csv.hpp"
#include "form_columns.hpp"

using namespace gazette;
using namespace gazette::content::detail;

namespace {

std::vector<std::string> texts(const CsvRow& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

// The amount a cell reads as, as a double: exact for the small decimals of these tests.
double amount(std::string_view text) {
  std::string why;
  auto a = parse_amount(text, why);
  REQUIRE_MESSAGE(a, why);
  return a->value.to_double();
}

Money money(std::string_view text) {
  std::string why;
  auto m = parse_money(text, why);
  REQUIRE_MESSAGE(m, why);
  return *m;
}

NumberStyle style(std::string_view text) {
  std::string why;
  auto a = parse_amount(text, why);
  REQUIRE_MESSAGE(a, why);
  return a->style;
}

std::string refused(std::string_view text) {
  std::string why;
  auto a = parse_amount(text, why);
  CHECK_FALSE(a);
  return why;
}

}  // namespace

TEST_CASE("content: csv reads quoted cells with delimiters, doubled quotes and line breaks") {
  auto t = parse_csv("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\",\r\n", "f.csv");
  REQUIRE(t);
  CHECK(t->delimiter == ',');
  REQUIRE(t->rows.size() == 3);
  CHECK(texts(t->rows[1]) == std::vector<std::string>{"1", "x, y", "say \"hi\""});
  CHECK(texts(t->rows[2]) == std::vector<std::string>{"2", "two\nlines", ""});
  CHECK(t->rows[2].line == 3);
  // Each cell knows where it starts: the opening quote of a quoted cell.
  CHECK(t->rows[1].cells[1].loc.line == 2);
  CHECK(t->rows[1].cells[1].loc.column == 3);
  CHECK(t->rows[1].cells[2].loc.column == 10);
}

TEST_CASE(
    "content: csv detects a semicolon separator from the header line and reads LF and CR endings") {
  auto t = parse_csv("Stt;Tên nhiệm vụ;Tổng số\n1;\"A; B\";1.500,5\r2;C;7\n", "f.csv");
  REQUIRE(t);
  CHECK(t->delimiter == ';');
  REQUIRE(t->rows.size() == 3);
  CHECK(texts(t->rows[1]) == std::vector<std::string>{"1", "A; B", "1.500,5"});
  CHECK(texts(t->rows[2]) == std::vector<std::string>{"2", "C", "7"});
  CHECK(t->rows[2].line == 3);
  // A quoted header cell with commas does not count: ';' still wins.
  auto quoted = parse_csv("\"Tổ chức chủ trì, phối hợp, và\";Stt\n", "f.csv");
  REQUIRE(quoted);
  CHECK(quoted->delimiter == ';');
}

TEST_CASE("content: csv skips comment lines before the header and blank lines") {
  auto t = parse_csv("# an example\n\n# of comments\nstt,name\n\n1,A\n\n", "f.csv");
  REQUIRE(t);
  REQUIRE(t->rows.size() == 2);
  CHECK(t->rows[0].line == 4);
  CHECK(t->rows[1].line == 6);
}

TEST_CASE("content: csv reports an unclosed quote where the cell opens") {
  auto t = parse_csv("stt,name\n1,\"Nâng cao năng suất\n2,B\n", "content/p.csv");
  REQUIRE_FALSE(t);
  CHECK(t.error().file == "content/p.csv");
  CHECK(t.error().loc.line == 2);
  CHECK(t.error().loc.column == 3);
  CHECK(t.error().message == "the quoted cell that starts here is never closed");
  CHECK(t.error().source_line == "1,\"Nâng cao năng suất");
  CHECK(t.error().hint.find("\"\"") != std::string::npos);
}

TEST_CASE("content: csv reports text after a closing quote, naming where the cell opened") {
  auto t = parse_csv("stt,name\n1,\"A\n2,\"B\",x\n", "p.csv");
  REQUIRE_FALSE(t);
  CHECK(t.error().loc.line == 3);
  CHECK(t.error().loc.column == 4);
  CHECK(t.error().message ==
        "text after the closing quote of a quoted cell (the cell opened at line 2, column 3)");
}

TEST_CASE("content: amounts in Vietnamese and international styles") {
  CHECK(amount("1.500,5") == 1500.5);
  CHECK(style("1.500,5") == NumberStyle::vietnamese);
  CHECK(amount("1.500.000") == 1500000);
  CHECK(style("1.500.000") == NumberStyle::vietnamese);
  CHECK(amount("12,5") == 12.5);
  CHECK(style("12,5") == NumberStyle::vietnamese);
  CHECK(amount("1500,500") == 1500.5);  // a group of four cannot be thousands
  CHECK(amount("1500.5") == 1500.5);
  CHECK(style("1500.5") == NumberStyle::international);
  CHECK(amount("1,500.5") == 1500.5);
  CHECK(style("1,500.5") == NumberStyle::international);
  CHECK(amount("1,500,000") == 1500000);
  CHECK(amount("0.500") == 0.5);  // a leading 0 cannot start a group of thousands
  CHECK(style("0.500") == NumberStyle::international);
  // Digits alone, or grouped by (no-break) spaces, show no style.
  CHECK(amount("1500") == 1500);
  CHECK(style("1500") == NumberStyle::neither);
  CHECK(amount("1 500") == 1500);
  CHECK(amount("1\xC2\xA0"
               "500,25") == 1500.25);
  CHECK(amount(" 7 ") == 7);
  CHECK(amount("-") == 0);
  CHECK(amount("-12,5") == -12.5);
}

TEST_CASE("content: an amount with one separator and three digits is ambiguous") {
  std::string why;
  auto dot = parse_amount("1.500", why);
  REQUIRE(dot);
  CHECK(dot->ambiguous);
  CHECK(dot->style == NumberStyle::neither);
  CHECK(dot->value == money("1500"));               // Vietnamese: thousands
  CHECK(dot->international_value == money("1.5"));  // international: decimals
  auto comma = parse_amount("2,250", why);
  REQUIRE(comma);
  CHECK(comma->ambiguous);
  CHECK(comma->value == money("2.25"));
  CHECK(comma->international_value == money("2250"));
}

TEST_CASE("content: malformed amounts are refused with the reason") {
  CHECK(refused("1.50.0").find("groups its digits unevenly") != std::string::npos);
  CHECK(refused("1,500.000,5").find("more than one decimal separator") != std::string::npos);
  CHECK(refused("1500 triệu") == "“1500 triệu” is not a number");
  CHECK(refused("12.") == "“12.” ends with a separator");
  CHECK(refused(",5").find("separator without digits") != std::string::npos);
  CHECK(refused("") == "the cell is empty");
}

TEST_CASE("content: amounts are written back in a style") {
  CHECK(write_amount(money("1500.5"), NumberStyle::vietnamese) == "1.500,5");
  CHECK(write_amount(money("1500.5"), NumberStyle::international) == "1,500.5");
  CHECK(write_amount(money("1500.5"), NumberStyle::neither) == "1500.5");
  CHECK(write_amount(money("-2000"), NumberStyle::vietnamese) == "-2.000");
}

TEST_CASE("content: the form's headers are matched with or without marks, in any case") {
  CHECK(match_column("Stt") == FormColumn::stt);
  CHECK(match_column("STT") == FormColumn::stt);
  CHECK(match_column("Tên nhiệm vụ (sắp xếp theo thứ tự ưu tiên)") == FormColumn::name);
  CHECK(match_column("ten nhiem vu") == FormColumn::name);
  CHECK(match_column("Tổ chức chủ trì, phối hợp") == FormColumn::lead_partners);
  CHECK(match_column("TỔ CHỨC CHỦ TRÌ") == FormColumn::lead);
  CHECK(match_column("Tổ chức phối hợp") == FormColumn::partners);
  CHECK(match_column("Dự kiến kết quả/ sản phẩm và yêu cầu đạt được") == FormColumn::results);
  CHECK(match_column("Thời gian thực hiện") == FormColumn::duration);
  CHECK(match_column("Tổng số") == FormColumn::total);
  CHECK(match_column("NSNN") == FormColumn::state);
  CHECK(match_column("Đối ứng") == FormColumn::counterpart);
  CHECK(match_column("Dự kiến kinh phí (triệu đồng)") == FormColumn::budget);
  CHECK(match_column("counterpart") == FormColumn::counterpart);
  CHECK(match_column("Kinh phí khác") == FormColumn::none);
  CHECK(suggest_column("Tong sô") == "Tổng số");
}

TEST_CASE("content: lead and partner organisations are split from one cell") {
  content::Task labelled;
  split_lead_partners("Chủ trì: Sở KH&CN tỉnh X\nPhối hợp: Viện A; Trường B", labelled);
  CHECK(labelled.lead == "Sở KH&CN tỉnh X");
  CHECK(labelled.partners == std::vector<std::string>{"Viện A", "Trường B"});
  content::Task plain;
  split_lead_partners("Sở KH&CN tỉnh X\n- Viện A\n- Trường B", plain);
  CHECK(plain.lead == "Sở KH&CN tỉnh X");
  CHECK(plain.partners == std::vector<std::string>{"Viện A", "Trường B"});
  CHECK(split_organisations("Viện A;  Trường B\n\n• Công ty C") ==
        std::vector<std::string>{"Viện A", "Trường B", "Công ty C"});
  CHECK(parse_stt("3.") == 3);
  CHECK_FALSE(parse_stt("III"));
  CHECK(clean_text("  \n dòng một  \n dòng hai \n\n") == "dòng một\ndòng hai");
}

TEST_CASE("content: an amount is read exactly or refused, never rounded through a double") {
  std::string why;
  auto big = parse_amount("999.999.999.999.999,999", why);
  REQUIRE_MESSAGE(big, why);
  CHECK(write_amount(big->value, NumberStyle::vietnamese) == "999.999.999.999.999,999");
  CHECK(refused("999999999999999999999999999999") ==
        "“999999999999999999999999999999” has more than 15 digits before the decimal "
        "separator: amounts are kept exactly, up to 999 999 999 999 999.999");
  CHECK(refused("1.500,1234") ==
        "“1.500,1234” has more than 3 decimals: amounts are kept exactly, to a thousandth");
  CHECK(write_amount(parse_amount("0,1", why)->value + parse_amount("0,2", why)->value,
                     NumberStyle::vietnamese) == "0,3");
}
