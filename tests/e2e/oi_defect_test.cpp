// End-to-end: ƣ/Ƣ (U+01A3/U+01A2), what PDF extraction leaves where ư/Ư is meant. On a
// Vietnamese site the source keeps it and `gazette check` reports it, while nothing published
// shows it: pages, feeds, exports, attachments, old versions on history pages, search answers.
#include <doctest/doctest.h>

#include "published.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "run_gazette.hpp"
#include "temp_site.hpp"
#include "test_repo.hpp"

using gazette::history::test::TestRepo;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kApril13 = 1681351200;  // 2023-04-13T09:00:00+07:00

bool has_oi(std::string_view text) {
  return text.find("\xC6\xA3") != std::string_view::npos ||
         text.find("\xC6\xA2") != std::string_view::npos;
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every file under `dir` (relative paths) that holds ƣ or Ƣ, and how many files there are.
std::vector<std::string> files_with_oi(const fs::path& dir, std::size_t& files) {
  std::vector<std::string> found;
  files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    if (has_oi(gazette::testing::published_text(entry.path())))
      found.push_back(entry.path().lexically_relative(dir).string());
  }
  return found;
}

const char* const kProgram =
    "+++\ntitle = \"Chƣơng trình 1322\"\nkind = \"program\"\nissued = 2020-08-31\n"
    "program = \"1322\"\n+++\nVề chƣơng trình.\n";

std::string notice(const std::string& deadline, const std::string& day) {
  return "+++\n"
         "title = \"Thông báo đề xuất nhiệm vụ thuộc Chƣơng trình 1322\"\n"
         "kind = \"notice\"\nissued = 2023-04-12\n"
         "deadline = " +
         deadline +
         "\n"
         "program = \"1322\"\nround = 2024\n"
         "signer = { name = \"Trƣơng Văn An\", title = \"Phó Giám đốc\" }\n"
         "tags = [\"Chƣơng trình 1322\", \"chất lƣợng\"]\n"
         "attachments = [{ title = \"Văn bản gốc (bản trích xuất)\", file = \"files/goc.txt\" }]\n"
         "+++\n"
         "## II. ĐỊNH HƢỚNG NỘI DUNG\n\n"
         "Các nội dung ƣu tiên thực hiện trong năm 2024.\n\n"
         "Thời hạn nhận hồ sơ: Trƣớc ngày " +
         day + ".\n";
}

const char* const kListMeta =
    "title = \"Danh mục đề xuất\"\nkind = \"proposal-list\"\nissuer = \"Sở KH&CN tỉnh A\"\n"
    "issued = 2023-04-20\nprogram = \"1322\"\nround = 2024\n";

const char* const kListCsv =
    "Stt;Tên nhiệm vụ;Tổ chức chủ trì;Tổ chức phối hợp;Mục tiêu;Nội dung chính;Dự kiến kết "
    "quả;Thời gian thực hiện;Tổng số;NSNN;Đối ứng;Ghi chú\n"
    "1;Nâng cao năng suất chất lƣợng;Trung tâm TĐC;;Mục tiêu;Nội dung;Kết quả;24 "
    "tháng;100;60;40;Ƣu tiên\n";

// A Vietnamese site in git whose notice carries ƣ in every kind of field, amended once.
struct DefectSite {
  TestRepo repo;
  DefectSite(const std::string& site_toml = "title = \"Cổng thử\"\n") {
    repo.write("site.toml", site_toml);
    repo.write(".gitignore", "/public/\n/.gazette/\n");
    repo.write("content/programs/1322.md", kProgram);
    repo.write("files/goc.txt", "CHƢƠNG TRÌNH 1322\nĐịnh hƣớng chung.\n");
    repo.write("content/proposals/2023/l.toml", kListMeta);
    repo.write("content/proposals/2023/l.csv", kListCsv);
    repo.write("content/notices/a.md", notice("2023-04-25T17:00:00+07:00", "25/4/2023"));
    repo.commit("Đăng thông báo", {}, kApril13);
    repo.write("content/notices/a.md", notice("2023-04-30T17:00:00+07:00", "30/4/2023"));
    repo.commit("Gia hạn\n\nChange-Note: Gia hạn nhận hồ sơ đến ngày 30/4/2023\n", {},
                kApril13 + 86400);
    // A version that was no valid document: its change pages compare the files as text.
    repo.write("content/notices/a.md", "+++\ntitle = \"Chƣơng\"\nChƣơng trình\n");
    repo.commit("Lỗi", {}, kApril13 + std::int64_t{2} * 86400);
    repo.write("content/notices/a.md", notice("2023-04-30T17:00:00+07:00", "30/4/2023") + "\n.\n");
    repo.commit("Sửa", {}, kApril13 + std::int64_t{3} * 86400);
  }
  TempSite::Built build() const { return build_site(repo.root()); }
};

const char* const kWarning = ": warning: `ƣ` (U+01A3, a PDF-extraction defect) where `ư` is meant";

}  // namespace

TEST_CASE("e2e ƣ: a Vietnamese site publishes ư everywhere while the source keeps ƣ") {
  DefectSite site;
  std::string source = read(site.repo.root() / "content/notices/a.md");
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  // Reported where it is, as before: the build and check name each line of the file.
  std::string messages = built.messages();
  CHECK(contains(messages, std::string("content/notices/a.md:2:58") + kWarning));
  CHECK(contains(messages, std::string("content/notices/a.md:8:22") + kWarning));
  CHECK(contains(messages, std::string("content/notices/a.md:12:17") + kWarning));
  CHECK(contains(messages, std::string("content/proposals/2023/l.csv:2:34") + kWarning));

  std::size_t files = 0;
  auto with_oi = files_with_oi(site.repo.root() / "public", files);
  CHECK(files > 20);
  CHECK_MESSAGE(with_oi.empty(), "published with ƣ: " << with_oi.front());
  // Repaired, not dropped: the page, the old version on the change page, the attachment.
  auto page = [&](const std::string& p) { return read(site.repo.root() / "public" / p); };
  std::string html = page("notice/2023/a/index.html");
  CHECK(contains(html, "Thông báo đề xuất nhiệm vụ thuộc Chương trình 1322"));
  CHECK(contains(html, "Trương Văn An"));
  CHECK(contains(html, "ĐỊNH HƯỚNG NỘI DUNG"));
  CHECK(contains(page("files/goc.txt"), "CHƯƠNG TRÌNH 1322\nĐịnh hướng chung.\n"));
  std::size_t change_pages = 0, amended = 0, as_text = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site.repo.root() / "public/notice")) {
    if (entry.path().string().find("/changes/") == std::string::npos) continue;
    if (entry.path().filename() != "index.html") continue;
    ++change_pages;
    std::string change = read(entry.path());
    amended += contains(change, "Trước ngày <del>25/4/2023</del><ins>30/4/2023</ins>");
    as_text += contains(change, "Chương");
  }
  CHECK(change_pages == 3);
  CHECK(amended == 1);
  CHECK(as_text == 3);

  // Search answers are made from the repaired text, and find it without marks.
  Run search = gazette_in(site.repo.root(), "search \"chuong trinh\" --json");
  REQUIRE(search.exit_code == 0);
  CHECK(contains(search.output, "Chương trình 1322"));
  CHECK_FALSE(has_oi(search.output));

  // The source is untouched, and check still reports every ƣ with the same words.
  CHECK(read(site.repo.root() / "content/notices/a.md") == source);
  Run check = gazette_in(site.repo.root(), "check");
  CHECK(contains(check.output, std::string("content/notices/a.md:2:58") + kWarning));
  CHECK(contains(check.output, std::string("content/proposals/2023/l.csv:2:34") + kWarning));
  CHECK(contains(check.output, "hint: run gazette check --fix to replace every ƣ/Ƣ with ư/Ư"));
  CHECK(read(site.repo.root() / "content/notices/a.md") == source);
}

TEST_CASE("e2e ƣ: a site that is not Vietnamese keeps ƣ as a letter") {
  DefectSite site("title = \"Test portal\"\nlanguage = \"en\"\n");
  std::string source = read(site.repo.root() / "content/notices/a.md");
  auto built = site.build();
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  CHECK_FALSE(contains(built.messages(), "`ƣ`"));
  CHECK(contains(read(site.repo.root() / "public/notice/2023/a/index.html"), "Chƣơng trình"));
  CHECK(read(site.repo.root() / "public/files/goc.txt") ==
        read(site.repo.root() / "files/goc.txt"));
  Run fix = gazette_in(site.repo.root(), "check --fix");
  CHECK_FALSE(contains(fix.output, "ƣ→ư"));
  CHECK(read(site.repo.root() / "content/notices/a.md") == source);
}

TEST_CASE("e2e ƣ: the example site's Điện Biên notice keeps its ƣ and publishes clean") {
  TempDir out;
  auto built = build_site(GAZETTE_SOURCE_DIR, "2025-08-12T09:00:00+07:00", out.path() / "public");
  REQUIRE_MESSAGE(built.report.ok, built.messages());
  std::string path = "content/notices/2023/de-xuat-nhiem-vu-ct1322-nam-2024-dien-bien.md";
  CHECK(has_oi(read(fs::path(GAZETTE_SOURCE_DIR) / path)));
  CHECK(contains(built.messages(), path + ":47:17" + kWarning));
  std::size_t files = 0;
  auto with_oi = files_with_oi(out.path() / "public", files);
  CHECK(files > 20);
  CHECK_MESSAGE(with_oi.empty(), "published with ƣ: " << with_oi.front());
  std::string html =
      read(out.path() / "public/notice/2023/de-xuat-nhiem-vu-ct1322-nam-2024-dien-bien/index.html");
  CHECK(contains(html, "ĐỊNH HƯỚNG NỘI DUNG ĐỀ XUẤT"));
  CHECK(contains(html, "Định hướng chung"));
}
