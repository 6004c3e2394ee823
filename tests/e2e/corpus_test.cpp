// End-to-end on a generated corpus (../shared/bench/make-corpus): relevance as people type,
// the English interface, archived rounds, the terminal search.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "gazette/search.hpp"
#include "gazette/text.hpp"
#include "search_support.hpp"
#include "temp_site.hpp"

namespace {

// Whether ../shared/bench/make-corpus is beside the project. A clone without ../shared skips
// the corpus tests with a message; CI sets GAZETTE_REQUIRE_SHARED=1, where its absence fails.
bool corpus_available() {
  static const bool kHere =
      std::filesystem::exists(std::filesystem::path(GAZETTE_SHARED_DIR) / "bench/make-corpus");
  if (!kHere) {
    const char* required = std::getenv("GAZETTE_REQUIRE_SHARED");
    if (required != nullptr && std::string(required) == "1") {
      FAIL("GAZETTE_REQUIRE_SHARED=1 but " << GAZETTE_SHARED_DIR
                                           << "/bench/make-corpus is missing");
    }
    MESSAGE("skipped: the corpus tests need " << GAZETTE_SHARED_DIR
                                              << "/bench/make-corpus (the shared folder beside "
                                                 "the project; configure GAZETTE_SHARED_DIR)");
  }
  return kHere;
}

constexpr const char* kCorpusNow = "2026-11-25T09:00:00+07:00";

// The corpus ctest made and built once for every test (tests/support/build-corpus, named by
// GAZETTE_TEST_CORPUS), or none when the test runs outside ctest.
const std::filesystem::path* built_by_ctest() {
  static const std::filesystem::path kDir = [] {
    const char* dir = std::getenv("GAZETTE_TEST_CORPUS");
    return std::filesystem::path(dir != nullptr ? dir : "");
  }();
  return !kDir.empty() && std::filesystem::exists(kDir / "built") ? &kDir : nullptr;
}

// A corpus of 300 documents: ctest's, or one made once for all the tests of this process.
const std::filesystem::path& corpus() {
  if (const auto* dir = built_by_ctest()) return *dir;
  static TempDir dir;
  static std::filesystem::path site = dir.path() / "c300";
  static bool made = [] {
    std::string command = "python3 '" + std::string(GAZETTE_SHARED_DIR) +
                          "/bench/make-corpus' --docs 300 --out '" + site.string() +
                          "' > /dev/null 2>&1";
    return std::system(command.c_str()) == 0;
  }();
  REQUIRE_MESSAGE(made,
                  "make-corpus failed: ../shared/bench/make-corpus must be beside the project");
  return site;
}

struct Corpus {
  gazette::config::SiteConfig config;
  std::unique_ptr<gazette::search::Searcher> searcher;
  Corpus() {
    static bool built = [] {
      if (built_by_ctest() != nullptr) return true;
      auto c = gazette::config::load_site(corpus());
      gazette::Diagnostics diags;
      gazette::site::BuildOptions options;
      options.now = *gazette::parse_rfc3339(kCorpusNow);
      return c.ok() && gazette::site::build(*c, options, diags).ok;
    }();
    REQUIRE(built);
    config = *gazette::config::load_site(corpus());
    auto s = gazette::search::Searcher::open(config.search.index_dir, {});
    REQUIRE(s.ok());
    searcher = std::move(*s);
  }
  gazette::search::Results find(const std::string& text, int size = 10) {
    gazette::search::Query q;
    q.text = text;
    q.page_size = size;
    q.facets = true;  // exact counts, to compare them
    q.now = *gazette::parse_rfc3339("2026-11-25T09:00:00+07:00");
    return must_search(*searcher, q);
  }
};

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Up to five words around the first ƣ of a text, ƣ repaired to ư, punctuation left out.
std::string words_around_oi(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text + " ") {
    if (ch == ' ' || ch == '\n' || ch == ',' || ch == '.' || ch == ';' || ch == ':' || ch == '(' ||
        ch == ')' || ch == '"') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += ch;
    }
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].find("ƣ") == std::string::npos && words[i].find("Ƣ") == std::string::npos) {
      continue;
    }
    std::string phrase;
    for (std::size_t k = i < 2 ? 0 : i - 2; k < std::min(words.size(), i + 3); ++k) {
      phrase += (phrase.empty() ? "" : " ") + words[k];
    }
    return gazette::text::repair_oi(phrase);
  }
  return "";
}

// The front-matter value of `key` in a document's source.
std::string field(const std::string& source, const std::string& key) {
  std::smatch m;
  std::regex re("\n" + key + R"re(\s*=\s*"([^"]*)")re");
  return std::regex_search(source, m, re) ? m[1].str() : "";
}

}  // namespace

TEST_CASE("relevance: a query without marks finds what the same query with marks finds") {
  if (!corpus_available()) return;
  Corpus c;
  for (auto words :
       {std::pair{"nang suat chat luong", "năng suất chất lượng"},
        std::pair{"dien bien", "Điện Biên"}, std::pair{"chuyen doi so", "chuyển đổi số"},
        std::pair{"kinh te tuan hoan", "kinh tế tuần hoàn"}}) {
    // Named variables, not a structured binding: clang 14 cannot capture one in the
    // lambda that CHECK_MESSAGE makes.
    const char* plain = words.first;
    const char* marked = words.second;
    auto a = c.find(plain), b = c.find(marked);
    CHECK_MESSAGE(a.total > 0, plain);
    CHECK_MESSAGE(a.total >= b.total, plain);  // folded matches every accented form
  }
}

TEST_CASE("relevance: a document number finds its document first, whole or in parts") {
  if (!corpus_available()) return;
  Corpus c;
  int checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(corpus() / "content/notices")) {
    if (!entry.is_regular_file() || checked >= 5) continue;
    std::string source = read(entry.path());
    std::string number = field(source, "number");
    if (number.empty()) continue;
    std::string slug = entry.path().stem().string();
    auto whole = c.find(number);
    REQUIRE_MESSAGE(!whole.hits.empty(), number);
    CHECK_MESSAGE(whole.hits[0].listing.url.find(slug) != std::string::npos, number);
    // "1072/TB-SKHCN" typed as "1072 tb skhcn".
    std::string parts = std::regex_replace(number, std::regex("[/-]"), " ");
    auto by_parts = c.find(parts);
    REQUIRE_MESSAGE(!by_parts.hits.empty(), parts);
    CHECK_MESSAGE(by_parts.hits[0].listing.url.find(slug) != std::string::npos, parts);
    ++checked;
  }
  CHECK(checked == 5);
}

TEST_CASE("relevance: a title typed without marks puts its document on the first page") {
  if (!corpus_available()) return;
  Corpus c;
  int checked = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(corpus() / "content/guidance")) {
    if (!entry.is_regular_file() || checked >= 5) continue;
    std::string title = field(read(entry.path()), "title");
    if (title.empty()) continue;
    auto r = c.find(title);
    bool found = false;
    for (const auto& h : r.hits)
      found |= h.listing.url.find(entry.path().stem().string()) != std::string::npos;
    CHECK_MESSAGE(found, title);
    ++checked;
  }
  CHECK(checked == 5);
}

TEST_CASE("relevance: the ƣ defect of the corpus is found by ư and by no marks") {
  if (!corpus_available()) return;
  Corpus c;
  // ~2% of the corpus carries ƣ for ư: "chƣơng trình" must be found as "chương trình".
  std::string defective, defective_source, defective_body;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus() / "content")) {
    if (!entry.is_regular_file()) continue;
    std::string source = read(entry.path());
    std::size_t body = source.find("+++", 3);
    if (entry.path().extension() == ".md" && body != std::string::npos &&
        source.find("ƣ", body) != std::string::npos) {
      defective = entry.path().stem().string();
      defective_source = source;
      defective_body = source.substr(body + 3);
      break;
    }
  }
  REQUIRE_FALSE(defective.empty());
  auto exact = c.find("chương trình", 100);
  auto plain = c.find("chuong trinh", 100);
  CHECK(plain.total >= exact.total);
  CHECK(exact.total > 0);
  // The words around a ƣ of that document, typed with ư and typed without marks, are in
  // it: with its title, which finds it, they still find it, and not as some of the words.
  std::string phrase = words_around_oi(defective_body);
  REQUIRE_MESSAGE(phrase.find("ư") != std::string::npos, phrase);
  std::string title = gazette::text::repair_oi(field(defective_source, "title"));
  REQUIRE_FALSE(title.empty());
  for (const std::string& typed :
       {"\"" + phrase + "\" " + title, gazette::text::fold("\"" + phrase + "\" " + title)}) {
    auto r = c.find(typed, 100);
    CHECK_MESSAGE(!r.relaxed, typed);
    bool found = false;
    for (const auto& h : r.hits)
      found |= h.listing.url.find("/" + defective + "/") != std::string::npos;
    CHECK_MESSAGE(found, typed);
  }
}

TEST_CASE("relevance: a misspelled word on the corpus gets the right suggestion") {
  if (!corpus_available()) return;
  Corpus c;
  CHECK(c.find("nang suatt").suggestion == "nang suat");
  CHECK(c.find("chaat luong").suggestion == "chat luong");
}

TEST_CASE("relevance: \"năng xuất\" on the corpus is searched as \"năng suất\"") {
  Corpus c;
  auto r = c.find("năng xuất");
  CHECK(r.corrected);
  CHECK(r.suggestion == "năng suất");
  REQUIRE_FALSE(r.hits.empty());
  // The first hits have the words as meant, not "đề xuất" or "sản xuất".
  for (std::size_t i = 0; i < 3 && i < r.hits.size(); ++i) {
    CHECK_MESSAGE(r.hits[i].snippet_html.find("<mark>suất</mark>") != std::string::npos,
                  r.hits[i].snippet_html);
  }
  CHECK(c.find("nang suaats").suggestion == "nang suất");  // Telex with the input method off
  CHECK(c.find("khoi nhiep").suggestion == "khoi nghiep");
}

TEST_CASE("relevance: open calls come first on the corpus, and are counted") {
  Corpus c;
  auto now = *gazette::parse_rfc3339("2026-11-25T09:00:00+07:00");
  for (const char* text : {"nang suat", "năng suất chất lượng", "đề xuất nhiệm vụ"}) {
    auto r = c.find(text, 20);
    REQUIRE_MESSAGE(r.hits.size() == 20, text);
    CHECK_MESSAGE(r.open > 0, text);
    std::size_t open_on_page = 0;
    for (const auto& hit : r.hits) {
      const auto& h = hit.listing;
      open_on_page += h.deadline && h.deadline->epoch_seconds > now.epoch_seconds &&
                      !(h.opens && h.opens->epoch_seconds > now.epoch_seconds) && !h.withdrawn;
    }
    // As many of the first page as there are open matches to fill it.
    CHECK_MESSAGE(open_on_page == std::min<std::size_t>(r.open, 20), text);
    std::size_t facet = 0;
    for (const auto& f : r.facets) {
      if (f.name == "open") facet = f.values[0].second;
    }
    CHECK_MESSAGE(facet == r.open, text);
  }
}

TEST_CASE("relevance: date ranges and open calls on the corpus") {
  if (!corpus_available()) return;
  Corpus c;
  gazette::search::Query q;
  q.now = *gazette::parse_rfc3339("2026-11-25T09:00:00+07:00");
  q.issued_from = gazette::Date{2025, 1, 1};
  q.issued_to = gazette::Date{2025, 12, 31};
  q.page_size = 100;
  auto r = must_search(*c.searcher, q);
  REQUIRE(r.total > 0);
  REQUIRE_FALSE(r.hits.empty());
  for (const auto& h : r.hits) {
    CHECK(h.listing.issued.year == 2025);
  }
  q = {};
  q.now = *gazette::parse_rfc3339("2026-11-25T09:00:00+07:00");
  q.open = true;
  q.page_size = 100;
  auto open = must_search(*c.searcher, q);
  REQUIRE_FALSE(open.hits.empty());  // the corpus has calls open on its clock
  for (const auto& hit : open.hits) {
    const auto& h = hit.listing;
    REQUIRE(h.deadline);
    CHECK(h.deadline->epoch_seconds > q.now.epoch_seconds);
  }
}

TEST_CASE("site: the interface is English when site.toml says so") {
  TempSite site(
      {{"site.toml", "title = \"Notices\"\nlanguage = \"en\"\n"},
       {"content/notices/a.md", notice("Đề xuất", "deadline = 2023-04-25T17:00:00+07:00\n")}});
  REQUIRE(site.build().report.ok);
  std::string html = site.page("notice/2023/a/index.html");
  CHECK(contains(html, "<html lang=\"en\""));
  CHECK(contains(html, "Skip to main content"));
  CHECK(contains(html, "17:00 (UTC+7), 25 April 2023"));
  CHECK(contains(html, "Closing soon"));
}

TEST_CASE("site: an archived round keeps its pages, with a banner, and its own index") {
  TempSite site({
      {"site.toml", "title = \"T\"\n[[archive]]\nprogram = \"1322\"\nround = 2024\n"},
      {"content/programs/1322.md",
       "+++\ntitle = \"Chương trình 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\nx\n"},
      {"content/notices/old.md", notice("Đợt 2024", "program = \"1322\"\nround = 2024\n",
                                        "Thông báo đợt cũ về năng suất.\n")},
      {"content/notices/new.md", notice("Đợt 2026", "program = \"1322\"\nround = 2026\n")},
  });
  REQUIRE(site.build().report.ok);
  CHECK(contains(site.page("notice/2023/old/index.html"), "banner-archive"));
  CHECK(contains(site.page("program/1322/2024/index.html"), "banner-archive"));
  CHECK_FALSE(contains(site.page("notice/2023/new/index.html"), "banner-archive"));
  CHECK(site.exists(".gazette/search/archive/1322-2024/gazette-complete"));
  auto searcher = gazette::search::Searcher::open(site.path() / ".gazette/search", {});
  REQUIRE(searcher.ok());
  gazette::search::Query q;
  q.text = "dot cu nang suat";
  q.now = *gazette::parse_rfc3339("2023-04-20T09:00:00+07:00");
  auto r = must_search(**searcher, q);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].listing.url == "/notice/2023/old/");
}

TEST_CASE("cli: gazette search prints results with their addresses, and JSON") {
  TempSite site({{"content/notices/a.md",
                  notice("Hỗ trợ năng suất", "", "Doanh nghiệp nâng cao năng suất.\n")}});
  REQUIRE(site.build().report.ok);
  TempDir scratch;
  std::string out = (scratch.path() / "out").string();
  std::string cmd = "cd '" + site.path().string() + "' && '" + GAZETTE_BINARY +
                    "' search 'nang suat' > '" + out + "' 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string text = scratch.read("out");
  CHECK(contains(text, "1 result"));
  CHECK(contains(text, "1. Hỗ trợ năng suất"));
  CHECK(contains(text, "http://127.0.0.1:8080/notice/2023/a/"));
  CHECK(contains(text, "*năng* *suất*"));
  cmd = "'" + std::string(GAZETTE_BINARY) + "' search --site '" + site.path().string() +
        "' 'nang suat' --json > '" + out + "' 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(contains(scratch.read("out"), "\"url\":\"/notice/2023/a/\""));
}
