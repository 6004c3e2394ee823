// The live index merged from kept segments is the database a build from nothing writes.
#include <xapian.h>

#include <set>

#include "segments.hpp"
#include "test_index.hpp"

namespace gazette::search {
namespace {

namespace fs = std::filesystem;
using testing::record;

// Enough records for several segments, each with words of its own and words shared.
std::vector<Record> many_records(std::size_t count) {
  static const char* const kWords[] = {"năng suất",   "chất lượng", "đổi mới",   "sáng tạo",
                                       "nông nghiệp", "công nghệ",  "Điện Biên", "đề xuất"};
  std::vector<Record> records;
  for (std::size_t i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    records.push_back(record("/notice/" + n + "/", "Thông báo " + n + " " + kWords[i % 8],
                             std::string("Về ") + kWords[(i * 3) % 8] + " và " +
                                 kWords[(i * 5) % 8] + ", số " + n + "."));
  }
  return records;
}

std::vector<const Record*> pointers(const std::vector<Record>& records) {
  std::vector<const Record*> out;
  out.reserve(records.size());
  for (const Record& r : records) out.push_back(&r);
  return out;
}

std::set<std::string> digests(const std::vector<detail::Segment>& segments) {
  std::set<std::string> out;
  for (const auto& s : segments) out.insert(s.digest);
  return out;
}

// Everything a database holds, in docid order: each document's data, terms with wdf and
// positions, values; the spellings; the metadata; the statistics.
std::string dump(const fs::path& dir) {
  Xapian::Database db(dir.string());
  std::string out = "docs " + std::to_string(db.get_doccount()) + " length " +
                    std::to_string(db.get_total_length()) + "\n";
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    out += "doc " + std::to_string(*it) + " " + doc.get_data() + "\n";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out += " " + *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out += "," + std::to_string(*p);
      }
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      out += " v" + std::to_string(v.get_valueno()) + "=" + *v;
    }
    out += "\n";
  }
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
    out += "spell " + *s + " " + std::to_string(s.get_termfreq()) + "\n";
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
    out += "meta " + *k + "=" + db.get_metadata(*k) + "\n";
  }
  return out;
}

fs::path live_database(const fs::path& index_dir) {
  return index_dir / fs::read_symlink(index_dir / "live");
}

std::size_t segment_dirs(const fs::path& index_dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(index_dir / "segments")) {
    if (e.path().filename().string().find(".tmp-") == std::string::npos) ++n;
  }
  return n;
}

TEST_CASE("segments: a record added or removed changes its own segment, not the others") {
  auto records = many_records(3000);
  auto before = detail::cut_segments(pointers(records));
  REQUIRE(before.size() >= 5);
  for (const auto& s : before) CHECK(s.records.size() <= detail::kSegmentMost);

  auto added = records;
  added.insert(added.begin() + 1500, record("/notice/new/", "Thông báo mới", "Nội dung mới."));
  auto after = detail::cut_segments(pointers(added));
  std::set<std::string> old = digests(before), now = digests(after);
  std::size_t changed = 0;
  for (const auto& d : now) changed += old.count(d) == 0;
  CHECK(changed >= 1);
  CHECK(changed <= 2);  // the one it falls in, split in two if it is itself a cut

  auto removed = records;
  removed.erase(removed.begin() + 10);
  now = digests(detail::cut_segments(pointers(removed)));
  changed = 0;
  for (const auto& d : now) changed += old.count(d) == 0;
  CHECK(changed == 1);
}

TEST_CASE("segments: an index updated from kept segments equals one written from nothing") {
  TempDir dir;
  auto records = many_records(3000);
  auto first = write_index(records, {}, dir.path() / "index", 2, "c1");
  REQUIRE(first.ok());
  CHECK(first->report.segments_kept == 0);
  std::size_t segments = first->report.segments_written;
  REQUIRE(segments >= 5);
  REQUIRE(switch_index(*first).ok());

  // An edit, an addition, a removal, a new commit.
  records[700].body = "Hạn nộp hồ sơ đã được gia hạn.";
  records.insert(records.begin() + 2000, record("/notice/new/", "Thông báo mới", "Nội dung."));
  records.erase(records.begin() + 2500);
  auto updated = write_index(records, {}, dir.path() / "index", 2, "c2");
  REQUIRE(updated.ok());
  CHECK(updated->report.segments_written >= 3);
  CHECK(updated->report.segments_written <= 4);
  CHECK(updated->report.segments_kept + updated->report.segments_written >= segments - 1);
  REQUIRE(switch_index(*updated).ok());
  // Only this index's segments stay.
  CHECK(segment_dirs(dir.path() / "index") ==
        updated->report.segments_kept + updated->report.segments_written);

  auto whole = write_index(records, {}, dir.path() / "whole", 2, "c2", false);
  REQUIRE(whole.ok());
  CHECK(whole->report.segments_kept == 0);
  std::string merged = dump(updated->generation), written = dump(whole->generation);
  CHECK(merged.find("Hạn nộp hồ sơ đã được gia hạn.") != std::string::npos);
  CHECK(merged.find("meta source_commit=c2") != std::string::npos);
  CHECK(merged == written);

  // And the same as written with another number of threads.
  auto one_thread = write_index(records, {}, dir.path() / "one", 1, "c2", false);
  REQUIRE(one_thread.ok());
  CHECK(dump(one_thread->generation) == written);
  CHECK(live_database(dir.path() / "index") == updated->generation);
}

}  // namespace
}  // namespace gazette::search
