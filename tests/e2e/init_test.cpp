// Starting a site as a new user does: gazette init, then build; gazette new of every kind, then
// check; a misspelt command.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "gazette/config.hpp"
#include "run_gazette.hpp"
#include "temp_site.hpp"

namespace fs = std::filesystem;

namespace {

const char* const kNow = " --now 2026-12-01T10:00:00+07:00";
const char* const kNotice = "content/notices/2026/de-xuat-nhiem-vu-ct1322-nam-2027.md";
const char* const kPlaceholder =
    "site.toml:5:15: warning: `base_url` is still the placeholder that gazette init wrote\n";

// Every file and folder under `dir`, relative, with what each file holds.
std::map<std::string, std::string> snapshot(const TempDir& dir) {
  std::map<std::string, std::string> all;
  for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
    std::string path = entry.path().lexically_relative(dir.path()).generic_string();
    all[path] = entry.is_regular_file() ? dir.read(path) : "(folder)";
  }
  return all;
}

}  // namespace

TEST_CASE("init: a new site builds as it is, and warns while base_url is the placeholder") {
  TempDir dir;
  Run init = run_gazette(std::string("init site") + kNow, dir.path());
  CHECK_MESSAGE(init.exit_code == 0, init.output);
  CHECK(contains(init.output, "created site.toml\n"));
  for (const char* folder : {"content/notices", "content/guidance", "content/proposals",
                             "content/programs", "content/pages", "files"}) {
    CHECK_MESSAGE(fs::is_directory(dir.path() / "site" / folder), folder);
  }
  CHECK(dir.read("site/.gitignore") == "public/\n.gazette/\n");
  CHECK(contains(dir.read("site/content/programs/1322.md"), "program  = \"1322\"\n"));
  std::string notice = dir.read(std::string("site/") + kNotice);
  CHECK(contains(notice, "issued   = 2026-12-01\ndeadline = 2026-12-31T17:00:00+07:00\n"));
  CHECK(contains(notice, "Thời hạn nhận hồ sơ: trước 17 giờ 00 ngày 31/12/2026.\n"));

  fs::path site = dir.path() / "site";
  Run build = run_gazette(std::string("build") + kNow, site);
  CHECK_MESSAGE(build.exit_code == 0, build.output);
  CHECK_FALSE(contains(build.output, "error:"));
  CHECK(contains(build.output, kPlaceholder));
  CHECK(contains(build.output, "Built 2 documents"));
  CHECK(contains(dir.read("site/public/index.html"), "Thông báo đề xuất nhiệm vụ khoa học"));
  CHECK(contains(dir.read("site/public/sitemap.xml"), "<loc>https://thongbao.example/</loc>"));
  Run check = run_gazette(std::string("check") + kNow, site);
  CHECK(check.exit_code == 0);
  CHECK(contains(check.output, kPlaceholder));
  CHECK(contains(check.output, "2 documents checked: 0 errors, 2 warnings\n"));  // and no git

  // Set, the warning goes.
  std::string toml = dir.read("site/site.toml");
  toml.replace(toml.find("https://thongbao.example/"), 25, "https://thongbao.skhcn.example.vn/");
  dir.write("site/site.toml", toml);
  Run set = run_gazette(std::string("check") + kNow, site);
  CHECK(set.exit_code == 0);
  CHECK_FALSE(contains(set.output, "base_url"));
}

TEST_CASE("init: site.toml names every setting with its default and what it does") {
  TempDir dir;
  REQUIRE(run_gazette(std::string("init .") + kNow, dir.path()).exit_code == 0);
  std::string toml = dir.read("site.toml");
  for (const char* key : {"\ntitle ",
                          "\ndescription ",
                          "\nbase_url ",
                          "\nlanguage ",
                          "\nlanguages ",
                          "\ntimezone ",
                          "\npublisher ",
                          "\ntheme ",
                          "\nclosing_soon_days ",
                          "\n[build]\ncontent ",
                          "\noutput ",
                          "\nfiles ",
                          "\nlist_page_size ",
                          "\nfeed_entries ",
                          "\n[markdown]\nallow_html ",
                          "\nsmart_punctuation ",
                          "\n[search]\nindex ",
                          "\nshards ",
                          "\npage_size ",
                          "\n[serve]\nhost ",
                          "\nport ",
                          "\n[history]\nenabled ",
                          "\npublish_branch ",
                          "\nshow_commit_subjects ",
                          "\n# [[archive]]\n# program ",
                          "\n# round ",
                          "\n# [[redirects]]\n# from ",
                          "\n# to "}) {
    CHECK_MESSAGE(contains(toml, key), key);
  }
  // Each setting says what it does.
  for (std::string_view line : gazette::split(toml, '\n')) {
    if (line.empty() || line[0] == '#' || line[0] == '[') continue;
    CHECK_MESSAGE(contains(std::string(line), "   # "), line);
  }
  // And holds the default, except what a site must set for itself.
  auto read = gazette::config::load_config(dir.path() / "site.toml");
  REQUIRE(read.ok());
  gazette::config::SiteConfig made = *read;
  gazette::config::SiteConfig defaults = gazette::config::default_config(dir.path());
  CHECK(made.language == defaults.language);
  CHECK(made.languages == defaults.languages);
  CHECK(made.timezone == defaults.timezone);
  CHECK(made.theme == defaults.theme);
  CHECK(made.closing_soon_days == defaults.closing_soon_days);
  CHECK(made.content_dir == defaults.content_dir);
  CHECK(made.output_dir == defaults.output_dir);
  CHECK(made.files_dir == defaults.files_dir);
  CHECK(made.list_page_size == defaults.list_page_size);
  CHECK(made.feed_entries == defaults.feed_entries);
  CHECK(made.markdown.allow_html == defaults.markdown.allow_html);
  CHECK(made.markdown.smart_punctuation == defaults.markdown.smart_punctuation);
  CHECK(made.search.index_dir == defaults.search.index_dir);
  CHECK(made.search.shards.empty());
  CHECK(made.search.page_size == defaults.search.page_size);
  CHECK(made.serve.host == defaults.serve.host);
  CHECK(made.serve.port == defaults.serve.port);
  CHECK(made.history.enabled == defaults.history.enabled);
  CHECK(made.history.publish_branch == defaults.history.publish_branch);
  CHECK(made.history.show_commit_subjects == defaults.history.show_commit_subjects);
  CHECK(made.base_url == "https://thongbao.example/");
}

TEST_CASE("init: a folder that is not empty is refused and left as it was") {
  TempDir dir;
  dir.write("ghi-chu.txt", "của tôi\n");
  dir.write("content/notices/a.md", "nháp\n");
  auto before = snapshot(dir);
  Run run = run_gazette("init .", dir.path());
  CHECK(run.exit_code == 1);
  CHECK(run.output ==
        "error: . is not empty: nothing was written\nhint: init a new or empty folder, or pass "
        "--force to add only the files that are missing (gazette init overwrites and deletes "
        "nothing)\n");
  CHECK(snapshot(dir) == before);
  Run file = run_gazette("init ghi-chu.txt", dir.path());
  CHECK(file.exit_code == 1);
  CHECK(file.output == "error: ghi-chu.txt is not a folder\nhint: name a new or empty folder\n");
  CHECK(snapshot(dir) == before);
}

TEST_CASE("init --force writes only the missing files, and nothing out of the site") {
  TempDir dir;
  TempDir outside;
  dir.write("site.toml", "title = \"Cổng của tôi\"\n");
  dir.write(".gitignore", "build/\n");
  dir.write("content/programs/1322.md", "của tôi\n");
  fs::create_directories(dir.path() / "content");
  fs::create_directory_symlink(outside.path(), dir.path() / "content/notices");
  auto before = snapshot(dir);
  Run run = run_gazette(std::string("init . --force") + kNow, dir.path());
  CHECK_MESSAGE(run.exit_code == 0, run.output);
  CHECK(contains(run.output, "kept    site.toml (it exists: not overwritten)\n"));
  CHECK(contains(run.output, "kept    .gitignore (it exists: not overwritten)\n"));
  CHECK(contains(run.output, "kept    content/programs/1322.md (it exists: not overwritten)\n"));
  CHECK(contains(run.output, std::string("kept    ") + kNotice +
                                 " (its folder leads outside the site: not written)\n"));
  CHECK(contains(run.output,
                 "0 files written, 4 kept as they were: gazette init overwrites nothing\n"));
  auto after = snapshot(dir);
  for (const auto& kept : before) CHECK_MESSAGE(after[kept.first] == kept.second, kept.first);
  CHECK(fs::is_empty(outside.path()));
  CHECK(fs::is_directory(dir.path() / "content/pages"));
  CHECK(fs::is_directory(dir.path() / "files"));

  // In a folder of other things, the whole site is added beside them.
  TempDir other;
  other.write("README", "ghi chú\n");
  Run added = run_gazette(std::string("init . --force") + kNow, other.path());
  CHECK(added.exit_code == 0);
  CHECK_FALSE(contains(added.output, "kept"));
  CHECK(other.read("README") == "ghi chú\n");
  CHECK(other.exists(kNotice));
  CHECK(other.exists("site.toml"));
}

TEST_CASE("cli: a misspelt command suggests the one meant") {
  Run typo = run_gazette("biuld");
  CHECK(typo.exit_code == 2);
  CHECK(typo.output == "error: gazette has no command \"biuld\"\nhint: did you mean \"build\"?\n");
  Run swapped = run_gazette("chekc --site x");
  CHECK(swapped.exit_code == 2);
  CHECK(swapped.output ==
        "error: gazette has no command \"chekc\"\nhint: did you mean \"check\"?\n");
  CHECK(run_gazette("ini").output ==
        "error: gazette has no command \"ini\"\nhint: did you mean \"init\"?\n");
  Run far = run_gazette("xyz");
  CHECK(far.exit_code == 2);
  CHECK(far.output ==
        "error: gazette has no command \"xyz\"\nhint: the commands are build, check, new, "
        "search, publish, verify, serve, init (gazette --help says more)\n");
}

TEST_CASE("cli: init --help and gazette --help say what init does") {
  Run help = run_gazette("init --help");
  CHECK(help.exit_code == 0);
  CHECK(contains(help.output, "Start a new site: settings, folders, samples\nUsage: "));
  CHECK(contains(help.output, "init [OPTIONS] [dir]\n"));
  CHECK(contains(help.output,
                 "  dir TEXT=.                  The new site's folder (made if missing; "
                 "must be empty)\n"));
  CHECK(contains(help.output,
                 "  --force                     Init a folder that is not empty: only "
                 "missing files are written\n"));
  CHECK(contains(help.output, "  --now TEXT                  Date the sample notice"));
  CHECK(contains(run_gazette("--help").output,
                 "  init                        Start a new site: settings, folders, samples\n"));
}

namespace {

struct Scaffold {
  std::string command;                      // after "gazette new"
  std::vector<std::string> files;           // what it makes
  std::vector<std::string> unfilled;        // what check says of it as made
  std::map<std::string, std::string> fill;  // key → the value written in its ""
};

// `text` with each `key = ""` of `fill` given its value (TOML lines) and the CSV row filled.
std::string filled(const std::string& text, const std::map<std::string, std::string>& fill) {
  std::string out;
  for (std::string_view line : gazette::split(text, '\n')) {
    std::string l(line);
    std::string key = l.substr(0, l.find_first_of(" ="));
    if (auto it = fill.find(key); it != fill.end() && contains(l, "\"\"")) {
      l.replace(l.find("\"\""), 2, "\"" + it->second + "\"");
    }
    if (l == "1;;;;;;;;;;;") {
      l = "1;Ứng dụng công cụ cải tiến năng suất;Công ty Cổ phần Chè Điện Biên;;Nâng cao năng "
          "suất;Đào tạo, áp dụng 5S;Năng suất tăng 10%;24 tháng;1.500,5;1.000;500,5;";
    }
    out += l + "\n";
  }
  out.pop_back();
  return out;
}

const std::map<std::string, std::string> kMetadata = {
    {"number", "12/TB-SKHCN"},
    {"issuer", "Sở Khoa học và Công nghệ tỉnh Điện Biên"},
    {"submitter", "Sở Khoa học và Công nghệ tỉnh Điện Biên"},
    {"province", "Điện Biên"}};

std::string empty_at(const std::string& file, const std::string& at, const std::string& key) {
  return file + ":" + at + ": error: `" + key + "` is empty\n";
}

}  // namespace

TEST_CASE("new: every kind's scaffold fails check until its empty values are filled in") {
  const std::string notice = "content/notices/2026/thu.md";
  const std::string guidance = "content/guidance/2026/thu.md";
  const std::string program = "content/programs/thu.md";
  const std::string page = "content/pages/thu.md";
  const std::string list = "content/proposals/2026/thu.toml";
  const std::string csv = "content/proposals/2026/thu.csv";
  auto with = [](std::map<std::string, std::string> extra) {
    extra.insert(kMetadata.begin(), kMetadata.end());
    return extra;
  };
  const std::vector<Scaffold> all = {
      {"notice",
       {notice},
       {empty_at(notice, "4:12", "number"), empty_at(notice, "5:12", "issuer"),
        empty_at(notice, "6:12", "province")},
       kMetadata},
      {"guidance",
       {guidance},
       {empty_at(guidance, "4:12", "number"), empty_at(guidance, "5:12", "issuer"),
        empty_at(guidance, "6:12", "province")},
       kMetadata},
      {"program",
       {program},
       {program + ":1:1: error: a programme page needs its `program` id\n",
        empty_at(program, "5:12", "number"), empty_at(program, "6:12", "issuer")},
       with({{"program", "1322"}})},
      {"page", {page}, {empty_at(page, "5:11", "summary")}, {{"summary", "Giới thiệu cổng."}}},
      {"proposal-list",
       {list},
       {empty_at(list, "3:13", "number"), empty_at(list, "5:13", "submitter"),
        list + ":14:1: error: task 1 has no `name`\n",
        list + ":14:1: error: task 1 has no `lead` organisation\n"},
       with({{"name", "Ứng dụng công cụ cải tiến năng suất"},
             {"lead", "Công ty Cổ phần Chè Điện Biên"},
             {"objectives", "Nâng cao năng suất"},
             {"content", "Đào tạo, áp dụng 5S"},
             {"results", "Năng suất tăng 10%"},
             {"duration", "24 tháng"}})},
      {"proposal-list --csv",
       {list, csv},
       {empty_at(list, "4:13", "issuer"), empty_at(list, "6:13", "province")},
       kMetadata},
  };
  for (const Scaffold& s : all) {
    CAPTURE(s.command);
    TempSite site;
    Run made = run_gazette("new " + s.command + " \"Thử\"" + kNow, site.path());
    REQUIRE_MESSAGE(made.exit_code == 0, made.output);
    std::string listed;
    for (const std::string& file : s.files) listed += file + "\n";
    CHECK(made.output == listed);
    Run unfilled = run_gazette(std::string("check") + kNow, site.path());
    CHECK(unfilled.exit_code == 1);
    for (const std::string& message : s.unfilled) {
      CHECK_MESSAGE(contains(unfilled.output, message), message, unfilled.output);
    }
    for (const std::string& file : s.files) site.write(file, filled(site.read(file), s.fill));
    Run done = run_gazette(std::string("check") + kNow, site.path());
    CHECK_MESSAGE(done.exit_code == 0, done.output);
    CHECK(contains(done.output, " checked: 0 errors, 1 warning\n"));  // not in git
  }
}

TEST_CASE("new: a CSV proposal list reports its empty task row once its metadata is filled in") {
  TempSite site;
  REQUIRE(
      run_gazette(std::string("new proposal-list \"Thử\" --csv") + kNow, site.path()).exit_code ==
      0);
  const std::string toml = "content/proposals/2026/thu.toml";
  const std::string csv = "content/proposals/2026/thu.csv";
  CHECK(contains(site.read(csv), "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổ chức phối hợp;"));
  site.write(toml, filled(site.read(toml), kMetadata));
  Run row = run_gazette(std::string("check") + kNow, site.path());
  CHECK(row.exit_code == 1);
  CHECK(contains(row.output, csv + ":4:1: error: the task on line 4 has no name (Tên nhiệm vụ)\n"));
  CHECK(contains(row.output, csv + ":4:1: error: the task on line 4 has no lead organisation"));
  CHECK(contains(row.output, csv + ":4:1: error: the task on line 4 has no total budget"));
  // Made again, the pair is refused and both files kept.
  Run again = run_gazette(std::string("new proposal-list \"Thử\" --csv") + kNow, site.path());
  CHECK(again.exit_code == 1);
  CHECK(again.output == "error: " + toml +
                            " already exists\nhint: choose another title, or edit "
                            "that file\n");
  Run wrong = run_gazette("new notice \"Khác\" --csv", site.path());
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.output ==
        "error: only a proposal-list has its tasks in a CSV (--csv)\nhint: "
        "gazette new proposal-list \"…\" --csv\n");
  CHECK_FALSE(site.exists("content/notices"));
}
