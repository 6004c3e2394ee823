// End-to-end: Atom feeds' dates from real git history: an entry is published when its file was
// first committed and updated when it was last amended (a minor change does not count), and a
// feed is as new as its newest entry.
#include <doctest/doctest.h>

#include <regex>

#include "temp_site.hpp"
#include "test_repo.hpp"

using gazette::history::test::TestRepo;

namespace {

constexpr std::int64_t kApril13 = 1681351200;  // 2023-04-13T09:00:00+07:00
constexpr std::int64_t kDay = 86400;

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Entry {
  std::string published, updated;
};

// The entries of a feed by their link, and the feed's own <updated>.
struct Feed {
  std::string updated;
  std::map<std::string, Entry> entries;
};

Feed parse_feed(const std::string& xml) {
  Feed feed;
  std::size_t first_entry = xml.find("<entry>");
  std::smatch m;
  std::string head = xml.substr(0, first_entry);
  if (std::regex_search(head, m, std::regex("<updated>([^<]+)</updated>"))) feed.updated = m[1];
  static const std::regex kEntry(
      "<entry>[\\s\\S]*?href=\"http://127.0.0.1:8080(/[^\"]*)\"[\\s\\S]*?<published>([^<]+)"
      "</published>\\s*<updated>([^<]+)</updated>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), kEntry); it != std::sregex_iterator();
       ++it) {
    feed.entries[(*it)[1]] = Entry{(*it)[2], (*it)[3]};
  }
  return feed;
}

std::string doc(const std::string& title, const std::string& body) {
  return "+++\ntitle = \"" + title +
         "\"\nkind = \"notice\"\nissued = 2023-04-12\nprogram = \"1322\"\nprovince = \"Điện "
         "Biên\"\n+++\n" +
         body + "\n";
}

}  // namespace

TEST_CASE("feeds: published is the first commit, updated the last amendment, not a minor fix") {
  TestRepo repo;
  repo.write("site.toml", "title = \"T\"\n");
  repo.write(".gitignore", "/public/\n/.gazette/\n");
  repo.write(
      "content/programs/1322.md",
      "+++\ntitle = \"Chương trình 1322\"\nissued = 2020-08-31\nprogram = \"1322\"\n+++\nx\n");
  repo.write("content/notices/amended.md", doc("Được sửa", "Bản đầu."));
  repo.write("content/notices/minor.md", doc("Sửa nhỏ", "Bản đầu."));
  repo.commit("Đăng", {}, kApril13);
  repo.write("content/notices/later.md", doc("Đăng sau", "Mới."));
  repo.commit("Đăng thêm", {}, kApril13 + kDay, 0);  // a committer at UTC
  // The newest change of the feed is an amendment, after every first publication.
  repo.write("content/notices/amended.md", doc("Được sửa", "Bản sửa đổi."));
  repo.commit("Sửa đổi\n\nChange-Note: Bổ sung nội dung\n", {}, kApril13 + 3 * kDay);
  repo.write("content/notices/amended.md", doc("Được sửa", "Bản sửa đổi, sửa chính tả."));
  repo.write("content/notices/minor.md", doc("Sửa nhỏ", "Bản đầu, sửa chính tả."));
  repo.commit("Chính tả\n\nUpdate-Type: minor\n", {}, kApril13 + 4 * kDay);
  repo.write("content/notices/draft.md", doc("Chưa đăng", "Nháp."));  // not committed

  auto built = build_site(repo.root(), "2023-04-27T09:00:00+07:00");
  REQUIRE_MESSAGE(built.report.ok, built.messages());

  std::map<std::string, Entry> want = {
      {"/notice/2023/amended/", {"2023-04-13T09:00:00+07:00", "2023-04-16T09:00:00+07:00"}},
      {"/notice/2023/minor/", {"2023-04-13T09:00:00+07:00", "2023-04-13T09:00:00+07:00"}},
      {"/notice/2023/later/", {"2023-04-14T02:00:00Z", "2023-04-14T02:00:00Z"}},
      // Not committed: the day it was issued, in the site's time zone.
      {"/notice/2023/draft/", {"2023-04-12T00:00:00+07:00", "2023-04-12T00:00:00+07:00"}},
  };
  for (const char* path :
       {"feed.xml", "notice/feed.xml", "program/1322/feed.xml", "province/dien-bien/feed.xml"}) {
    CAPTURE(std::string(path));
    Feed feed = parse_feed(read(repo.root() / "public" / path));
    REQUIRE(feed.entries.size() == want.size());
    for (const auto& wanted : want) {
      const auto& url = wanted.first;  // not a structured binding: clang 14 cannot capture it
      const auto& entry = wanted.second;
      CAPTURE(url);
      REQUIRE(feed.entries.count(url));
      CHECK(feed.entries[url].published == entry.published);
      CHECK(feed.entries[url].updated == entry.updated);
    }
    // A feed reader asks whether the feed changed by its <updated>: it is the newest entry's.
    auto newest = *gazette::parse_rfc3339("2023-04-16T09:00:00+07:00");
    REQUIRE_FALSE(feed.updated.empty());
    auto updated = gazette::parse_rfc3339(feed.updated);
    REQUIRE(updated);
    CHECK(updated->epoch_seconds == newest.epoch_seconds);
  }
}

TEST_CASE("feeds: outside git an entry is published and updated on its issued day") {
  TempSite site({{"site.toml", "title = \"T\"\ntimezone = \"Asia/Tokyo\"\n"},
                 {"content/notices/a.md", notice("A")}});
  REQUIRE(site.build("2023-04-20T09:00:00+09:00").report.ok);
  Feed feed = parse_feed(site.page("feed.xml"));
  REQUIRE(feed.entries.count("/notice/2023/a/"));
  CHECK(feed.entries["/notice/2023/a/"].published == "2023-04-12T00:00:00+09:00");
  CHECK(feed.entries["/notice/2023/a/"].updated == "2023-04-12T00:00:00+09:00");
  CHECK(feed.updated == "2023-04-12T00:00:00+09:00");
}
