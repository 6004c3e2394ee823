#include <doctest/doctest.h>

#include "gazette/core.hpp"

using namespace gazette;

TEST_CASE("core: locate counts lines and byte columns from 1") {
  std::string_view text = "a = 1\nbb = 2\n";
  CHECK(locate(text, 0).line == 1);
  CHECK(locate(text, 0).column == 1);
  CHECK(locate(text, 6).line == 2);
  CHECK(locate(text, 8).column == 3);
  CHECK(line_at(text, 2) == "bb = 2");
  CHECK(line_at(text, 9).empty());
}

TEST_CASE("core: a diagnostic prints file:line:col, the line, a caret under the character") {
  // "ngày = x": "x" is byte 9 but the 8th character (à takes two bytes).
  Diagnostic d{Severity::error, "content/a.md", {2, 9}, "bad date", "write 2023-04-12", "ngày = x"};
  std::string text = format_diagnostic(d);
  CHECK(text ==
        "content/a.md:2:9: error: bad date\n"
        "    ngày = x\n"
        "           ^\n"
        "hint: write 2023-04-12\n");
}

TEST_CASE("core: a diagnostic keeps a long line cut after 2,000 bytes, or not past them") {
  std::string line = "ngày = " + std::string(5000, 'x');
  Diagnostics diags;
  diags.add({Severity::error, "a.csv", {1, 9}, "near", "", line});
  diags.add({Severity::error, "a.csv", {1, 1990}, "last", "", line});
  diags.add({Severity::error, "a.csv", {1, 3000}, "far", "", line});
  diags.add({Severity::error, "a.csv", {1, 0}, "anywhere", "", line});
  diags.add({Severity::error, "a.csv", {1, 9}, "short", "", "ngày = x"});
  auto all = diags.sorted();
  REQUIRE(all.size() == 5);
  CHECK(all[0].source_line == line.substr(0, 2000) + "…");  // "anywhere": column 0 sorts first
  CHECK(all[1].source_line == line.substr(0, 2000) + "…");
  CHECK(format_diagnostic(all[1]).find("\n           ^\n") != std::string::npos);
  CHECK(all[2].source_line == "ngày = x");
  CHECK(all[3].source_line == line.substr(0, 2000) + "…");
  CHECK(all[4].message == "far");
  CHECK(all[4].source_line.empty());
  // Never inside a character: "à" at bytes 2000-2001 is left out whole.
  std::string marks = std::string(1999, 'a') + "àb";
  diags.add({Severity::error, "b.csv", {1, 1}, "m", "", marks + std::string(100, 'c')});
  CHECK(diags.sorted().back().source_line == std::string(1999, 'a') + "…");
}

TEST_CASE("core: diagnostics count errors and warnings and sort by place") {
  Diagnostics diags;
  diags.warning("b.md", {1, 1}, "w");
  diags.error("a.md", {9, 1}, "e2");
  diags.error("a.md", {2, 1}, "e1");
  CHECK(diags.has_errors());
  CHECK(diags.error_count() == 2);
  CHECK(diags.warning_count() == 1);
  auto sorted = diags.sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0].message == "e1");
  CHECK(sorted[2].file == "b.md");
}

TEST_CASE("core: dates round-trip through day counts and RFC 3339") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(civil_from_days(days_from_civil({2024, 2, 29})) == Date{2024, 2, 29});
  CHECK_FALSE(is_valid_date(2023, 2, 29));
  CHECK(is_valid_date(2024, 2, 29));
  auto deadline = parse_rfc3339("2023-04-25T17:00:00+07:00");
  REQUIRE(deadline);
  CHECK(deadline->epoch_seconds == 1682416800);
  CHECK(format_rfc3339(*deadline) == "2023-04-25T17:00:00+07:00");
  CHECK(local_time(*deadline).hour == 17);
  CHECK(format_rfc3339(Instant{0, 0}) == "1970-01-01T00:00:00Z");
  CHECK_FALSE(parse_rfc3339("2023-04-25T17:00"));
  CHECK_FALSE(parse_rfc3339("2023-02-30"));
  CHECK(parse_rfc3339("2023-04-25T10:00:00Z")->epoch_seconds == deadline->epoch_seconds);
}

TEST_CASE("core: invalid UTF-8 is found at its first bad byte") {
  CHECK_FALSE(find_invalid_utf8("Điện Biên"));
  CHECK(find_invalid_utf8("ab\xC3") == 2u);
  CHECK(find_invalid_utf8("a\xC0\xAF") == 1u);     // overlong '/'
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0u);  // a surrogate
  CHECK(find_invalid_utf8("ok \xFF") == 3u);
}

TEST_CASE("core: escaping for HTML, XML and URLs") {
  CHECK(html_escape("<script>alert('x') & \"y\"</script>") ==
        "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  CHECK(xml_escape("a\x01<b>") == "a&lt;b&gt;");
  CHECK(url_encode("năng suất 1322/QĐ") == "n%C4%83ng+su%E1%BA%A5t+1322%2FQ%C4%90");
}

TEST_CASE("core: content paths may not leave their directory") {
  CHECK(is_safe_relative_path("files/mau-a1.docx"));
  CHECK(is_safe_relative_path("a/b..c/d"));
  CHECK_FALSE(is_safe_relative_path("../secret"));
  CHECK_FALSE(is_safe_relative_path("files/../../etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("/etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("C:/x"));
  CHECK_FALSE(is_safe_relative_path(""));
}

TEST_CASE("core: parallel_for visits every index once") {
  std::vector<int> seen(1000, 0);
  parallel_for(
      seen.size(), [&](std::size_t i) { seen[i] += 1; }, 4);
  for (int v : seen) CHECK(v == 1);
}

TEST_CASE("core: a Result holds a value or a diagnostic") {
  Result<int> good = 5;
  CHECK(good.ok());
  CHECK(*good == 5);
  Result<int> bad = Diagnostic{Severity::error, "f", {1, 1}, "m", {}, {}};
  CHECK_FALSE(bad.ok());
  CHECK(bad.error().message == "m");
}

TEST_CASE("core: closest_match suggests a near known word, not a far one") {
  std::vector<std::string> keys = {"title", "issued", "deadline", "program"};
  CHECK(closest_match("dealine", keys) == "deadline");
  CHECK(closest_match("isued", keys) == "issued");
  CHECK(closest_match("colour", keys).empty());
  // Up to three edits, however the lengths differ.
  CHECK(closest_match("dxadlxnx", keys) == "deadline");
  CHECK(closest_match("deadlinexyz", keys) == "deadline");
  CHECK(closest_match("resultsda", {"results_date"}) == "results_date");
  CHECK(closest_match("resultsd", {"results_date"}).empty());
  CHECK(closest_match("deadlinewxyz", keys).empty());
  CHECK(closest_match(std::string(100'000, 'x') + "title", keys).empty());
}

TEST_CASE("core: is_within compares whole path parts") {
  CHECK(is_within("/srv/site/public", "/srv/site"));
  CHECK(is_within("/srv/site", "/srv/site"));
  CHECK_FALSE(is_within("/srv/site2", "/srv/site"));
  CHECK_FALSE(is_within("/srv", "/srv/site"));
  CHECK_FALSE(is_within("/srv/site/../other", "/srv/site/x"));
}

TEST_CASE("core: a CSV field that a spreadsheet would run as a formula gets a leading quote") {
  CHECK(csv_field("=HYPERLINK(\"http://x\",\"y\")") ==
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  CHECK(csv_field("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0");
  CHECK(csv_field("-2+3") == "'-2+3");
  CHECK(csv_field("@SUM(1+1)") == "'@SUM(1+1)");
  CHECK(csv_field("\t=1") == "'\t=1");
  CHECK(csv_field("\r=1") == "\"'\r=1\"");
  CHECK(csv_field("- Đánh giá; - Áp dụng") == "\"'- Đánh giá; - Áp dụng\"");
  // Numbers gazette writes, and the placeholder "-", stay as they are.
  CHECK(csv_field("-1500.5") == "-1500.5");
  CHECK(csv_field("-7") == "-7");
  CHECK(csv_field("-") == "-");
  CHECK(csv_field("1500") == "1500");
  CHECK(csv_field("-1.") == "'-1.");
  CHECK(csv_field("a=b, c") == "\"a=b, c\"");
  CHECK(is_neutralised_csv_cell("'=1"));
  CHECK(is_neutralised_csv_cell("'-"));
  CHECK_FALSE(is_neutralised_csv_cell("'a"));
  CHECK_FALSE(is_neutralised_csv_cell("'"));
}

TEST_CASE("core: a NUL in the quoted line is shown as \\0 with the caret still under its place") {
  std::string line = std::string("title = \"a") + '\0' + "b\" x";
  Diagnostic d{Severity::error, "content/a.md", {2, 15}, "bad", "", line};
  CHECK(format_diagnostic(d) ==
        "content/a.md:2:15: error: bad\n"
        "    title = \"a\\0b\" x\n"
        "                   ^\n");
  // Other control characters cannot drive the terminal either.
  Diagnostic e{Severity::error, "a.md", {1, 3}, "key `\x1b[31m`", "", "\x1b[31m = 1"};
  CHECK(format_diagnostic(e) ==
        "a.md:1:3: error: key `\\x1b[31m`\n"
        "    \\x1b[31m = 1\n"
        "         ^\n");
}

TEST_CASE("core: diagnostics keep 20 errors and 20 warnings per file and count the rest") {
  Diagnostics diags;
  for (int i = 1; i <= 10000; ++i) diags.error("content/a.md", {i, 1}, "unknown key");
  for (int i = 1; i <= 30; ++i) diags.warning("content/a.md", {i, 2}, "odd");
  diags.error("content/b.md", {1, 1}, "one");
  CHECK(diags.error_count() == 10001);
  CHECK(diags.warning_count() == 30);
  auto sorted = diags.sorted();
  REQUIRE(sorted.size() == 20 + 20 + 1 + 1);
  CHECK(format_diagnostic(sorted[40]) ==
        "content/a.md: note: … and 9990 more in this file\n"
        "hint: fix those shown and run the check again to see the rest\n");
  CHECK(sorted[41].file == "content/b.md");
  std::size_t bytes = 0;
  for (const auto& d : sorted) bytes += format_diagnostic(d).size();
  CHECK(bytes < 4000);
}

TEST_CASE("core: money is exact decimal: read, summed and written without a double") {
  std::string why;
  auto big = parse_money("999999999999999.999", why);
  REQUIRE(big);
  CHECK(format_money(*big, ".", ',') == "999.999.999.999.999,999");
  Money sum;
  for (int i = 0; i < 1000; ++i) sum += *big;  // far beyond a double's exact integers
  CHECK(format_money(sum) == "999999999999999999");
  CHECK(format_money(*parse_money("0.1", why) + *parse_money("0.2", why)) == "0.3");
  CHECK(format_money(*parse_money("-1500.50", why), ",", '.') == "-1,500.5");
  CHECK(format_money(*parse_money("0.005", why)) == "0.005");
  CHECK(format_money(*parse_money("007", why)) == "7");
  CHECK(parse_money("1500.5", why)->to_double() == 1500.5);
  CHECK_FALSE(parse_money("999999999999999999999999999999", why));
  CHECK(why ==
        "has more than 15 digits before the decimal separator: amounts are kept exactly, up to "
        "999 999 999 999 999.999");
  CHECK_FALSE(parse_money("1.0005", why));
  CHECK(why == "has more than 3 decimals: amounts are kept exactly, to a thousandth");
  CHECK(parse_money("1.2500000", why));  // trailing zeros are no more precision
  for (const char* bad : {"", "-", "1.", ".5", "1e3", "1,5", "+1", "1.2.3"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_money(bad, why));
  }
}

TEST_CASE("core: XML text drops bidi controls, which it cannot isolate") {
  CHECK(xml_escape("a\u202Eb\u2066c\u2069d\u200Fe<") == "abcde&lt;");
  CHECK(xml_escape("Điện Biên") == "Điện Biên");
}

TEST_CASE("core: a line index answers as locate and line_at do, at every offset and line") {
  for (std::string_view text : {std::string_view(""), std::string_view("a"), std::string_view("\n"),
                                std::string_view("ab\r\ncd\n\nđ\n"), std::string_view("one\ntwo"),
                                std::string_view("\n\nx")}) {
    LineIndex index(text);
    for (std::size_t offset = 0; offset <= text.size() + 1; ++offset) {
      SourceLoc expected = locate(text, offset), got = index.locate(offset);
      CHECK(got.line == expected.line);
      CHECK(got.column == expected.column);
    }
    for (int line = -1; line <= 6; ++line) CHECK(index.line(line) == line_at(text, line));
  }
}
