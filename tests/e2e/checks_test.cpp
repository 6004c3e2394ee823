// End-to-end: every required field missing, empty or blank is an error at its place, in the
// exact words gazette check prints, and nothing is built from such a document.
#include <doctest/doctest.h>

#include "temp_site.hpp"

namespace {

struct Case {
  std::string name;
  std::string source;
  std::string message;  // the whole diagnostic as printed
};

std::string doc(const std::string& lines) { return "+++\n" + lines + "+++\nNội dung.\n"; }

const char* const kTitleHint = "hint: write the document's title: title = \"Thông báo …\"\n";

std::vector<Case> cases() {
  std::string kind = "kind = \"notice\"\n", issued = "issued = 2023-04-12\n";
  auto blank_title = [&](const char* name, const std::string& value, const std::string& shown) {
    return Case{name, doc("title = " + value + "\n" + kind + issued),
                std::string("content/notices/") + name + ".md:2:1: error: `title` is empty\n" +
                    "    title = " + shown + "\n    ^\n" + kTitleHint};
  };
  // Characters that show nothing but are not ASCII spaces: reported at the value.
  auto invisible_title = [&](const char* name, const std::string& value) {
    return Case{name, doc("title = " + value + "\n" + kind + issued),
                std::string("content/notices/") + name + ".md:2:9: error: `title` has no " +
                    "visible characters\n    title = " + value + "\n            ^\n" +
                    "hint: only spaces or invisible characters (such as U+200B, a zero-width " +
                    "space) are written: write it in words, or remove the key\n"};
  };
  return {
      blank_title("empty", "\"\"", "\"\""),
      blank_title("spaces", "\"   \"", "\"   \""),
      blank_title("tab", "\"\\t\"", "\"\\t\""),
      blank_title("line-break", "\"\\r\\n\"", "\"\\r\\n\""),
      // Spaces pasted from a word processor: no-break, wide and zero-width.
      invisible_title("no-break", "\" \\u00A0 \""),
      invisible_title("ideographic", "\"\\u3000\\u200B\\uFEFF\""),
      {"no-title", doc(kind + issued),
       "content/notices/no-title.md:1:1: error: the document has no `title`\n    +++\n    ^\n"
       "hint: add title = \"…\" to the front matter\n"},
      {"no-issued", doc("title = \"A\"\n" + kind),
       "content/notices/no-issued.md:1:1: error: the document has no `issued` date\n    +++\n"
       "    ^\nhint: add the date it was issued: issued = 2023-04-12\n"},
      {"empty-issued", doc("title = \"A\"\n" + kind + "issued = \"\"\n"),
       "content/notices/empty-issued.md:4:10: error: `issued` must be a date, not text\n"
       "    issued = \"\"\n             ^\nhint: write the date without quotes: issued = "
       "2023-04-12\n"},
      {"empty-kind", doc("title = \"A\"\nkind = \"\"\n" + issued),
       "content/notices/empty-kind.md:3:8: error: unknown kind ``\n    kind = \"\"\n"
       "           ^\nhint: kind is one of notice, guidance, proposal-list, program, page\n"},
      {"blank-kind", doc("title = \"A\"\nkind = \" \"\n" + issued),
       "content/notices/blank-kind.md:3:8: error: unknown kind ` `\n    kind = \" \"\n"
       "           ^\nhint: kind is one of notice, guidance, proposal-list, program, page\n"},
  };
}

}  // namespace

TEST_CASE("checks: a required field missing, empty or blank is an error at its line") {
  auto all = cases();
  REQUIRE(all.size() == 11);
  for (const Case& c : all) {
    CAPTURE(c.name);
    std::string path = "content/notices/" + c.name + ".md";
    TempSite site(std::map<std::string, std::string>{{path, c.source}});
    auto built = site.build();
    CHECK_FALSE(built.report.ok);
    std::string errors;
    for (const auto& d : built.diags) {
      if (d.severity == gazette::Severity::error) errors += gazette::format_diagnostic(d);
    }
    CHECK(errors == c.message);
    CHECK_FALSE(site.exists("public"));
  }
}

TEST_CASE("checks: a title with words between no-break spaces is a title") {
  TempSite site({{"content/notices/a.md",
                  doc("title = \"\\u00A0Thông báo\\u00A0\"\nkind = \"notice\"\nissued = "
                      "2023-04-12\n")}});
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK(contains(site.page("notice/2023/a/index.html"), "Thông báo"));
}

TEST_CASE("checks: a document number is one number however its letters are cased") {
  TempSite site({
      {"content/notices/a.md",
       notice("A", "number = \"12/TB-SKHCN\"\nissuer = \"Sở KH&CN Lai Châu\"\n")},
      {"content/notices/b.md",
       notice("B", "number = \"12/tb-skhcn\"\nissuer = \"SỞ KH&CN LAI CHÂU\"\n")},
      {"content/notices/c.md",
       notice("C", "number = \"12/TB-SKHCN\"\nissuer = \"Sở KH&CN Điện Biên\"\n")},
  });
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  std::string errors;
  for (const auto& d : built.diags) {
    if (d.severity == gazette::Severity::error) errors += gazette::format_diagnostic(d);
  }
  CHECK(errors ==
        "content/notices/b.md:5:1: error: document number `12/tb-skhcn` of SỞ KH&CN LAI CHÂU is "
        "already used by content/notices/a.md\n    number = \"12/tb-skhcn\"\n    ^\nhint: a number "
        "is unique per issuer: correct the number or the issuer\n");
}

TEST_CASE("checks: a programme page with a blank id, a proposal list with blank names") {
  TempSite site({
      {"content/programs/p.md", doc("title = \"Chương trình\"\nissued = 2020-08-31\nprogram = "
                                    "\"  \"\n")},
      {"content/proposals/l.toml",
       "title = \" \"\nissued = 2023-04-12\n[[tasks]]\nstt = 1\nname = \"  \"\nlead = \"\"\n"
       "total = 1\nstate = 1\ncounterpart = 0\n"},
  });
  auto built = site.build();
  CHECK_FALSE(built.report.ok);
  std::string all = built.messages();
  CHECK(contains(all,
                 "content/programs/p.md:1:1: error: a programme page needs its `program` id\n"
                 "    +++\n    ^\nhint: add program = \"1322\" (the id other documents use)\n"));
  CHECK(contains(all, "content/proposals/l.toml:1:1: error: `title` is empty\n"));
  CHECK(contains(all, "content/proposals/l.toml:3:1: error: task 1 has no `name`\n"));
  CHECK(contains(all, "content/proposals/l.toml:3:1: error: task 1 has no `lead` organisation\n"));
}
